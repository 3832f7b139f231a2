package dev.lake.engine.maintenance;

import static dev.lake.engine.maintenance.MaintenanceFixtures.contents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.testing.AllTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHECKPOINT writes a Delta checkpoint that a fresh lake starts from; history and time travel stay. */
class CheckpointTest {
  @TempDir Path dir;

  @Test
  void checkpointIsWrittenAndAFreshLakeOpensFromIt() throws Exception {
    List<String> v2;
    List<String> latest;
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("t", TableDefinition.of(AllTypes.SCHEMA));
      t.insert(AllTypes.rows(0, 10));
      t.insert(AllTypes.rows(10, 20));
      t.delete(Predicate.eq("id", 3L));
      v2 = contents(t.snapshotAt(2));
      latest = contents(t.snapshot());

      long version = t.checkpoint();

      assertThat(version).isEqualTo(3);
      Path log = dir.resolve("t/_delta_log");
      assertThat(log.resolve("00000000000000000003.checkpoint.parquet")).exists();
      assertThat(Files.readString(log.resolve("_last_checkpoint"))).contains("\"version\":3");
      // Again at the same version: nothing new, no error.
      assertThat(t.checkpoint()).isEqualTo(3);
    }
    // Without the commits before it (as after Delta's log cleanup), a reader can only start from the checkpoint.
    for (int v = 0; v < 3; v++) {
      Files.move(
          dir.resolve(String.format("t/_delta_log/%020d.json", v)),
          dir.resolve(String.format("t/%020d.json.moved", v)));
    }
    try (Lake fresh = Lake.open(dir.toString())) {
      Table t = fresh.table("t");
      assertThat(t.snapshot().version()).isEqualTo(3);
      assertThat(contents(t.snapshot())).isEqualTo(latest);
    }
    for (int v = 0; v < 3; v++) {
      Files.move(
          dir.resolve(String.format("t/%020d.json.moved", v)),
          dir.resolve(String.format("t/_delta_log/%020d.json", v)));
    }
    try (Lake fresh = Lake.open(dir.toString())) {
      Table t = fresh.table("t");
      t.insert(AllTypes.rows(100, 101));
      assertThat(t.history()).extracting(h -> h.operation())
          .containsExactly("CREATE TABLE", "WRITE", "WRITE", "DELETE", "WRITE");
      assertThat(contents(t.snapshotAt(2))).isEqualTo(v2);
      assertThat(contents(t.snapshot())).hasSize(latest.size() + 1);
    }
  }
}
