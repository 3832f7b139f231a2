package dev.lake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.csv.CsvBatchWriter;
import dev.lake.engine.csv.CsvRowWriter;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.TypeParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch writer the mount renders with writes the very bytes of the row writer. */
class CsvBatchWriterTest {
  @TempDir Path dir;

  /** Both writers over the same scan batches of {@code t}; returns the batch writer's text. */
  private static String assertSameBytes(Table t) {
    Snapshot s = t.snapshot();
    ByteArrayOutputStream rowsOut = new ByteArrayOutputStream();
    ByteArrayOutputStream batchOut = new ByteArrayOutputStream();
    CsvRowWriter byRow = CsvRowWriter.open(rowsOut, s.schema());
    CsvBatchWriter byBatch = new CsvBatchWriter(batchOut, s.schema());
    try (Scan.BatchIterator it = s.scan().build().batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          byRow.writeRow(b.row(r));
        }
        byBatch.writeBatch(b);
      }
    }
    byRow.close();
    byBatch.close();
    assertThat(batchOut.toByteArray()).isEqualTo(rowsOut.toByteArray());
    return batchOut.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyTypeGivesTheRowWritersBytes() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t = lake.createTable("all", TableDefinition.of(AllTypesRoundTripTest.SCHEMA).withPrimaryKey("id"));
      t.insert(AllTypesRoundTripTest.rows());
      assertThat(assertSameBytes(t)).contains("unicode: 日本語");
    }
  }

  @Test
  void textNumbersAndDatesAtTheirEdges() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t =
          lake.createTable(
              "edges",
              TableDefinition.of(TypeParser.parseColumns("id BIGINT NOT NULL, s STRING, d DATE, n INT, b BOOLEAN")));
      String[] texts = {
        "", "plain", "a,b", "say \"hi\"", "\"", "\"\"", "line\nbreak", "cr\rhere", "ü", "ß,\"x\"", "€uro",
        "😀 emoji", "tab\tinside", " ", "NULL", "ascii ~ 0x7f \u007f", "\u0080\u07ff\u0800\uffef"
      };
      LocalDate[] dates = {
        LocalDate.of(1, 1, 1), LocalDate.of(999, 12, 31), LocalDate.of(1000, 1, 1), LocalDate.of(2026, 11, 21),
        LocalDate.of(9999, 12, 31), LocalDate.of(-44, 3, 15), LocalDate.of(10000, 1, 1)
      };
      long[] numbers = {0, -1, 1, 9, 10, Integer.MAX_VALUE, Integer.MIN_VALUE, 1000000, -1000000};
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        rows.add(new Object[] {
          Long.MIN_VALUE + i * 1_000_000_007L * 1_000_000_007L,
          i % 7 == 6 ? null : texts[i % texts.length],
          i % 5 == 4 ? null : dates[i % dates.length],
          i % 11 == 10 ? null : (int) numbers[i % numbers.length],
          i % 3 == 2 ? null : i % 2 == 0
        });
      }
      rows.add(new Object[] {Long.MAX_VALUE, "last", LocalDate.of(2000, 2, 29), 7, true});
      t.insert(rows);
      assertThat(assertSameBytes(t).lines().count()).isGreaterThanOrEqualTo(61);
    }
  }
}
