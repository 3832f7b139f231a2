package dev.lake.engine.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CsvRowWriter writes row arrays through CsvBatchWriter's row path (one-row batches). Its bytes
 * and errors are checked here against what the format says, built from {@link CsvValueCodec}'s
 * text, the quoting rule and the JDK's UTF-8 encoder: nothing of the encoder under test.
 */
class CsvRowWriterTest {
  /** A field as the format says: the codec's text, quoted when empty or holding , " CR LF. */
  private static String field(LakeType type, Object value) {
    if (value == null) {
      return "";
    }
    String text = CsvValueCodec.format(type, value);
    boolean quote = text.isEmpty() || text.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r' || ch == '\n');
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  static String line(Schema schema, Object[] row) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < row.length; c++) {
      sb.append(c > 0 ? "," : "").append(field(schema.field(c).type(), row[c]));
    }
    return sb.append('\n').toString();
  }

  static String header(Schema schema) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < schema.size(); c++) {
      sb.append(c > 0 ? "," : "").append(field(LakeType.STRING, schema.field(c).name()));
    }
    return sb.append('\n').toString();
  }

  @Test
  void everyTypeOfAllTypesIsTheCodecsTextQuotedAsTheFormatSays() {
    Schema s = AllTypes.SCHEMA;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder(header(s));
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeHeader();
      for (int round = 0; round < 3; round++) { // again, after the writer has seen every value once
        for (Object[] row : AllTypes.edgeRows()) {
          w.writeRow(row);
          expected.append(line(s, row));
        }
      }
      assertThat(w.rowsWritten()).isEqualTo(12);
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toString().getBytes(UTF_8));
    assertThat(out.toString(UTF_8)).contains("\"unicode: 日本語 ✓ 🎉 e\u0301 \t tab, \"\"q\"\"\r\nCRLF\"", ",-99999999.99,");
  }

  /**
   * A value of another Java class than its column's type takes, in every column: the error is the
   * codec's, prefixed with the row and column; the row leaves nothing and the next row is written.
   */
  @Test
  void aValueOfTheWrongClassFailsWithTheCodecsErrorInEveryColumn() {
    Schema s = AllTypes.SCHEMA;
    Object[] strangers = {
      7, 7L, (short) 7, (byte) 7, 7.0, 7.0f, "7", new BigDecimal("7"), BigInteger.TEN, true, LocalDate.of(2020, 1, 1),
      Instant.EPOCH, new byte[] {7}, List.of(7), Map.of("k", 7), new Object()
    };
    Object[] good = AllTypes.edgeRows().get(1);
    int checked = 0;
    for (int c = 0; c < s.size(); c++) {
      LakeType type = s.field(c).type();
      for (Object v : strangers) {
        String codecError;
        try {
          CsvValueCodec.format(type, v);
          continue; // the codec takes it (e.g. a Long in a BIGINT): not a stranger here
        } catch (SchemaException e) {
          codecError = e.getMessage();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
          w.writeRow(good);
          Object[] bad = good.clone();
          bad[c] = v;
          assertThatThrownBy(() -> w.writeRow(bad))
              .as("%s in column %s", v.getClass().getName(), s.field(c).name())
              .isInstanceOf(SchemaException.class)
              .hasMessage("row 2, column '" + s.field(c).name() + "': " + codecError);
          w.writeRow(good);
          assertThat(w.rowsWritten()).isEqualTo(2);
        }
        assertThat(out.toString(UTF_8)).isEqualTo(line(s, good) + line(s, good));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(300);
  }

  /** Failures mid-stream, after the buffer has gone to the output many times: only they are missing. */
  @Test
  void failingRowsMidStreamLeaveNothingBehind() {
    Schema s = TypeParser.parseColumns("id BIGINT NOT NULL, note STRING, tags ARRAY<STRING>, price DECIMAL(6,2)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder(header(s));
    List<String> failures = new ArrayList<>();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeHeader();
      for (long i = 1; i <= 30_000; i++) {
        Object[] row = {i, "note " + i + (i % 10 == 0 ? ", with a comma" : ""), List.of("t" + i), BigDecimal.valueOf(i, 2)};
        if (i % 7_000 == 0) {
          row[0] = null;
        } else if (i % 7_000 == 1_000) {
          row[1] = "broken \uDC00 text";
        } else if (i % 7_000 == 2_000) {
          row[2] = List.of("fine", "broken \uD800");
        } else if (i % 7_000 == 3_000) {
          row[3] = new BigDecimal("1.005");
        }
        try {
          w.writeRow(row);
          expected.append(line(s, row));
        } catch (SchemaException | ConstraintViolationException e) {
          failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
      assertThat(w.rowsWritten()).isEqualTo(30_000 - 18);
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toString().getBytes(UTF_8));
    assertThat(failures)
        .hasSize(18)
        .startsWith(
            "SchemaException: row 1000, column 'note': the text has an unpaired surrogate U+DC00 at index 7, which UTF-8 cannot encode",
            "SchemaException: row 1999, column 'tags': the text has an unpaired surrogate U+D800 at index 16, which UTF-8 cannot encode",
            "SchemaException: row 2998, column 'price': value 1.005 does not fit DECIMAL(6,2): needs more than 2 fraction digits (no rounding)",
            "ConstraintViolationException: row 6997, column 'id': NULL in a NOT NULL column");
  }

  /** Decimals the engine did not scale: exact ones are rescaled as the codec does, others refused cheaply. */
  @Test
  void decimalsAtAnotherScaleAreTheCodecsText() {
    Schema s = TypeParser.parseColumns("p DECIMAL(6,2), wide DECIMAL(30,4)");
    Object[][] rows = {
      {new BigDecimal("1.5"), new BigDecimal("1.5")}, {new BigDecimal("1.500"), new BigDecimal("-2.50000")},
      {new BigDecimal("0E+7"), new BigDecimal("0E-20")}, {new BigDecimal("1E+3"), new BigDecimal("1E+25")},
      {new BigDecimal("-9999.99"), new BigDecimal("99999999999999999999999999.9999")}
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      for (Object[] row : rows) {
        w.writeRow(row);
      }
      // Neither builds the huge number its plain text would be before failing.
      assertThatThrownBy(() -> w.writeRow(new Object[] {new BigDecimal("1E-999999999"), null}))
          .isInstanceOf(SchemaException.class)
          .hasMessageStartingWith("row 6, column 'p': value ")
          .hasMessageEndingWith(" does not fit DECIMAL(6,2): needs more than 2 fraction digits (no rounding)");
    }
    assertThat(out.toString(UTF_8))
        .isEqualTo("1.50,1.5000\n1.50,-2.5000\n0.00,0.0000\n1000.00,10000000000000000000000000.0000\n"
            + "-9999.99,99999999999999999999999999.9999\n");
  }

  @Test
  void theHeaderIsQuotedAsValuesAreAndABadNameWritesNothing() {
    Schema s =
        Schema.of(Field.of("plain", LakeType.INT32), Field.of("a,b", LakeType.STRING), Field.of("say \"x\"", LakeType.STRING),
            Field.of("日本", LakeType.STRING));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeHeader().writeRow(new Object[] {1, "", null, "語"});
    }
    assertThat(out.toString(UTF_8)).isEqualTo("plain,\"a,b\",\"say \"\"x\"\"\",日本\n1,\"\",,語\n");

    Schema bad = Schema.of(Field.of("ok", LakeType.INT32), Field.of("bad\uD800", LakeType.STRING));
    ByteArrayOutputStream badOut = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(badOut, bad)) {
      assertThatThrownBy(w::writeHeader)
          .isInstanceOf(SchemaException.class)
          .hasMessage("the header: the text has an unpaired surrogate U+D800 at index 3, which UTF-8 cannot encode");
      w.writeRow(new Object[] {1, "x"});
    }
    assertThat(badOut.toString(UTF_8)).isEqualTo("1,x\n");
  }

  /** Nested values are JSON, quoted as any text; JSON escapes what needs escaping, NULLs inside stay null. */
  @Test
  void nestedValuesAreTheCodecsJsonQuoted() {
    Schema s = TypeParser.parseColumns("l ARRAY<STRING>, m MAP<STRING, INT>, st STRUCT<a: INT, b: ARRAY<DATE>>");
    Object[] row = {
      Arrays.asList("a", null, "x,y", "q\"", "line\nbreak", "😀"), Map.of("k", 1),
      Arrays.asList(null, List.of(LocalDate.of(2024, 2, 29)))
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvRowWriter w = CsvRowWriter.open(out, s)) {
      w.writeRow(row);
      w.writeRow(new Object[] {List.of(), Map.of(), Arrays.asList(null, null)});
    }
    assertThat(out.toString(UTF_8))
        .isEqualTo(line(s, row) + "[],{},\"{\"\"a\"\":null,\"\"b\"\":null}\"\n")
        .startsWith("\"[\"\"a\"\",null,\"\"x,y\"\",\"\"q\\\"\"\"\",\"\"line\\nbreak\"\",\"\"😀\"\"]\",\"{\"\"k\"\":1}\",");
  }

  @Test
  void aClosedWriterRefusesAndClosingTwiceIsHarmless() {
    Schema s = TypeParser.parseColumns("n INT");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvRowWriter w = CsvRowWriter.open(out, s);
    w.writeRow(new Object[] {1});
    w.flush();
    assertThat(out.toString(UTF_8)).isEqualTo("1\n");
    w.close();
    w.close();
    assertThatThrownBy(() -> w.writeRow(new Object[] {2})).isInstanceOf(IllegalStateException.class).hasMessage("the CSV writer is closed");
    assertThatThrownBy(() -> w.writeRow(new Object[] {2, 3})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(w::writeHeader).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(w::flush).isInstanceOf(IllegalStateException.class);
    assertThat(out.toString(UTF_8)).isEqualTo("1\n");
  }
}
