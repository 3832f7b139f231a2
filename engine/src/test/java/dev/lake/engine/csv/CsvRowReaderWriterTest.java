package dev.lake.engine.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRowReaderWriterTest {
  @TempDir Path dir;

  static final Schema ALL_TYPES =
      TypeParser.parseColumns(
          "i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT NOT NULL, u8 UTINYINT, u16 USMALLINT, u32 UINT, u64 UBIGINT, "
              + "f32 FLOAT, f64 DOUBLE, s STRING, b BINARY, ok BOOLEAN, d DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, "
              + "dec DECIMAL(38,10), `odd, \"name\"` STRING, tags ARRAY<STRING>, m MAP<INT, DOUBLE>, "
              + "st STRUCT<a: INT, b: ARRAY<STRUCT<x: DECIMAL(5,2), y: STRING>>>");

  private static Object[] rowA() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(2, 1.5);
    m.put(-1, Double.NaN);
    m.put(7, null);
    return new Object[] {
      (byte) -128, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, (short) 255, 65_535, 4_294_967_295L,
      new BigInteger("18446744073709551615"), Float.MIN_VALUE, -0.0, "plain", new byte[] {0, (byte) 0xAB}, true,
      LocalDate.of(1, 1, 1), Instant.parse("2024-01-31T12:34:56.123456Z"), LocalDateTime.parse("9999-12-31T23:59:59.999999"),
      new BigDecimal("-9999999999999999999999999999.9999999999"), "x,y", List.of("a", "b,c", "\"q\""), m,
      Arrays.asList(1, List.of(Arrays.asList(new BigDecimal("1.50"), null), Arrays.asList(null, "日本")))
    };
  }

  private static Object[] rowB() {
    return new Object[] {
      null, null, null, Long.MIN_VALUE, null, null, null, null, Float.NaN, Double.NEGATIVE_INFINITY, "", new byte[0], false,
      LocalDate.of(-1, 12, 31), Instant.EPOCH, null, new BigDecimal("0E-10"), "say \"hi\"\r\nbye\n", new ArrayList<>(),
      new LinkedHashMap<>(), Arrays.asList(null, null)
    };
  }

  private static Object[] rowC() {
    return new Object[] {
      (byte) 0, (short) 0, 0, 0L, (short) 0, 0, 0L, BigInteger.ZERO, 1.0E10f, Double.MAX_VALUE, " lead, trail ", null, null,
      LocalDate.of(10000, 1, 1), null, LocalDateTime.parse("1970-01-01T00:00"), new BigDecimal("0.0000000001"),
      "😀 e\u0301 日本語 \r", Arrays.asList(null, ""), null, null
    };
  }

  static final String HEADER =
      "i8,i16,i32,i64,u8,u16,u32,u64,f32,f64,s,b,ok,d,ts,ntz,dec,\"odd, \"\"name\"\"\",tags,m,st\n";

  static final String ROW_A =
      "-128,32767,-2147483648,9223372036854775807,255,65535,4294967295,18446744073709551615,1.4E-45,-0.0,plain,00ab,true,"
          + "0001-01-01,2024-01-31T12:34:56.123456Z,9999-12-31T23:59:59.999999,-9999999999999999999999999999.9999999999,"
          + "\"x,y\",\"[\"\"a\"\",\"\"b,c\"\",\"\"\\\"\"q\\\"\"\"\"]\",\"{\"\"2\"\":1.5,\"\"-1\"\":\"\"NaN\"\",\"\"7\"\":null}\","
          + "\"{\"\"a\"\":1,\"\"b\"\":[{\"\"x\"\":1.50,\"\"y\"\":null},{\"\"x\"\":null,\"\"y\"\":\"\"日本\"\"}]}\"\n";

  static final String ROW_B =
      ",,,-9223372036854775808,,,,,NaN,-Infinity,\"\",\"\",false,-0001-12-31,1970-01-01T00:00:00.000000Z,,"
          + "0.0000000000,\"say \"\"hi\"\"\r\nbye\n\",[],{},\"{\"\"a\"\":null,\"\"b\"\":null}\"\n";

  static final String ROW_C =
      "0,0,0,0,0,0,0,0,1.0E10,1.7976931348623157E308,\" lead, trail \",,,+10000-01-01,,1970-01-01T00:00:00.000000,"
          + "0.0000000001,\"😀 e\u0301 日本語 \r\",\"[null,\"\"\"\"]\",,\n";

  private static String write(Schema schema, List<Object[]> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, schema)) {
      w.writeHeader();
      for (Object[] r : rows) {
        w.writeRow(r);
      }
    }
    return out.toString(UTF_8);
  }

  private static List<Object[]> readAll(CsvRowReader reader) {
    List<Object[]> rows = new ArrayList<>();
    try (reader) {
      while (reader.hasNext()) {
        rows.add(reader.next());
      }
    }
    return rows;
  }

  private static void assertRowsEqual(List<Object[]> actual, List<Object[]> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(ValueEquality.rowsEqual(actual.get(i), expected.get(i)))
          .as("row %d: %s vs %s", i + 1, Arrays.deepToString(actual.get(i)), Arrays.deepToString(expected.get(i)))
          .isTrue();
    }
  }

  @Test
  void writesExactBytes() {
    String csv = write(ALL_TYPES, List.of(rowA(), rowB(), rowC()));
    assertThat(csv).isEqualTo(HEADER + ROW_A + ROW_B + ROW_C);
  }

  @Test
  void wholeFileRoundTripIsByteIdentical() throws IOException {
    List<Object[]> rows = List.of(rowA(), rowB(), rowC(), rowA());
    Path first = dir.resolve("first.csv");
    try (CsvRowWriter w = CsvRowWriter.open(first, ALL_TYPES)) {
      w.writeHeader();
      for (Object[] r : rows) {
        w.writeRow(r);
      }
      assertThat(w.rowsWritten()).isEqualTo(4);
    }
    byte[] bytes = Files.readAllBytes(first);
    assertThat(new String(bytes, UTF_8)).isEqualTo(HEADER + ROW_A + ROW_B + ROW_C + ROW_A);

    List<Object[]> read;
    try (CsvRowReader r = CsvRowReader.open(first, ALL_TYPES)) {
      assertThat(r.header()).containsExactlyElementsOf(ALL_TYPES.columnNames());
      read = readAll(r);
      assertThat(r.rowCount()).isEqualTo(4);
    }
    assertRowsEqual(read, rows);

    Path second = dir.resolve("second.csv");
    try (CsvRowWriter w = CsvRowWriter.open(second, ALL_TYPES)) {
      w.writeHeader();
      for (Object[] r : read) {
        w.writeRow(r);
      }
    }
    assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
  }

  @Test
  void nullAndEmptyStringAreDistinct() {
    Schema s = TypeParser.parseColumns("a STRING, b STRING, c BINARY");
    List<Object[]> rows = readAll(CsvRowReader.open(new StringReader("a,b,c\n,\"\",\n\"\",,\"\"\n"), s));
    assertThat(rows.get(0)).containsExactly(null, "", null);
    assertThat(rows.get(1)[0]).isEqualTo("");
    assertThat(rows.get(1)[1]).isNull();
    assertThat((byte[]) rows.get(1)[2]).isEmpty();
    assertThat(write(s, rows)).isEqualTo("a,b,c\n,\"\",\n\"\",,\"\"\n");
  }

  @Test
  void oneColumnTableUsesEmptyLinesForNull() {
    Schema s = TypeParser.parseColumns("v STRING");
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"x"});
    rows.add(new Object[] {null});
    rows.add(new Object[] {""});
    rows.add(new Object[] {null});
    String csv = write(s, rows);
    assertThat(csv).isEqualTo("v\nx\n\n\"\"\n\n");
    List<Object[]> read = readAll(CsvRowReader.open(new StringReader(csv), s));
    assertRowsEqual(read, rows);
    assertThat(write(s, read)).isEqualTo(csv);
  }

  @Test
  void quotingOnlyWhereNeeded() {
    Schema s = TypeParser.parseColumns("v STRING");
    List<String> values = List.of("a", "", " ", "a,b", "a\"b", "a\rb", "a\nb", "a\r\nb", "#x", "'x'", " x ", "\t", "日本", "😀");
    List<String> expected =
        List.of("a", "\"\"", " ", "\"a,b\"", "\"a\"\"b\"", "\"a\rb\"", "\"a\nb\"", "\"a\r\nb\"", "#x", "'x'", " x ", "\t", "日本", "😀");
    List<Object[]> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(new Object[] {v});
    }
    String csv = write(s, rows);
    assertThat(csv).isEqualTo("v\n" + String.join("\n", expected) + "\n");
    assertRowsEqual(readAll(CsvRowReader.open(new StringReader(csv), s)), rows);
  }

  @Test
  void readsCrlfAndCrAndNoFinalNewline() {
    Schema s = TypeParser.parseColumns("a INT, b STRING");
    List<Object[]> rows = readAll(CsvRowReader.open(new StringReader("a,b\r\n1,\"x\r\ny\"\r\n2,z\r3,"), s));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsExactly(1, "x\r\ny");
    assertThat(rows.get(1)).containsExactly(2, "z");
    assertThat(rows.get(2)).containsExactly(3, null);
  }

  @Test
  void headerMatchesByNameInAnyOrderAndCase() {
    Schema s = TypeParser.parseColumns("id BIGINT, Name STRING, price DECIMAL(10,2)");
    try (CsvRowReader r = CsvRowReader.open(new StringReader("PRICE,id,name\n12.5,7,x\n"), s)) {
      assertThat(r.header()).containsExactly("PRICE", "id", "name");
      Object[] row = r.next();
      assertThat(row).containsExactly(7L, "x", new BigDecimal("12.50"));
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.hasNext()).isFalse();
    }
  }

  @Test
  void inputStreamIsStrictUtf8AndSkipsBom() {
    Schema s = TypeParser.parseColumns("name STRING");
    byte[] withBom = "\uFEFFname\n日本\n".getBytes(UTF_8);
    List<Object[]> rows = readAll(CsvRowReader.open(new ByteArrayInputStream(withBom), s));
    assertThat(rows.get(0)).containsExactly("日本");

    byte[] bad = {'n', 'a', 'm', 'e', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThatThrownBy(() -> readAll(CsvRowReader.open(new ByteArrayInputStream(bad), s)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void writesUtf8Bytes() {
    Schema s = TypeParser.parseColumns("v STRING");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeHeader().writeRow(new Object[] {"é😀"});
    }
    assertThat(out.toByteArray()).isEqualTo("v\né😀\n".getBytes(UTF_8));
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  private LakeException readError(Schema schema, String csv) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, csv, UTF_8);
    try (CsvRowReader r = CsvRowReader.open(file, schema)) {
      while (r.hasNext()) {
        r.next();
      }
    } catch (LakeException e) {
      return e;
    }
    throw new AssertionError("no error for " + csv);
  }

  static final Schema ERRORS =
      TypeParser.parseColumns("id BIGINT NOT NULL, small UTINYINT, price DECIMAL(10,2), day DATE, note STRING");

  @Test
  void wrongFieldCount() throws IOException {
    // Line numbers count the lines inside quoted fields.
    LakeException e = readError(ERRORS, "id,small,price,day,note\n1,2,3.00,2024-01-01,\"multi\nline\"\n2,3,4\n");
    assertThat(e).isInstanceOf(InvalidInputException.class).hasMessage("line 4: expected 5 fields, found 3 fields");
    e = readError(ERRORS, "id,small,price,day,note\n1,2,3.00,2024-01-01,x,extra\n");
    assertThat(e).hasMessage("line 2: expected 5 fields, found 6 fields");
    e = readError(ERRORS, "id,small,price,day,note\n1,2,3.00,2024-01-01,x\n\n");
    assertThat(e).isInstanceOf(InvalidInputException.class).hasMessage("line 3: expected 5 fields, found an empty line");
  }

  @Test
  void badValuesNameLineAndColumn() throws IOException {
    String header = "id,small,price,day,note\n";
    assertThat(readError(ERRORS, header + "1,2,3.00,2024-01-01,x\nabc,2,3.00,2024-01-01,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("line 3, column 'id': 'abc' is not a BIGINT");
    assertThat(readError(ERRORS, header + "1,256,3.00,2024-01-01,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("line 2, column 'small': '256' is not a UTINYINT: out of range 0..255");
    assertThat(readError(ERRORS, header + "1,2,3.001,2024-01-01,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("line 2, column 'price': '3.001' is not a DECIMAL(10,2): needs more than 2 fraction digits (no rounding)");
    assertThat(readError(ERRORS, header + "1,2,abc,2024-01-01,x\n"))
        .hasMessage("line 2, column 'price': 'abc' is not a DECIMAL(10,2)");
    assertThat(readError(ERRORS, header + "1,2,3,2024-02-30,x\n"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("line 2, column 'day': '2024-02-30' is not a DATE: no such date");
    assertThat(readError(ERRORS, header + "1,\"\",3,2024-02-03,x\n"))
        .hasMessage("line 2, column 'small': '' is not a UTINYINT");
  }

  @Test
  void nullInNotNullColumn() throws IOException {
    assertThat(readError(ERRORS, "note,id,small,price,day\nx,1,,,\ny,,,,\n"))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessage("line 3, column 'id': NULL (an empty unquoted field) in a NOT NULL column");
  }

  @Test
  void headerErrors() throws IOException {
    assertThat(readError(ERRORS, "id,small,cost,day,note,extra\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "line 1: the header does not match the table's columns: unknown columns 'cost', 'extra'; missing column 'price';"
                + " the table has: id, small, price, day, note");
    assertThat(readError(ERRORS, "id,small,price,note\n"))
        .hasMessageContaining("missing column 'day'");
    assertThat(readError(ERRORS, "id,small,price,day,note,ID\n"))
        .hasMessageContaining("repeated column 'ID'");
    assertThat(readError(ERRORS, "id,small,,day,note\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1: field 3 of the header is empty");
    assertThat(readError(ERRORS, ""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the CSV input is empty: expected a header line naming the columns id, small, price, day, note");
  }

  @Test
  void malformedQuoting() throws IOException {
    assertThat(readError(ERRORS, "id,small,price,day,note\n1,2,3,2024-01-01,\"unterminated\n2,3,4,2024-01-01,x\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: malformed CSV: Unclosed quoted field");
    assertThat(readError(ERRORS, "id,small,price,day,note\n1,2,3,2024-01-01,\"ab\"c\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: malformed CSV: Unexpected character after closing quote: 'c'");
  }

  /** Every way the last field can end, fed whole and one character at a time. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "OK|abc|\"abc\"", "OK|abc|\"abc\"\n", "OK|abc|\"abc\"\r\n", "OK|abc|\"abc\"\r", "OK||\"\"", "OK||\"\"\n",
        "OK|\"|\"\"\"\"", "OK|\"\"|\"\"\"\"\"\"\n", "OK|ab\"|\"ab\"\"\"", "OK|x\n|\"x\n\"\n", "OK|x\r\n|\"x\r\n\"\r\n",
        "OK|\"x\"|\"\"\"x\"\"\"", "OK|a,b|\"a,b\"",
        "BAD|abc|\"abc", "BAD|abc\n|\"abc\n", "BAD|abc\r\n|\"abc\r\n", "BAD|ab\"|\"ab\"\"", "BAD||\"", "BAD|\"|\"\"\"",
        "BAD|x\"\n|\"x\"\"\n", "BAD|\"\"|\"\"\"\"\"", "BAD|a\"\"\n|\"a\"\"\"\"\n"
      })
  void unclosedQuoteAtTheEndIsDetected(String spec) {
    String[] parts = spec.split("\\|", -1);
    boolean ok = parts[0].equals("OK");
    String expected = parts[1];
    String last = parts[2];
    Schema s = TypeParser.parseColumns("n INT, v STRING");
    for (boolean slow : new boolean[] {false, true}) {
      Reader in = new StringReader("n,v\n1,x\n2," + last);
      if (slow) {
        in = new OneCharReader(in);
      }
      CsvRowReader r = CsvRowReader.open(in, s);
      if (ok) {
        List<Object[]> rows = readAll(r);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)[1]).as(spec).isEqualTo(expected);
      } else {
        assertThat(r.next()).containsExactly(1, "x");
        assertThatThrownBy(r::hasNext)
            .as(spec)
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("line 3: malformed CSV: Unclosed quoted field");
        r.close();
      }
    }
  }

  /**
   * FastCSV 4.0.0 drops a record whose last field is quoted and holds a bare CR when the record
   * ends with LF; {@link CsvInputGuard} prevents it. Every mix of CR and LF in values, as last
   * and as middle column, followed by empty lines (one-column tables) and more rows.
   */
  @Test
  void bareCarriageReturnsInQuotedFieldsKeepEveryRecord() {
    List<String> values =
        List.of("a\rb", "x\r", "\r", "\r\r", "\r\n", "\n\r", "a\r\"\"", "a\r\"b", "\r,", "end\r\r\n\r", "plain");
    Schema one = TypeParser.parseColumns("v STRING");
    Schema two = TypeParser.parseColumns("v STRING, n INT");
    List<Object[]> oneRows = new ArrayList<>();
    List<Object[]> twoRows = new ArrayList<>();
    int n = 0;
    for (String v : values) {
      for (String w : values) {
        oneRows.add(new Object[] {v});
        oneRows.add(new Object[] {null});
        oneRows.add(new Object[] {null});
        oneRows.add(new Object[] {w});
        twoRows.add(new Object[] {v, n++});
        twoRows.add(new Object[] {w, null});
      }
    }
    for (Schema s : List.of(one, two)) {
      List<Object[]> rows = s == one ? oneRows : twoRows;
      String csv = write(s, rows);
      for (boolean slow : new boolean[] {false, true}) {
        Reader in = new StringReader(csv);
        List<Object[]> read = readAll(CsvRowReader.open(slow ? new OneCharReader(in) : in, s));
        assertRowsEqual(read, rows);
      }
      // The same with CRLF record ends (as a Windows tool would write them).
      StringBuilder crlf = new StringBuilder(String.join(",", s.columnNames())).append("\r\n");
      int headerLength = String.join(",", s.columnNames()).length() + 1;
      for (Object[] row : rows) {
        String text = write(s, List.<Object[]>of(row)).substring(headerLength);
        crlf.append(text, 0, text.length() - 1).append("\r\n");
      }
      assertRowsEqual(readAll(CsvRowReader.open(new StringReader(crlf.toString()), s)), rows);
    }
  }

  @Test
  void lineNumbersStayRightAfterBareCarriageReturns() throws IOException {
    LakeException e = readError(ERRORS, "id,small,price,day,note\n1,2,3,2024-01-01,\"a\rb\"\n2,3,4,2024-01-01,x\nbad\n");
    assertThat(e).hasMessage("line 5: expected 5 fields, found 1 field");
  }

  @Test
  void onlyTheHeaderUnclosed() {
    assertThatThrownBy(() -> CsvRowReader.open(new StringReader("n,\"v\n"), TypeParser.parseColumns("n INT, v STRING")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 1: malformed CSV: Unclosed quoted field");
  }

  /** A reader that hands out one character per call, to cross every buffer boundary. */
  private static final class OneCharReader extends Reader {
    private final Reader in;

    OneCharReader(Reader in) {
      this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      return len == 0 ? 0 : in.read(cbuf, off, 1);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writer errors leave nothing behind

  @Test
  void failedRowsAreNotWrittenAndTheWriterGoesOn() {
    Schema s = Schema.of(Field.notNull("id", LakeType.INT64), Field.of("v", LakeType.STRING), Field.of("u", LakeType.UINT8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeHeader();
      w.writeRow(new Object[] {1L, "a", (short) 1});
      assertThatThrownBy(() -> w.writeRow(new Object[] {null, "b", null}))
          .isInstanceOf(ConstraintViolationException.class)
          .hasMessage("row 2, column 'id': NULL in a NOT NULL column");
      assertThatThrownBy(() -> w.writeRow(new Object[] {2L, "b", (short) 300}))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("row 2, column 'u': value 300 is out of range for UTINYINT");
      assertThatThrownBy(() -> w.writeRow(new Object[] {2L, 5, null}))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("row 2, column 'v': a STRING value must be a String, not java.lang.Integer");
      assertThatThrownBy(() -> w.writeRow(new Object[] {2L, "bad \uD800 surrogate", null}))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("row 2, column 'v': the text has an unpaired surrogate U+D800");
      assertThatThrownBy(() -> w.writeRow(new Object[] {2L}))
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("row 2: has 1 values but the table has 3 columns");
      w.writeRow(new Object[] {2L, "b", null});
    }
    assertThat(out.toString(UTF_8)).isEqualTo("id,v,u\n1,a,1\n2,b,\n");
  }

  @Test
  void bigRowsAndManyRowsStream() throws IOException {
    Schema s = TypeParser.parseColumns("id BIGINT, v STRING");
    String big = "x,".repeat(500_000);
    Path file = dir.resolve("big.csv");
    try (CsvRowWriter w = CsvRowWriter.open(file, s)) {
      w.writeHeader();
      for (long i = 0; i < 50_000; i++) {
        w.writeRow(new Object[] {i, i == 25_000 ? big : "row " + i});
      }
    }
    long n = 0;
    try (CsvRowReader r = CsvRowReader.open(file, s)) {
      while (r.hasNext()) {
        Object[] row = r.next();
        assertThat(row[0]).isEqualTo(n);
        assertThat(row[1]).isEqualTo(n == 25_000 ? big : "row " + n);
        n++;
      }
    }
    assertThat(n).isEqualTo(50_000);
  }
}
