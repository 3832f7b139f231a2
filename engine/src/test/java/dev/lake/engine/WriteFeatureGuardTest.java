package dev.lake.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.TypeParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table features whose obligations lake's copy-on-write commits would break are refused before
 * anything is committed, while appends go through (the Spark-created variants of these tables
 * are in it-tests' SparkInteropIT).
 */
class WriteFeatureGuardTest {
  @TempDir Path dir;

  @Test
  void appendOnlyTablesTakeInsertsButRefuseDeleteAndUpdate() {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("log",
          TableDefinition.of(TypeParser.parseColumns("id BIGINT, msg STRING")).withProperties(Map.of("delta.appendOnly", "true")));
      assertThat(t.insert(List.<Object[]>of(new Object[] {1L, "a"}, new Object[] {2L, "b"})).committed()).isTrue();
      long version = t.latestVersion();

      assertThatThrownBy(() -> t.delete(Predicate.eq("id", 1L)))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("table log")
          .hasMessageContaining("appendOnly")
          .hasMessageContaining("nothing was committed");
      assertThatThrownBy(() -> t.update(Predicate.eq("id", 2L), Map.of("msg", "x")))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("UPDATE");
      assertThatThrownBy(t::truncate).isInstanceOf(UnsupportedFeatureException.class);
      assertThat(t.latestVersion()).isEqualTo(version);
      assertThat(Rows.all(t.snapshot())).hasSize(2);
      // Nothing left behind: only the data file of the insert is in the table directory.
      assertThat(dir.resolve("log").toFile().list((d, n) -> n.endsWith(".parquet"))).hasSize(1);
    }
  }

  @Test
  void deleteMatchingNothingOnAnAppendOnlyTableCommitsNothingAndIsNotRefused() {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("log",
          TableDefinition.of(TypeParser.parseColumns("id BIGINT")).withProperties(Map.of("delta.appendOnly", "true")));
      t.insert(List.<Object[]>of(new Object[] {1L}));
      assertThat(t.delete(Predicate.eq("id", 99L)).committed()).isFalse();
    }
  }
}
