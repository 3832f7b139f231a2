package dev.lake.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.testing.ByteCounter;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV size lake records on each data file it writes must be exactly what rendering the file
 * gives — the mount's {@code stat} reports it before rendering — and must not be believed for
 * another layout.
 */
class CsvSizeTagTest {
  @TempDir Path dir;

  /** The bytes CsvExport writes for one file: the truth the tag must match. */
  private static long rendered(Snapshot snap, DataFile f) {
    ByteCounter counter = new ByteCounter();
    CsvExport.writeRows(snap, f, counter);
    return counter.count();
  }

  private static void assertEveryFileTaggedWithItsRenderedSize(Snapshot snap) {
    assertThat(snap.dataFiles()).isNotEmpty();
    for (DataFile f : snap.dataFiles()) {
      assertThat(CsvSizeTag.renderedSize(snap, f)).as("tag of %s", f.id()).hasValue(rendered(snap, f));
    }
  }

  @Test
  void everyWriteTagsItsFilesWithTheirRenderedSizeForEveryType() {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("all", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      t.insert(AllTypes.rows(1, 700)); // edge rows (extremes, Unicode, NULLs) and ordinary rows
      assertEveryFileTaggedWithItsRenderedSize(t.snapshot());

      t.insert(AllTypes.rows(700, 705)); // a small insert
      t.update(Predicate.eq("id", 2L), Map.of("s", "\u00e9t\u00e9, \"quoted\"\nline")); // a rewrite
      t.delete(Predicate.lt("id", 50L)); // a rewrite that keeps the rest of the file
      Snapshot snap = t.snapshot();
      assertEveryFileTaggedWithItsRenderedSize(snap);
      assertThat(snap.dataFiles()).hasSizeGreaterThan(1);
    }
  }

  @Test
  void filesCutInTheMiddleOfABatchEachGetTheSizeOfTheirOwnRows() {
    try (Lake lake = Lake.open(dir.toString())) {
      // The Parquet writer starts a new file when one reaches its target size, checked row by row.
      lake.storage().hadoopConf().set("delta.kernel.default.parquet.writer.targetMaxFileSize", "20000");
      Table t = lake.createTable("all", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      t.insert(AllTypes.rows(1, 3000));
      Snapshot snap = t.snapshot();
      assertThat(snap.dataFiles()).hasSizeGreaterThan(3);
      assertEveryFileTaggedWithItsRenderedSize(snap);
    }
  }

  @Test
  void compactionStreamsBatchesIntoFilesThatSpanThemAndEachFileGetsItsSize() {
    Schema schema = TypeParser.parseColumns("id BIGINT NOT NULL, s STRING");
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("narrow", TableDefinition.of(schema));
      for (int part = 0; part < 3; part++) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = part * 50_000L; id < part * 50_000L + 50_000; id++) {
          rows.add(new Object[] {id, id % 3 == 0 ? null : "v" + id});
        }
        t.insert(rows);
      }
      // OPTIMIZE streams the 150,000 rows to the writer in batches of 65,536; with a small target
      // size files end inside batches and span batch borders.
      lake.storage().hadoopConf().set("delta.kernel.default.parquet.writer.targetMaxFileSize", "300000");
      t.optimize(OptimizeOptions.defaults().targetFileSizeBytes(64L * 1024 * 1024));
      Snapshot snap = t.snapshot();
      assertThat(snap.dataFiles()).hasSizeGreaterThan(3);
      assertEveryFileTaggedWithItsRenderedSize(snap);
    }
  }

  @Test
  void partitionColumnsCountAsTheRenderingShowsThem() {
    Schema schema = TypeParser.parseColumns("id BIGINT NOT NULL, region STRING, day DATE, amount DECIMAL(10,2), note STRING");
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("p", TableDefinition.of(schema).withPrimaryKey("id").withPartitionColumns("region", "day"));
      List<Object[]> rows = new ArrayList<>();
      for (long id = 0; id < 200; id++) {
        String region = id % 7 == 0 ? null : id % 3 == 0 ? "" : "r\u00e9gion " + (id % 3);
        LocalDate day = id % 11 == 0 ? null : LocalDate.of(id % 2 == 0 ? 2024 : 12, 1 + (int) (id % 12), 1);
        rows.add(new Object[] {id, region, day, BigDecimal.valueOf(id * 137, 2), id % 4 == 0 ? null : "n,\"" + id});
      }
      t.insert(rows);
      Snapshot snap = t.snapshot();
      assertThat(snap.dataFiles()).hasSizeGreaterThan(5);
      assertEveryFileTaggedWithItsRenderedSize(snap);
    }
  }

  @Test
  void tagsSurviveCheckpointsAndOptimizeTagsTheFilesItWrites() {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("all", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      for (int i = 0; i < 4; i++) {
        t.insert(AllTypes.rows(1 + i * 100L, 101 + i * 100L));
      }
      t.checkpoint();
    }
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.table("all");
      assertEveryFileTaggedWithItsRenderedSize(t.snapshot()); // read back from the checkpoint
      t.optimize(OptimizeOptions.defaults());
      Snapshot snap = t.snapshot();
      assertThat(snap.dataFiles()).hasSize(1);
      assertEveryFileTaggedWithItsRenderedSize(snap);
    }
  }

  @Test
  void aTagOfAnotherLayoutIsNotBelieved() {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("all", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      t.insert(AllTypes.rows(1, 50));
      DataFile before = t.snapshot().dataFiles().get(0);
      assertThat(before.tags()).containsKey(CsvSizeTag.KEY);

      // A new column: every old row renders one separator longer.
      t.addColumns(TypeParser.parseColumns("extra INT").fields());
      Snapshot snap = t.snapshot();
      assertThat(snap.dataFiles()).hasSize(1);
      DataFile after = snap.dataFiles().get(0);
      assertThat(after.tags()).isEqualTo(before.tags());
      assertThat(CsvSizeTag.renderedSize(snap, after)).isEmpty();
      assertThat(CsvSizeTag.layout(snap.schema())).isNotEqualTo(CsvSizeTag.layout(AllTypes.SCHEMA));

      Object[] row = java.util.Arrays.copyOf(AllTypes.row(60, 0), AllTypes.SCHEMA.size() + 1);
      row[row.length - 1] = 7;
      t.insert(List.<Object[]>of(row));
      Snapshot later = t.snapshot();
      assertThat(later.dataFiles()).hasSize(2);
      for (DataFile f : later.dataFiles()) {
        // The old file still needs rendering; the new one, written in the new layout, does not.
        OptionalLong expected = f.id().equals(after.id()) ? OptionalLong.empty() : OptionalLong.of(rendered(later, f));
        assertThat(CsvSizeTag.renderedSize(later, f)).isEqualTo(expected);
      }
    }
  }

  /** "id," then nothing for NULL or "x", then "\n". */
  private static long line(long id, boolean nullText) {
    return Long.toString(id).length() + 2 + (nullText ? 0 : 1);
  }

  @Test
  void theMeterGivesEachFileTheRowsItHoldsAcrossBatches() {
    Schema schema = TypeParser.parseColumns("id BIGINT, s STRING");
    CsvSizeTag.Meter meter = new CsvSizeTag.Meter(schema);
    String layout = CsvSizeTag.layout(schema);
    meter.startBatch();
    long first = 0;
    long restOfBatch = 0;
    for (long id = 0; id < 3000; id++) { // grows its array past 1024 rows
      meter.add(new Object[] {id, id % 2 == 0 ? null : "x"});
      if (id < 1000) {
        first += line(id, id % 2 == 0);
      } else {
        restOfBatch += line(id, id % 2 == 0);
      }
    }
    // A file cut in the middle of a batch.
    assertThat(meter.nextFile(OptionalLong.of(1000))).containsExactly(Map.entry(CsvSizeTag.KEY, layout + ":" + first));
    meter.startBatch();
    for (long id = 5000; id < 9000; id++) {
      meter.add(new Object[] {id, "y"}); // "5000,y\n": 7 bytes
    }
    // A file of the first batch's other rows and the second batch's first 1500.
    assertThat(meter.nextFile(OptionalLong.of(2000 + 1500)).get(CsvSizeTag.KEY)).isEqualTo(layout + ":" + (restOfBatch + 1500 * 7));
    assertThat(meter.nextFile(OptionalLong.of(2500)).get(CsvSizeTag.KEY)).isEqualTo(layout + ":" + (2500 * 7));
    // More rows than were measured (a writer that read ahead): no tag, and none from then on.
    meter.startBatch();
    meter.add(new Object[] {1L, "z"});
    assertThat(meter.nextFile(OptionalLong.of(2))).isEmpty();
    meter.startBatch();
    meter.add(new Object[] {2L, "z"});
    assertThat(meter.nextFile(OptionalLong.of(1))).isEmpty();
  }

  @Test
  void aFileOfUnknownRowCountEndsTheTags() {
    Schema schema = TypeParser.parseColumns("id BIGINT");
    CsvSizeTag.Meter meter = new CsvSizeTag.Meter(schema);
    meter.startBatch();
    meter.add(new Object[] {1L});
    meter.add(new Object[] {2L});
    assertThat(meter.nextFile(OptionalLong.empty())).isEmpty();
    assertThat(meter.nextFile(OptionalLong.of(1))).isEmpty();
  }

  @Test
  void theLayoutNamesTheCodecTheColumnsTheirTypesAndNullability() {
    Schema schema = TypeParser.parseColumns("id BIGINT");
    String layout = CsvSizeTag.layout(schema);
    assertThat(CsvSizeTag.layout(TypeParser.parseColumns("id BIGINT"))).isEqualTo(layout);
    assertThat(CsvSizeTag.layout(TypeParser.parseColumns("id INT"))).isNotEqualTo(layout);
    assertThat(CsvSizeTag.layout(TypeParser.parseColumns("id BIGINT NOT NULL"))).isNotEqualTo(layout);
  }
}
