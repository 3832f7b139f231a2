package dev.lake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.csv.CsvBatchWriter;
import dev.lake.engine.csv.CsvRowWriter;
import dev.lake.engine.scan.ByteSlices;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.TypeParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch writer's column-major path (the mount's renderings, batches of 64 rows or more) writes
 * the very bytes of its row path, which CsvRowWriter drives with one row array at a time: the
 * same table through both, from the scan's batches and from {@code Object[]} rows.
 */
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
      Table t = lake.createTable("all", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      t.insert(AllTypes.edgeRows());
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

  /**
   * Batches of the flat reader are formatted column by column from their arrays (with NULLs,
   * rows hidden by a deletion, values only the codec writes): still the row writer's bytes.
   */
  @Test
  void columnMajorFormattingFromArraysGivesTheRowWritersBytes() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t =
          lake.createTable(
              "wide",
              TableDefinition.of(TypeParser.parseColumns(
                  "id BIGINT NOT NULL, n INT, d DATE, b BOOLEAN, s STRING, p DECIMAL(7,2), big DECIMAL(25,3), x DOUBLE"))
                  .withPrimaryKey("id"));
      String[] texts = {"plain", "", "a,b", "say \"hi\"", "line\nbreak", "日本語", "😀", "NULL", "x".repeat(40)};
      LocalDate[] dates = {LocalDate.of(2026, 11, 22), LocalDate.of(999, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(1000, 1, 1)};
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        rows.add(new Object[] {
          (long) i * 1_000_003L - 2_000_000_000L,
          i % 13 == 0 ? null : i * 7919 - 20_000_000,
          i % 11 == 0 ? null : dates[i % dates.length],
          i % 7 == 0 ? null : i % 2 == 0,
          i % 17 == 0 ? null : texts[i % texts.length] + (i % 3 == 0 ? "" : "-" + i),
          i % 19 == 0 ? null : BigDecimal.valueOf(i * 37L - 99_999, 2),
          i % 23 == 0 ? null : new BigDecimal(java.math.BigInteger.valueOf(i).pow(5), 3),
          i % 29 == 0 ? null : i / 7.0
        });
      }
      t.insert(rows);
      t.delete(dev.lake.engine.expr.Predicate.eq("id", 70L * 1_000_003L - 2_000_000_000L));
      int withArrays = 0;
      try (Scan.BatchIterator it = t.snapshot().scan().build().batches()) {
        RowBatch b = it.next();
        for (int c = 0; c < b.schema().size(); c++) {
          withArrays += b.arrays(c) != null ? 1 : 0;
        }
      }
      assertThat(withArrays).as("BIGINT, INT, DATE, BOOLEAN, STRING and DECIMAL(7,2) come as arrays").isEqualTo(6);
      String text = assertSameBytes(t);
      assertThat(text).contains("\n-1930999793,").doesNotContain("\n-1929999790,"); // row 69 is there, 70 deleted
      assertThat(text).contains("+10000-01-01", "0999-12-31", "\"line\nbreak-4\"", "日本語-5,");
    }
  }

  /**
   * Values written in place (each column straight into its rows): every kind that can be, with
   * NULLs, signs, quoting, strings that are slices of dictionary and of PLAIN pages (the long
   * unique ones overflow the dictionary), and batches where one column falls back to formatting
   * (a non-ASCII string, a year of five digits, Long.MIN_VALUE) while the others do not.
   */
  @Test
  void valuesWrittenInPlaceGiveTheRowWritersBytes() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t =
          lake.createTable(
              "placed",
              TableDefinition.of(TypeParser.parseColumns(
                  "id BIGINT NOT NULL, n INT, d DATE, b BOOLEAN, s STRING, u STRING, p DECIMAL(7,2), q DECIMAL(18,3)"))
                  .withPrimaryKey("id"));
      String[] texts = {"plain", "", "a,b", "say \"hi\"", "line\nbreak", "cr\r", "\"", " "};
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        boolean odd = i == 15_000; // in the fourth batch only: its columns s, d and id fall back
        rows.add(new Object[] {
          odd ? Long.MIN_VALUE : (long) i * 1_000_003L - 9_000_000_000L,
          i % 13 == 0 ? null : i % 2 == 0 ? -i * 7919 : Integer.MAX_VALUE - i,
          i % 11 == 0 ? null : odd ? LocalDate.of(10000, 1, 1) : LocalDate.of(1970, 1, 1).plusDays(i - 10_000),
          i % 7 == 0 ? null : i % 2 == 0,
          i % 17 == 0 ? null : odd ? "日本語" : texts[i % texts.length],
          i % 19 == 0 ? null : "unique-" + i + "-" + "x".repeat(100) + (i % 5 == 0 ? ",q\"" : ""),
          i % 23 == 0 ? null : BigDecimal.valueOf(i * 37L - 99_999, 2),
          i % 29 == 0 ? null : BigDecimal.valueOf((long) i * i * i * (i % 2 == 0 ? 1 : -1), 3)
        });
      }
      t.insert(rows);
      boolean dictionarySlices = false;
      boolean pageSlices = false;
      try (Scan.BatchIterator it = t.snapshot().scan().build().batches()) {
        while (it.hasNext()) {
          RowBatch b = it.next();
          for (int c = 0; c < b.schema().size(); c++) {
            assertThat(b.arrays(c)).as("column %d comes as an array", c).isNotNull();
          }
          dictionarySlices |= java.util.Arrays.stream(((ByteSlices) b.arrays(4).values()).offsets()).allMatch(o -> o == 0);
          pageSlices |= java.util.Arrays.stream(((ByteSlices) b.arrays(5).values()).offsets()).anyMatch(o -> o > 0);
        }
      }
      assertThat(dictionarySlices).as("s: whole dictionary entries").isTrue();
      assertThat(pageSlices).as("u: slices of PLAIN pages").isTrue();
      String text = assertSameBytes(t);
      assertThat(text).contains("-9223372036854775808,", "+10000-01-01", "日本語", ",\"say \"\"hi\"\"\",", ",\"line\nbreak\",");
      assertThat(text).contains(",-999.62,-0.001\n", ",1.000\n", ",\"cr\r\",", "unique-19999-");
    }
  }

  /** A failure in a large batch: the rows before it are written, the failed row leaves nothing. */
  @Test
  void aBadValueInALargeBatchFailsAtItsRowAsInTheRowWriter() {
    dev.lake.engine.types.Schema schema = TypeParser.parseColumns("id BIGINT, a DECIMAL(5,2)");
    List<Object[]> rows = new ArrayList<>();
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= 500; i++) {
      BigDecimal a = i == 300 ? new BigDecimal("1000.00") : BigDecimal.valueOf(i, 2);
      rows.add(new Object[] {(long) i, a});
      if (i < 300) {
        expected.append(i).append(',').append(a.toPlainString()).append('\n');
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvBatchWriter w = new CsvBatchWriter(out, schema);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.writeBatch(new FakeBatch(schema, rows, null)))
        .isInstanceOf(dev.lake.engine.error.SchemaException.class)
        .hasMessageStartingWith("row 300, column 'a': ");
    w.close();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }

  @Test
  void partitionedTablesRenderTheirPartitionValues() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t =
          lake.createTable(
              "parts",
              TableDefinition.of(TypeParser.parseColumns("id BIGINT NOT NULL, day DATE, price DECIMAL(7,2), note STRING"))
                  .withPartitionColumns("day"));
      List<Object[]> rows = new ArrayList<>();
      for (long i = 0; i < 30; i++) {
        rows.add(new Object[] {i, i % 4 == 3 ? null : LocalDate.of(2026, 1, 1 + (int) (i % 3)), BigDecimal.valueOf(i * 101 - 1500, 2), "n" + i});
      }
      t.insert(rows);
      t.delete(dev.lake.engine.expr.Predicate.eq("id", 4L));
      String text = assertSameBytes(t);
      assertThat(text.lines()).hasSize(29).contains("0,2026-01-01,-15.00,n0", "3,,-11.97,n3", "29,2026-01-03,14.29,n29");
      assertThat(text).doesNotContain(",n4\n");
      // Only the partition column: no data column is read from the files, rows still counted.
      long days = 0;
      try (Scan.BatchIterator it = t.snapshot().scan().select(List.of("day")).build().batches()) {
        while (it.hasNext()) {
          RowBatch b = it.next();
          for (int r = 0; r < b.size(); r++) {
            days += b.isNull(0, r) ? 0 : 1;
          }
        }
      }
      assertThat(days).isEqualTo(22); // 29 rows, 7 of them with a NULL day
    }
  }

  /**
   * A batch of given rows that hands out what the scan's batches hand out: DATE as a day number,
   * DECIMAL as an unscaled long (or an ArithmeticException), STRING as stored bytes when given.
   * A fake for this one class's test: the real batches are covered by the tests above.
   */
  private record FakeBatch(dev.lake.engine.types.Schema schema, List<Object[]> rows, List<byte[]> stored) implements RowBatch {
    @Override
    public int size() {
      return rows.size();
    }

    @Override
    public boolean isNull(int column, int row) {
      return rows.get(row)[column] == null;
    }

    @Override
    public Object get(int column, int row) {
      Object v = rows.get(row)[column];
      return stored != null && v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v;
    }

    @Override
    public long getLong(int column, int row) {
      Object v = rows.get(row)[column];
      return v instanceof LocalDate d ? d.toEpochDay() : ((Number) v).longValue();
    }

    @Override
    public double getDouble(int column, int row) {
      return ((Number) rows.get(row)[column]).doubleValue();
    }

    @Override
    public byte[] getStoredUtf8(int column, int row) {
      return stored == null ? null : (byte[]) rows.get(row)[column];
    }
  }

  /** Both writers over the same rows; returns the batch writer's text. */
  private static String sameBytes(FakeBatch batch) {
    ByteArrayOutputStream rowsOut = new ByteArrayOutputStream();
    ByteArrayOutputStream batchOut = new ByteArrayOutputStream();
    CsvRowWriter byRow = CsvRowWriter.open(rowsOut, batch.schema());
    for (int r = 0; r < batch.size(); r++) {
      byRow.writeRow(batch.row(r));
    }
    byRow.close();
    CsvBatchWriter byBatch = new CsvBatchWriter(batchOut, batch.schema());
    byBatch.writeBatch(batch);
    byBatch.close();
    assertThat(batchOut.toString(StandardCharsets.UTF_8)).isEqualTo(rowsOut.toString(StandardCharsets.UTF_8));
    assertThat(batchOut.toByteArray()).isEqualTo(rowsOut.toByteArray());
    return batchOut.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyDayFromYear999To10000WritesTheCodecsText() {
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate d = LocalDate.of(999, 12, 1); d.isBefore(LocalDate.of(10000, 2, 1)); d = d.plusDays(1)) {
      rows.add(new Object[] {d});
    }
    String text = sameBytes(new FakeBatch(TypeParser.parseColumns("d DATE"), rows, null));
    assertThat(text).contains("\n1000-01-01\n", "\n1600-02-29\n", "\n1900-03-01\n", "\n9999-12-31\n", "+10000-01-01");
  }

  @Test
  void decimalsFromUnscaledLongsWriteTheCodecsText() {
    dev.lake.engine.types.Schema schema = TypeParser.parseColumns("a DECIMAL(5,2), b DECIMAL(18,4), c DECIMAL(10,0), d DECIMAL(18,18)");
    java.util.Random random = new java.util.Random(42);
    List<Object[]> rows = new ArrayList<>();
    long[][] edges = {{0, 0, 0, 0}, {1, 1, 1, 1}, {-1, -1, -1, -1}, {-5, -50, -9, -5}, {99_999, 999_999_999_999_999_999L, 9_999_999_999L, 999_999_999_999_999_999L},
      {-99_999, -999_999_999_999_999_999L, -9_999_999_999L, -999_999_999_999_999_999L}, {100, 10_000, 10, 100_000}};
    for (long[] e : edges) {
      rows.add(new Object[] {BigDecimal.valueOf(e[0], 2), BigDecimal.valueOf(e[1], 4), BigDecimal.valueOf(e[2], 0), BigDecimal.valueOf(e[3], 18)});
    }
    for (int i = 0; i < 20_000; i++) {
      rows.add(new Object[] {
        BigDecimal.valueOf(random.nextInt(199_999) - 99_999, 2),
        BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000_000L, 4),
        i % 9 == 0 ? null : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 0),
        BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000_000L, 18)
      });
    }
    String text = sameBytes(new FakeBatch(schema, rows, null));
    assertThat(text).startsWith("0.00,0.0000,0,0.000000000000000000\n").contains("\n-0.05,-0.0050,-9,-0.000000000000000005\n", "\n1.00,1.0000,10,0.000000000000100000\n");
  }

  /**
   * Integers and decimals are written digit by digit without Java's formatting (and without a
   * division per digit pair): every magnitude, the borders of powers of ten and of the int range,
   * must still be Java's own text, whether written in place from a scan's arrays or row by row.
   */
  @Test
  void numbersAreJavasOwnTextAtEveryMagnitude() {
    dev.lake.engine.types.Schema schema =
        TypeParser.parseColumns("n BIGINT, a DECIMAL(18,0), b DECIMAL(18,2), c DECIMAL(18,9), d DECIMAL(18,17), e DECIMAL(9,4), f DECIMAL(5,2)");
    int[] scales = {0, 2, 9, 17, 4, 2};
    long[] limits = {999_999_999_999_999_999L, 999_999_999_999_999_999L, 999_999_999_999_999_999L, 999_999_999_999_999_999L, 999_999_999L, 99_999L};
    List<Long> values = new ArrayList<>();
    long pow = 1;
    for (int k = 0; k <= 18; k++) {
      for (long v : new long[] {pow - 1, pow, pow + 1, 2 * pow - 1, 9 * pow, 9 * pow + 9}) {
        values.add(v);
        values.add(-v);
      }
      pow = k < 18 ? pow * 10 : pow;
    }
    for (long v : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE + 1}) {
      values.add(v);
    }
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 5000; i++) {
      values.add(random.nextLong() >> random.nextInt(64)); // every bit length
    }
    List<Object[]> rows = new ArrayList<>();
    StringBuilder expected = new StringBuilder();
    for (long v : values) {
      Object[] row = new Object[7];
      row[0] = v;
      StringBuilder line = new StringBuilder(Long.toString(v));
      for (int c = 0; c < scales.length; c++) {
        BigDecimal d = BigDecimal.valueOf(v % (limits[c] + 1), scales[c]);
        row[c + 1] = d;
        line.append(',').append(d.toPlainString());
      }
      rows.add(row);
      expected.append(line).append('\n');
    }
    assertThat(sameBytes(new FakeBatch(schema, rows, null))).isEqualTo(expected.toString());
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t = lake.createTable("numbers", TableDefinition.of(schema));
      t.insert(rows);
      // From the flat reader's arrays, so written in place (no header: rows only).
      assertThat(assertSameBytes(t)).isEqualTo(expected.toString());
    }
  }

  @Test
  void aDecimalTooWideForItsColumnFailsAsInTheRowWriter() {
    dev.lake.engine.types.Schema schema = TypeParser.parseColumns("a DECIMAL(5,2)");
    FakeBatch batch = new FakeBatch(schema, List.<Object[]>of(new Object[] {new BigDecimal("1.00")}, new Object[] {new BigDecimal("1000.00")}), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvBatchWriter w = new CsvBatchWriter(out, schema);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.writeBatch(batch))
        .isInstanceOf(dev.lake.engine.error.SchemaException.class)
        .hasMessageStartingWith("row 2, column 'a': ")
        .hasMessageContaining("too many digits before the decimal point");
    w.close();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1.00\n"); // the failed row left nothing
  }

  @Test
  void storedUtf8IsCopiedWhenAsciiAndDecodedOtherwise() {
    byte[][] values = {
      "plain".getBytes(StandardCharsets.US_ASCII), new byte[0], "a,b".getBytes(StandardCharsets.US_ASCII),
      "say \"hi\"".getBytes(StandardCharsets.US_ASCII), "line\nbreak\r".getBytes(StandardCharsets.US_ASCII),
      "日本語,x".getBytes(StandardCharsets.UTF_8), {(byte) 0xff, 'a'}, {(byte) 0xe6, (byte) 0x97}, "\u007f~".getBytes(StandardCharsets.US_ASCII)
    };
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < values.length * 2; i++) {
      rows.add(new Object[] {i % values.length == 3 && i > values.length ? null : values[i % values.length]});
    }
    String text = sameBytes(new FakeBatch(TypeParser.parseColumns("s STRING"), rows, List.of()));
    assertThat(text).startsWith("plain\n\"\"\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"line\nbreak\r\"\n\"日本語,x\"\n\ufffda\n");
  }

  @Test
  void aBooleanColumnHoldingSomethingElseFailsClearly() {
    dev.lake.engine.types.Schema schema = TypeParser.parseColumns("b BOOLEAN");
    FakeBatch batch = new FakeBatch(schema, List.<Object[]>of(new Object[] {true}, new Object[] {"yes"}), null);
    CsvBatchWriter w = new CsvBatchWriter(new ByteArrayOutputStream(), schema);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.writeBatch(batch))
        .isInstanceOf(dev.lake.engine.error.SchemaException.class)
        .hasMessage("row 2, column 'b': a BOOLEAN value must be a Boolean, not java.lang.String");
  }
}
