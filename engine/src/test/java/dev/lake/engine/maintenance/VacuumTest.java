package dev.lake.engine.maintenance;

import static dev.lake.engine.maintenance.MaintenanceFixtures.contents;
import static dev.lake.engine.maintenance.MaintenanceFixtures.parquetFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.TypeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VACUUM on real tables: what it deletes, what it keeps, and what time travel sees after. */
class VacuumTest {
  private static final VacuumOptions NOW = VacuumOptions.defaults().retain(Duration.ZERO).allowShortRetention(true);

  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.toString());
  }

  @AfterEach
  void close() {
    lake.close();
  }

  /** v1..v3 inserts (3 files), v4 OPTIMIZE (removes them, adds 1), v5 DELETE (rewrites it). */
  private Table withHistory(String name, Map<String, String> props) {
    Table t = lake.createTable(name, TableDefinition.of(AllTypes.SCHEMA).withProperties(props));
    for (int i = 0; i < 3; i++) {
      t.insert(AllTypes.rows(i * 10, i * 10 + 10));
    }
    t.optimize(OptimizeOptions.defaults());
    t.delete(Predicate.eq("id", 0L));
    return t;
  }

  @Test
  void dryRunListsAndDeletesNothingThenTheRealRunDeletesExactlyThat() {
    Table t = withHistory("t", Map.of());
    Path table = dir.resolve("t");
    List<String> current = contents(t.snapshot());
    long version = t.latestVersion();
    assertThat(parquetFiles(table)).isEqualTo(5);

    VacuumResult dry = t.vacuum(NOW.dryRun(true));

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.filesDeleted()).isEqualTo(4);
    assertThat(dry.paths()).hasSize(4).allSatisfy(p -> assertThat(p).endsWith(".parquet").doesNotContain("/"));
    assertThat(dry.bytesDeleted()).isPositive();
    assertThat(parquetFiles(table)).isEqualTo(5);
    assertThat(contents(t.snapshotAt(1))).hasSize(10);

    VacuumResult real = t.vacuum(NOW);

    assertThat(real.dryRun()).isFalse();
    assertThat(real.paths()).isEqualTo(dry.paths());
    assertThat(real.bytesDeleted()).isEqualTo(dry.bytesDeleted());
    assertThat(parquetFiles(table)).isEqualTo(1);
    for (String p : real.paths()) {
      assertThat(table.resolve(p)).doesNotExist();
    }
    // No commit, the current version reads as before, and the log is whole.
    assertThat(t.latestVersion()).isEqualTo(version);
    assertThat(contents(t.snapshot())).isEqualTo(current);
    assertThat(t.history()).hasSize((int) version + 1);
    // A second run finds nothing.
    assertThat(t.vacuum(NOW).filesDeleted()).isZero();
  }

  @Test
  void timeTravelToAVacuumedVersionFailsClearly() {
    Table t = withHistory("t", Map.of());
    t.vacuum(NOW);

    assertThatThrownBy(() -> contents(t.snapshotAt(2)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("version 2")
        .hasMessageContaining("VACUUM");
    // The current version is unaffected.
    assertThat(contents(t.snapshot())).hasSize(29);
  }

  @Test
  void filesRemovedWithinTheRetentionSurviveAndOldVersionsStillRead() {
    Table t = withHistory("t", Map.of());
    List<String> v1 = contents(t.snapshotAt(1));

    VacuumResult r = t.vacuum(VacuumOptions.defaults());

    assertThat(r.filesDeleted()).isZero();
    assertThat(parquetFiles(dir.resolve("t"))).isEqualTo(5);
    assertThat(contents(t.snapshotAt(1))).isEqualTo(v1);
  }

  @Test
  void aRetentionBelowTheTablesIsRefusedNamingTheOption() {
    Table t = withHistory("t", Map.of("delta.deletedFileRetentionDuration", "interval 2 hours"));

    assertThatThrownBy(() -> t.vacuum(VacuumOptions.defaults().retain(Duration.ofHours(1))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allowShortRetention")
        .hasMessageContaining("delta.deletedFileRetentionDuration");
    assertThatThrownBy(() -> t.vacuum(VacuumOptions.defaults().retain(Duration.ZERO)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(parquetFiles(dir.resolve("t"))).isEqualTo(5);
    // At or above the table's retention is fine (and finds nothing: everything is recent).
    assertThat(t.vacuum(VacuumOptions.defaults().retain(Duration.ofHours(3))).filesDeleted()).isZero();
    assertThatThrownBy(() -> VacuumOptions.defaults().retain(Duration.ofHours(-1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("retain");
  }

  @Test
  void untrackedFilesGoOnlyWhenOlderThanTheRetentionAndHiddenOnesStay() throws IOException {
    Table t = lake.createTable("t",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT, k STRING"))
            .withPartitionColumns("k")
            .withProperties(Map.of("delta.deletedFileRetentionDuration", "interval 1 hours")));
    t.insert(List.<Object[]>of(new Object[] {1L, "a"}, new Object[] {2L, "b"}));
    Path table = dir.resolve("t");
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(3)));
    Path orphanOld = write(table.resolve("k=a/part-orphan-old.parquet"), old);
    Path orphanNew = write(table.resolve("k=a/part-orphan-new.parquet"), null);
    Path rootOld = write(table.resolve("stray.bin"), old);
    Path cdcOld = write(table.resolve("_change_data/cdc-00000.parquet"), old);
    Path hiddenDir = write(table.resolve("_tmp/x.parquet"), old);
    Path hiddenFile = write(table.resolve("k=a/.part-orphan-old.parquet.crc"), old);
    Path underscoreFile = write(table.resolve("_SUCCESS"), old);
    List<Path> log;
    try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
      log = s.toList();
    }
    for (Path p : log) {
      Files.setLastModifiedTime(p, old);
    }

    VacuumResult r = t.vacuum(VacuumOptions.defaults());

    assertThat(r.paths()).containsExactly("_change_data/cdc-00000.parquet", "k=a/part-orphan-old.parquet", "stray.bin");
    assertThat(orphanOld).doesNotExist();
    assertThat(rootOld).doesNotExist();
    assertThat(cdcOld).doesNotExist();
    assertThat(orphanNew).exists();
    assertThat(hiddenDir).exists();
    assertThat(hiddenFile).exists();
    assertThat(underscoreFile).exists();
    assertThat(log).allSatisfy(p -> assertThat(p).exists());
    assertThat(contents(t.snapshot())).hasSize(2);
  }

  @Test
  void partitionValuesThatNeedEscapingMatchTheListing() {
    Table t = lake.createTable("p",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT, k STRING")).withPartitionColumns("k"));
    for (long i = 0; i < 3; i++) {
      t.insert(List.<Object[]>of(new Object[] {i, "a b/c:d%e"}, new Object[] {i + 10, "plain"}));
    }
    t.optimize(OptimizeOptions.defaults());
    List<String> current = contents(t.snapshot());

    VacuumResult r = t.vacuum(NOW);

    // The 6 replaced files go; the 2 current ones (one per partition) stay and still read.
    assertThat(r.filesDeleted()).isEqualTo(6);
    assertThat(parquetFiles(dir.resolve("p"))).isEqualTo(2);
    assertThat(contents(t.snapshot())).isEqualTo(current).hasSize(6);
  }

  @Test
  void aReaderOfTheCurrentVersionIsUnaffected() {
    Table t = withHistory("t", Map.of());
    List<String> expected = contents(t.snapshot());
    Scan scan = t.snapshot().scan().build();
    int rows = 0;
    try (Scan.BatchIterator it = scan.batches()) {
      // The reader has listed its files before VACUUM runs.
      assertThat(it.hasNext()).isTrue();
      t.vacuum(NOW);
      while (it.hasNext()) {
        RowBatch b = it.next();
        rows += b.size();
      }
    }
    assertThat(rows).isEqualTo(expected.size());
    assertThat(contents(t.snapshot())).isEqualTo(expected);
  }

  private static Path write(Path file, FileTime mtime) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not data");
    if (mtime != null) {
      Files.setLastModifiedTime(file, mtime);
    }
    return file;
  }
}
