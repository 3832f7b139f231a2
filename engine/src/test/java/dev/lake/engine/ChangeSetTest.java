package dev.lake.engine;

import static dev.lake.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.ConflictException;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.ChangeSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetTest {
  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.toString());
  }

  @Test
  void withoutAKeyRowsMatchByContentAsAMultiset() {
    Table t = lake.createTable("bag", TableDefinition.of(TypeParser.parseColumns("a INT, b STRING")));
    t.insert(List.of(new Object[] {1, "x"}, new Object[] {1, "x"}, new Object[] {2, "y"}));
    CommitResult r =
        t.apply(new ChangeSet().delete(new Object[] {1, "x"}).update(new Object[] {2, "y"}, new Object[] {2, "z"})
            .insert(new Object[] {3, null}), "WRITE");
    assertThat(r.rowsDeleted()).isEqualTo(1);
    assertThat(r.rowsUpdated()).isEqualTo(1);
    assertThat(r.rowsInserted()).isEqualTo(1);
    assertThat(r.version()).isEqualTo(2);
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, "x"), row(2, "z"), row(3, null));
  }

  @Test
  void aBeforeImageThatIsGoneIsAConflict() {
    Table t = lake.createTable("bag", TableDefinition.of(TypeParser.parseColumns("a INT, b STRING")));
    t.insert(List.<Object[]>of(new Object[] {1, "x"}));
    assertThatThrownBy(() -> t.apply(new ChangeSet().delete(new Object[] {1, "x"}).delete(new Object[] {1, "x"}), "DELETE"))
        .isInstanceOf(ConflictException.class);
    assertThat(t.snapshot().version()).isEqualTo(1);
  }

  @Test
  void withAKeyAConcurrentChangeOfTheSameRowConflictsAndOtherRowsApplyOnTop() {
    Table t = lake.createTable("k", TableDefinition.of(TypeParser.parseColumns("id INT, v STRING")).withPrimaryKey("id"));
    t.insert(List.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    // someone else changes row 1 after we read it
    t.update(Predicate.eq("id", 1), Map.of("v", "other"));
    assertThatThrownBy(() -> t.apply(new ChangeSet().update(new Object[] {1, "a"}, new Object[] {1, "mine"}), "UPDATE"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("(id)=(1)");
    // a change to a row nobody else touched applies on top of their commit
    t.apply(new ChangeSet().update(new Object[] {2, "b"}, new Object[] {2, "mine"}), "UPDATE");
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, "other"), row(2, "mine"));
  }

  @Test
  void keysMayMoveWithinOneSetButNotCollide() {
    Table t = lake.createTable("k", TableDefinition.of(TypeParser.parseColumns("id INT, v STRING")).withPrimaryKey("id"));
    t.insert(List.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    t.apply(new ChangeSet().update(new Object[] {1, "a"}, new Object[] {3, "a"}).insert(new Object[] {1, "new"}), "WRITE");
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, "new"), row(2, "b"), row(3, "a"));
    assertThatThrownBy(() -> t.apply(new ChangeSet().insert(new Object[] {2, "dup"}), "WRITE"))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("(id)=(2)");
  }
}
