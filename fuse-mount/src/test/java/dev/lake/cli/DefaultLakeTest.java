package dev.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default lake of {@code ./lake sql}: created with a sample table, once. */
class DefaultLakeTest {
  @TempDir Path dir;

  @Test
  void aNewDefaultLakeGetsTheSampleTableOnceAndKeepsItsChanges() {
    Path home = dir.resolve(".lake");
    try (Lake lake = DefaultLake.open(home)) {
      assertThat(lake.tableNames()).containsExactly(DefaultLake.SAMPLE);
      Table sample = lake.table(DefaultLake.SAMPLE);
      assertThat(sample.snapshot().version()).isZero();
      assertThat(sample.snapshot().primaryKey()).containsExactly("id");
      sample.insert(List.<Object[]>of(new Object[] {5L, "fig", null, null, null, null}));
    }
    // Opening it again creates nothing and loses nothing.
    try (Lake lake = DefaultLake.open(home)) {
      assertThat(lake.tableNames()).containsExactly(DefaultLake.SAMPLE);
      assertThat(lake.table(DefaultLake.SAMPLE).snapshot().version()).isEqualTo(1);
    }
  }
}
