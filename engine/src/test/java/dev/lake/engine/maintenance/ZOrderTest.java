package dev.lake.engine.maintenance;

import static dev.lake.engine.maintenance.MaintenanceFixtures.contents;
import static dev.lake.engine.maintenance.MaintenanceFixtures.scanMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.ScanMetrics;
import dev.lake.engine.types.TypeParser;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE ZORDER BY: same rows, and point/range predicates on each column skip more files. */
class ZOrderTest {
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

  /** 16 files of 500 random rows each: every file spans the whole range of every column. */
  private Table scattered() {
    Table t = lake.createTable("pts",
        TableDefinition.of(TypeParser.parseColumns("x INT, name STRING, day DATE, score DOUBLE, payload STRING")));
    Random random = new Random(42);
    for (int f = 0; f < 16; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        int x = random.nextInt(1000);
        rows.add(new Object[] {
          x,
          String.format("name-%04d", random.nextInt(1000)),
          LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1000)),
          random.nextInt(10) == 0 ? null : random.nextDouble() * 1000,
          "p" + (f * 500 + i)
        });
      }
      t.insert(rows);
    }
    return t;
  }

  @Test
  void zOrderKeepsRowsAndPrunesFilesOnEveryColumn() {
    Table t = scattered();
    List<String> before = contents(t.snapshot());
    Predicate onX = Predicate.eq("x", 500);
    Predicate onName = new Predicate.And(
        new Predicate.Comparison("name", Predicate.Op.GE, "name-0100"),
        new Predicate.Comparison("name", Predicate.Op.LT, "name-0130"));
    Predicate onDay = Predicate.eq("day", LocalDate.of(2021, 6, 1));
    ScanMetrics xBefore = scanMetrics(t.snapshot(), onX);
    ScanMetrics nameBefore = scanMetrics(t.snapshot(), onName);
    ScanMetrics dayBefore = scanMetrics(t.snapshot(), onDay);
    assertThat(xBefore.filesRead()).isEqualTo(16);
    long totalBytes = t.snapshot().dataFiles().stream().mapToLong(f -> f.size()).sum();

    OptimizeResult r =
        t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("x", "name", "day")).targetFileSizeBytes(totalBytes / 64));

    assertThat(r.committed()).isTrue();
    assertThat(r.filesRemoved()).isEqualTo(16);
    assertThat(r.filesAdded()).isGreaterThanOrEqualTo(16);
    assertThat(contents(t.snapshot())).isEqualTo(before);
    ScanMetrics xAfter = scanMetrics(t.snapshot(), onX);
    ScanMetrics nameAfter = scanMetrics(t.snapshot(), onName);
    ScanMetrics dayAfter = scanMetrics(t.snapshot(), onDay);
    assertThat(xAfter.filesTotal()).isEqualTo(r.filesAdded());
    // Fewer files read on each Z-ordered column, and a larger share of files skipped.
    // (Before, every file spans every column's whole range: nothing is skipped.)
    for (ScanMetrics[] m : List.of(
        new ScanMetrics[] {xBefore, xAfter}, new ScanMetrics[] {nameBefore, nameAfter},
        new ScanMetrics[] {dayBefore, dayAfter})) {
      assertThat(m[0].filesSkipped()).isZero();
      assertThat(m[1].filesSkipped()).isPositive();
      assertThat(readShare(m[1])).isLessThan(readShare(m[0]));
    }
    assertThat(readShare(xAfter)).isLessThan(0.5);
    assertThat(xAfter.rowsReturned()).isEqualTo(xBefore.rowsReturned());
    assertThat(nameAfter.rowsReturned()).isEqualTo(nameBefore.rowsReturned());
    assertThat(dayAfter.rowsReturned()).isEqualTo(dayBefore.rowsReturned());

    HistoryEntry h = t.history().get(t.history().size() - 1);
    assertThat(h.operation()).isEqualTo("OPTIMIZE");
    assertThat(h.parameters()).containsEntry("zOrderBy", "[\"x\",\"name\",\"day\"]");
  }

  private static double readShare(ScanMetrics m) {
    return (double) m.filesRead() / m.filesTotal();
  }

  @Test
  void zOrderOnAPartitionedTableSortsEachPartition() {
    Table t = lake.createTable("p",
        TableDefinition.of(TypeParser.parseColumns("k STRING, a BIGINT, b DOUBLE")).withPartitionColumns("k"));
    for (int f = 0; f < 3; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        rows.add(new Object[] {i % 2 == 0 ? "even" : "odd", (long) (f * 50 + i), i % 5 == 0 ? null : i * 1.5});
      }
      t.insert(rows);
    }
    List<String> before = contents(t.snapshot());
    OptimizeResult r = t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("b", "a")));
    assertThat(r.partitionsOptimized()).isEqualTo(2);
    assertThat(r.filesRemoved()).isEqualTo(6);
    assertThat(r.filesAdded()).isEqualTo(2);
    assertThat(contents(t.snapshot())).isEqualTo(before);
  }

  @Test
  void refusesUnknownPartitionAndNestedColumnsNamingThem() {
    Table t = lake.createTable("t",
        TableDefinition.of(TypeParser.parseColumns("k STRING, a BIGINT, tags ARRAY<STRING>, m MAP<STRING, INT>"))
            .withPartitionColumns("k"));
    t.insert(List.<Object[]>of(new Object[] {"x", 1L, List.of("a"), null}));
    t.insert(List.<Object[]>of(new Object[] {"x", 2L, null, null}));
    long version = t.latestVersion();

    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("nope"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("a", "k"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column k").hasMessageContaining("partition");
    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("tags"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column tags").hasMessageContaining("no order");
    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("m"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("column m");
    assertThat(t.latestVersion()).isEqualTo(version);
    assertThat(MaintenanceFixtures.parquetFiles(dir.resolve("t"))).isEqualTo(2);
  }

  @Test
  void interleavingPutsTheMostSignificantBitsFirst() {
    // Two columns, ranks 0b10.. and 0b01..: the key starts with bit 1 of column 0, then bit 1 of column 1.
    long[][] ranks = {{1L << 31}, {1L << 30}};
    long[] key = ZOrder.interleave(ranks, 0, 1);
    assertThat(Long.toBinaryString(key[0])).startsWith("1001");
    assertThat(Long.toBinaryString(key[0]).length()).isEqualTo(64);
  }

  @Test
  void sortVisitsAGridQuadrantByQuadrantWithNullsFirst() {
    List<Object[]> rows = new ArrayList<>();
    for (int x = 3; x >= 0; x--) {
      for (int y = 3; y >= 0; y--) {
        rows.add(new Object[] {x, y});
      }
    }
    rows.add(new Object[] {null, null});
    ZOrder.sort(rows, new int[] {0, 1});
    assertThat(Arrays.asList(rows.get(0))).containsExactly(null, null);
    // The first quadrant (x, y in 0..1) comes before any row with x or y >= 2.
    for (int i = 1; i <= 4; i++) {
      assertThat((Integer) rows.get(i)[0]).isLessThan(2);
      assertThat((Integer) rows.get(i)[1]).isLessThan(2);
    }
    assertThat(Arrays.asList(rows.get(16))).containsExactly(3, 3);
  }
}
