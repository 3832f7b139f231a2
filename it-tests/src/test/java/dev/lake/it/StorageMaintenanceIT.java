package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.maintenance.OptimizeResult;
import dev.lake.engine.maintenance.VacuumOptions;
import dev.lake.engine.maintenance.VacuumResult;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Table maintenance on every storage backend, the same code for each: OPTIMIZE (bin-packing) of
 * a partitioned table written in many small commits, Z-ORDER, a checkpoint, VACUUM (dry run,
 * the retention check, then for real). After each step the rows are exactly the same, read by
 * lake and by Delta Kernel's own reader; after VACUUM the versions whose files are gone fail
 * cleanly and the current one reads on.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StorageMaintenanceIT {
  static final String COLUMNS = "id BIGINT, region STRING, day DATE, amount DECIMAL(10,2)";
  static final int COMMITS = 8;
  static final int ROWS_PER_COMMIT = 12;

  @BackendTest
  void optimizeZOrderCheckpointAndVacuum(StorageEndpoint storage) {
    String location = storage.newLakeLocation("maint");
    try (Lake lake = storage.open(location)) {
      Table t = lake.createTable("events",
          TableDefinition.of(TypeParser.parseColumns(COLUMNS)).withPrimaryKey("id").withPartitionColumns("region"));
      for (int c = 0; c < COMMITS; c++) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS_PER_COMMIT; i++) {
          long id = (long) c * ROWS_PER_COMMIT + i;
          rows.add(new Object[] {id, id % 2 == 0 ? "east" : "west", LocalDate.of(2024, 1, 1).plusDays(id % 31),
              BigDecimal.valueOf(id * 37 % 1000, 2)});
        }
        t.insert(rows);
      }
      t.delete(Predicate.eq("id", 5L));
      long written = t.snapshot().version();
      assertThat(written).isEqualTo(COMMITS + 1);
      List<List<Object>> expected = sorted(LakeRows.all(t.snapshot()));
      assertThat(expected).hasSize(COMMITS * ROWS_PER_COMMIT - 1);
      int filesBefore = t.snapshot().dataFiles().size();
      assertThat(filesBefore).isEqualTo(2 * COMMITS);

      // OPTIMIZE: one commit, one file per partition, same rows.
      OptimizeResult opt = t.optimize(OptimizeOptions.defaults());
      assertThat(opt.committed()).isTrue();
      assertThat(opt.version()).isEqualTo(written + 1);
      assertThat(opt.filesRemoved()).isEqualTo(filesBefore);
      assertThat(opt.filesAdded()).isEqualTo(2);
      assertThat(opt.partitionsOptimized()).isEqualTo(2);
      assertThat(t.snapshot().dataFiles()).hasSize(2);
      assertSameRows(lake, t, expected);
      // Nothing left to compact: no commit.
      OptimizeResult again = t.optimize(OptimizeOptions.defaults());
      assertThat(again.committed()).isFalse();
      assertThat(t.latestVersion()).isEqualTo(written + 1);

      // Z-ORDER of one partition (a partition predicate), same rows.
      OptimizeResult z = t.optimize(OptimizeOptions.defaults().where(Predicate.eq("region", "east")).zOrderBy(List.of("day", "amount")));
      assertThat(z.committed()).isTrue();
      assertThat(z.version()).isEqualTo(written + 2);
      assertThat(z.partitionsOptimized()).isEqualTo(1);
      assertSameRows(lake, t, expected);
      assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().where(Predicate.eq("amount", BigDecimal.ONE))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("amount");
      assertThat(t.history()).extracting(HistoryEntry::operation).endsWith("OPTIMIZE", "OPTIMIZE");

      // A checkpoint at the latest version; a new engine instance starts from it.
      long checkpointed = t.checkpoint();
      assertThat(checkpointed).isEqualTo(written + 2);

      // VACUUM: a retention below the table's is refused unless asked for; a dry run deletes nothing.
      assertThatThrownBy(() -> t.vacuum(VacuumOptions.defaults().retain(Duration.ZERO)))
          .isInstanceOf(InvalidInputException.class);
      VacuumResult dry = t.vacuum(VacuumOptions.defaults().retain(Duration.ZERO).allowShortRetention(true).dryRun(true));
      assertThat(dry.dryRun()).isTrue();
      // The file the DELETE rewrote, the 16 small files OPTIMIZE replaced, the east file of Z-ORDER.
      assertThat(dry.paths()).hasSize(filesBefore + 2);
      assertThat(sorted(LakeRows.all(t.snapshotAt(written)))).isEqualTo(expected);

      VacuumResult done = t.vacuum(VacuumOptions.defaults().retain(Duration.ZERO).allowShortRetention(true));
      assertThat(done.dryRun()).isFalse();
      assertThat(done.filesDeleted()).isEqualTo(filesBefore + 2);
      assertThat(done.bytesDeleted()).isPositive();
      assertSameRows(lake, t, expected);
      // Versions whose files are gone: a clear error, not garbage.
      assertThatThrownBy(() -> LakeRows.all(t.snapshotAt(written))).isInstanceOf(LakeException.class);
      // Nothing more to delete.
      assertThat(t.vacuum(VacuumOptions.defaults().retain(Duration.ZERO).allowShortRetention(true)).filesDeleted()).isZero();
    }
    try (Lake again = storage.open(location)) {
      Table t = again.table("events");
      assertThat(t.snapshot().version()).isEqualTo(COMMITS + 3);
      assertThat(LakeRows.all(t.snapshot())).hasSize(COMMITS * ROWS_PER_COMMIT - 1);
      // Writes go on after maintenance.
      assertThat(t.insert(List.<Object[]>of(new Object[] {1000L, "east", LocalDate.of(2024, 2, 1), BigDecimal.ONE})).version())
          .isEqualTo(COMMITS + 4);
    }
  }

  private static void assertSameRows(Lake lake, Table t, List<List<Object>> expected) {
    assertThat(sorted(LakeRows.all(t.snapshot()))).isEqualTo(expected);
    assertThat(sorted(new KernelRows(lake.storage().hadoopConf()).all(t.path()))).isEqualTo(expected);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> (Long) r.get(0)));
    return out;
  }
}
