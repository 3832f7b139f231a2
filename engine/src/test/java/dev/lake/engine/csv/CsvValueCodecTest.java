package dev.lake.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.TypeParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvValueCodecTest {

  /** format(v) is exactly text, parse(text) equals v, and format(parse(text)) is text again. */
  static void roundTrip(LakeType type, Object value, String text) {
    assertThat(CsvValueCodec.format(type, value)).as("format %s", type).isEqualTo(text);
    Object parsed = CsvValueCodec.parse(type, text);
    assertThat(ValueEquality.equal(parsed, value)).as("parse %s '%s' gave %s", type, text, parsed).isTrue();
    assertThat(CsvValueCodec.format(type, parsed)).isEqualTo(text);
  }

  /** A canonical text survives parse then format byte for byte. */
  private static void canonical(LakeType type, String text) {
    Object v = CsvValueCodec.parse(type, text);
    assertThat(CsvValueCodec.format(type, v)).as("%s '%s'", type, text).isEqualTo(text);
    assertThat(ValueEquality.equal(CsvValueCodec.parse(type, CsvValueCodec.format(type, v)), v)).isTrue();
  }

  private static void rejects(LakeType type, String text, String message) {
    assertThatThrownBy(() -> CsvValueCodec.parse(type, text))
        .as("%s '%s'", type, text)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(message);
  }

  // ---------------------------------------------------------------------------------------------
  // Integers

  @Test
  void signedIntegersAtTheirExtremes() {
    roundTrip(LakeType.INT8, (byte) -128, "-128");
    roundTrip(LakeType.INT8, (byte) 127, "127");
    roundTrip(LakeType.INT8, (byte) 0, "0");
    roundTrip(LakeType.INT16, Short.MIN_VALUE, "-32768");
    roundTrip(LakeType.INT16, Short.MAX_VALUE, "32767");
    roundTrip(LakeType.INT32, Integer.MIN_VALUE, "-2147483648");
    roundTrip(LakeType.INT32, Integer.MAX_VALUE, "2147483647");
    roundTrip(LakeType.INT64, Long.MIN_VALUE, "-9223372036854775808");
    roundTrip(LakeType.INT64, Long.MAX_VALUE, "9223372036854775807");
    roundTrip(LakeType.INT64, -1L, "-1");
  }

  @Test
  void unsignedIntegersUseTheNextWiderJavaType() {
    roundTrip(LakeType.UINT8, (short) 0, "0");
    roundTrip(LakeType.UINT8, (short) 255, "255");
    roundTrip(LakeType.UINT16, 65_535, "65535");
    roundTrip(LakeType.UINT32, 4_294_967_295L, "4294967295");
    roundTrip(LakeType.UINT64, BigInteger.ZERO, "0");
    roundTrip(LakeType.UINT64, new BigInteger("18446744073709551615"), "18446744073709551615");
  }

  @ParameterizedTest
  @CsvSource({"INT,+5,5", "INT,007,7", "INT,-0,0", "BIGINT,+9223372036854775807,9223372036854775807", "UTINYINT,+0255,255", "UBIGINT,+018446744073709551615,18446744073709551615"})
  void integerParseVariants(String type, String text, String canonicalText) {
    LakeType t = TypeParser.parse(type);
    assertThat(CsvValueCodec.format(t, CsvValueCodec.parse(t, text))).isEqualTo(canonicalText);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TINYINT|128|'128' is not a TINYINT: out of range -128..127",
        "TINYINT|-129|out of range -128..127",
        "SMALLINT|32768|out of range",
        "INT|2147483648|out of range",
        "BIGINT|9223372036854775808|'9223372036854775808' is not a BIGINT: out of range",
        "BIGINT|-9223372036854775809|out of range",
        "UTINYINT|256|'256' is not a UTINYINT: out of range 0..255",
        "UTINYINT|-1|out of range 0..255",
        "USMALLINT|65536|out of range 0..65535",
        "UINT|4294967296|out of range 0..4294967295",
        "UINT|-1|out of range",
        "UBIGINT|18446744073709551616|out of range 0..18446744073709551615",
        "UBIGINT|-1|out of range",
        "INT|1.0|'1.0' is not an INT",
        "INT|' 1'|is not an INT",
        "INT|'1 '|is not an INT",
        "INT|0x10|is not an INT",
        "INT|1_000|is not an INT",
        "INT|١٢|is not an INT",
        "INT|+|is not an INT",
        "INT|-|is not an INT",
        "INT|''|'' is not an INT",
        "UBIGINT|1e3|is not a UBIGINT",
      })
  void integerRejections(String type, String text, String message) {
    rejects(TypeParser.parse(type), text, message);
  }

  @Test
  void formatChecksJavaClassAndUnsignedRange() {
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.INT64, 5))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("a BIGINT value must be a Long, not java.lang.Integer");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.UINT8, (short) 256))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("out of range for UTINYINT");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.UINT64, BigInteger.TWO.pow(64)))
        .isInstanceOf(SchemaException.class);
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.STRING, null)).isInstanceOf(SchemaException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Floating point

  @Test
  void floatsUseJavaShortestText() {
    roundTrip(LakeType.FLOAT32, 1.5f, "1.5");
    roundTrip(LakeType.FLOAT32, 1.0f, "1.0");
    roundTrip(LakeType.FLOAT32, -0.0f, "-0.0");
    roundTrip(LakeType.FLOAT32, 0.0f, "0.0");
    roundTrip(LakeType.FLOAT32, Float.NaN, "NaN");
    roundTrip(LakeType.FLOAT32, Float.POSITIVE_INFINITY, "Infinity");
    roundTrip(LakeType.FLOAT32, Float.NEGATIVE_INFINITY, "-Infinity");
    roundTrip(LakeType.FLOAT32, Float.MAX_VALUE, "3.4028235E38");
    roundTrip(LakeType.FLOAT32, -Float.MAX_VALUE, "-3.4028235E38");
    roundTrip(LakeType.FLOAT32, Float.MIN_VALUE, "1.4E-45");
    roundTrip(LakeType.FLOAT32, Float.MIN_NORMAL, "1.17549435E-38");
    roundTrip(LakeType.FLOAT32, 1.0E10f, "1.0E10");
    roundTrip(LakeType.FLOAT64, 0.1, "0.1");
    roundTrip(LakeType.FLOAT64, -0.0, "-0.0");
    roundTrip(LakeType.FLOAT64, Double.NaN, "NaN");
    roundTrip(LakeType.FLOAT64, Double.POSITIVE_INFINITY, "Infinity");
    roundTrip(LakeType.FLOAT64, Double.NEGATIVE_INFINITY, "-Infinity");
    roundTrip(LakeType.FLOAT64, Double.MAX_VALUE, "1.7976931348623157E308");
    roundTrip(LakeType.FLOAT64, Double.MIN_VALUE, "4.9E-324");
    roundTrip(LakeType.FLOAT64, Double.MIN_NORMAL, "2.2250738585072014E-308");
    roundTrip(LakeType.FLOAT64, 1.0E10, "1.0E10");
    roundTrip(LakeType.FLOAT64, 123456.789, "123456.789");
  }

  @Test
  void everyBitPatternRoundTrips() {
    double[] doubles = {
      Double.MIN_NORMAL / 3, Double.MIN_VALUE * 7, Math.PI, -Math.E, 1e-300, 9007199254740993.0, 0.30000000000000004
    };
    for (double d : doubles) {
      String text = CsvValueCodec.format(LakeType.FLOAT64, d);
      assertThat(text).isEqualTo(Double.toString(d));
      assertThat((Double) CsvValueCodec.parse(LakeType.FLOAT64, text)).isEqualTo(d);
      canonical(LakeType.FLOAT64, text);
    }
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      assertThat(CsvValueCodec.parse(LakeType.FLOAT64, CsvValueCodec.format(LakeType.FLOAT64, d))).isEqualTo(d);
      float f = Float.intBitsToFloat(random.nextInt());
      assertThat(CsvValueCodec.parse(LakeType.FLOAT32, CsvValueCodec.format(LakeType.FLOAT32, f))).isEqualTo(f);
    }
    float subnormal = Float.MIN_NORMAL / 5;
    assertThat(CsvValueCodec.parse(LakeType.FLOAT32, CsvValueCodec.format(LakeType.FLOAT32, subnormal))).isEqualTo(subnormal);
  }

  @ParameterizedTest
  @CsvSource({
    "DOUBLE,inf,Infinity", "DOUBLE,-INF,-Infinity", "DOUBLE,+inf,Infinity", "DOUBLE,nan,NaN", "DOUBLE,NAN,NaN",
    "DOUBLE,infinity,Infinity", "DOUBLE,1e10,1.0E10", "DOUBLE,1,1.0", "DOUBLE,.5,0.5", "DOUBLE,5.,5.0",
    "DOUBLE,+1.5E-3,0.0015", "FLOAT,Inf,Infinity", "FLOAT,-nan,-nan-rejected"
  })
  void floatParseVariants(String type, String text, String canonicalText) {
    LakeType t = TypeParser.parse(type);
    if (canonicalText.endsWith("-rejected")) {
      rejects(t, text, "is not a");
      return;
    }
    assertThat(CsvValueCodec.format(t, CsvValueCodec.parse(t, text))).isEqualTo(canonicalText);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DOUBLE|1d|'1d' is not a DOUBLE",
        "DOUBLE|1.0f|is not a DOUBLE",
        "DOUBLE|0x1p3|is not a DOUBLE",
        "DOUBLE|' 1.0'|is not a DOUBLE",
        "DOUBLE|'1.0 '|is not a DOUBLE",
        "DOUBLE|1e400|'1e400' is not a DOUBLE: out of range",
        "FLOAT|3.5e38|'3.5e38' is not a FLOAT: out of range",
        "DOUBLE|1e|is not a DOUBLE",
        "DOUBLE|.|is not a DOUBLE",
        "DOUBLE|''|is not a DOUBLE",
        "DOUBLE|1,5|is not a DOUBLE",
        "DOUBLE|Infinityy|is not a DOUBLE",
      })
  void floatRejections(String type, String text, String message) {
    rejects(TypeParser.parse(type), text, message);
  }

  // ---------------------------------------------------------------------------------------------
  // Decimals

  @Test
  void decimalsArePlainWithTheColumnScale() {
    LakeType d102 = LakeType.decimal(10, 2);
    roundTrip(d102, new BigDecimal("12.50"), "12.50");
    roundTrip(d102, new BigDecimal("0.00"), "0.00");
    roundTrip(d102, new BigDecimal("-0.05"), "-0.05");
    roundTrip(d102, new BigDecimal("99999999.99"), "99999999.99");
    roundTrip(d102, new BigDecimal("-99999999.99"), "-99999999.99");
    LakeType d380 = LakeType.decimal(38, 0);
    roundTrip(d380, new BigDecimal("99999999999999999999999999999999999999"), "99999999999999999999999999999999999999");
    roundTrip(d380, new BigDecimal("-99999999999999999999999999999999999999"), "-99999999999999999999999999999999999999");
    LakeType d3838 = LakeType.decimal(38, 38);
    roundTrip(d3838, new BigDecimal("0.99999999999999999999999999999999999999"), "0.99999999999999999999999999999999999999");
    roundTrip(d3838, new BigDecimal("-0.00000000000000000000000000000000000001"), "-0.00000000000000000000000000000000000001");
    LakeType d3819 = LakeType.decimal(38, 19);
    roundTrip(d3819, new BigDecimal("-9999999999999999999.9999999999999999999"), "-9999999999999999999.9999999999999999999");
    // A value that BigDecimal.toString() would print with an exponent.
    roundTrip(LakeType.decimal(38, 30), new BigDecimal("0.000000000000000000000000000001"), "0.000000000000000000000000000001");
    roundTrip(LakeType.decimal(1, 0), new BigDecimal("7"), "7");
  }

  @ParameterizedTest
  @CsvSource({
    "12.5,12.50", "12.500,12.50", "+12.5,12.50", ".5,0.50", "5.,5.00", "-0,0.00", "-0.00,0.00",
    "1.25e1,12.50", "1E+2,100.00", "125E-2,1.25", "12,12.00", "0e999999999,0.00", "00012.5,12.50"
  })
  void decimalParseVariantsRescaleExactly(String text, String canonicalText) {
    LakeType t = LakeType.decimal(10, 2);
    Object v = CsvValueCodec.parse(t, text);
    assertThat(((BigDecimal) v).scale()).isEqualTo(2);
    assertThat(CsvValueCodec.format(t, v)).isEqualTo(canonicalText);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "12.345|'12.345' is not a DECIMAL(10,2): needs more than 2 fraction digits",
        "0.001|needs more than 2 fraction digits",
        "1e-999999999|needs more than 2 fraction digits",
        "123456789.0|too many digits before the decimal point (at most 8)",
        "1e999999999|too many digits before the decimal point",
        "1e99999999999|is not a DECIMAL(10,2)",
        "abc|'abc' is not a DECIMAL(10,2)",
        "1,5|is not a DECIMAL(10,2)",
        "' 1.5'|is not a DECIMAL(10,2)",
        "NaN|is not a DECIMAL(10,2)",
        "1.5d|is not a DECIMAL(10,2)",
        "''|'' is not a DECIMAL(10,2)",
      })
  void decimalRejections(String text, String message) {
    rejects(LakeType.decimal(10, 2), text, message);
  }

  @Test
  void decimalFormatRescalesOnlyExactly() {
    assertThat(CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("12.5"))).isEqualTo("12.50");
    assertThat(CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("1.2E+3"))).isEqualTo("1200.00");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("12.505")))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("value 12.505 does not fit DECIMAL(10,2)");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.decimal(3, 0), new BigDecimal("1000")))
        .isInstanceOf(SchemaException.class);
  }

  /** A value whose plain text would be a billion characters is named in scientific notation. */
  @Test
  void decimalErrorsDoNotSpellOutHugeExponents() {
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("1E-999999999")))
        .isInstanceOf(SchemaException.class)
        .hasMessage("value 1E-999999999 does not fit DECIMAL(10,2): needs more than 2 fraction digits (no rounding)");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("-4E+999999999")))
        .isInstanceOf(SchemaException.class)
        .hasMessage("value -4E+999999999 does not fit DECIMAL(10,2): too many digits before the decimal point (at most 8)");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.decimal(10, 2), new BigDecimal("1E+20")))
        .hasMessage("value 100000000000000000000 does not fit DECIMAL(10,2): too many digits before the decimal point (at most 8)");
  }

  // ---------------------------------------------------------------------------------------------
  // Booleans, strings, binary

  @Test
  void booleans() {
    roundTrip(LakeType.BOOLEAN, true, "true");
    roundTrip(LakeType.BOOLEAN, false, "false");
    assertThat(CsvValueCodec.parse(LakeType.BOOLEAN, "TRUE")).isEqualTo(true);
    assertThat(CsvValueCodec.parse(LakeType.BOOLEAN, "False")).isEqualTo(false);
    rejects(LakeType.BOOLEAN, "yes", "'yes' is not a BOOLEAN");
    rejects(LakeType.BOOLEAN, "1", "is not a BOOLEAN");
    rejects(LakeType.BOOLEAN, " true", "is not a BOOLEAN");
  }

  @Test
  void stringsAreTakenAsIs() {
    for (String s :
        List.of(
            "", " ", " lead and trail ", "a,b", "say \"hi\"", "\"", "cr\rlf\nboth\r\n", "\n", "😀 emoji", "日本語のテキスト",
            "e\u0301 combining", "\u0000 nul", "NULL", "null", "\t tab", "#comment-like", "\uFEFFbom")) {
      roundTrip(LakeType.STRING, s, s);
    }
  }

  @Test
  void binaryIsLowercaseHex() {
    roundTrip(LakeType.BINARY, new byte[0], "");
    roundTrip(LakeType.BINARY, new byte[] {0, 1, 127, -128, -1, 0x10}, "00017f80ff10");
    assertThat((byte[]) CsvValueCodec.parse(LakeType.BINARY, "DEADbeef")).containsExactly((byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF);
    rejects(LakeType.BINARY, "abc", "'abc' is not a BINARY: hex text needs an even number of digits");
    rejects(LakeType.BINARY, "zz", "not hex digits");
    rejects(LakeType.BINARY, "0x00", "not hex digits");
    rejects(LakeType.BINARY, "\uFF10\uFF10", "not hex digits"); // fullwidth digits
  }

  // ---------------------------------------------------------------------------------------------
  // Dates and timestamps

  @Test
  void datesAreIso() {
    roundTrip(LakeType.DATE, LocalDate.of(2024, 1, 31), "2024-01-31");
    roundTrip(LakeType.DATE, LocalDate.of(1, 1, 1), "0001-01-01");
    roundTrip(LakeType.DATE, LocalDate.of(9999, 12, 31), "9999-12-31");
    roundTrip(LakeType.DATE, LocalDate.of(0, 1, 1), "0000-01-01");
    roundTrip(LakeType.DATE, LocalDate.of(10000, 1, 1), "+10000-01-01");
    roundTrip(LakeType.DATE, LocalDate.of(-1, 1, 1), "-0001-01-01");
    roundTrip(LakeType.DATE, LocalDate.of(-12345, 6, 7), "-12345-06-07");
    roundTrip(LakeType.DATE, LocalDate.of(1970, 1, 1), "1970-01-01");
    roundTrip(LakeType.DATE, LocalDate.of(2024, 2, 29), "2024-02-29");
    for (LocalDate d : List.of(LocalDate.of(10000, 1, 1), LocalDate.of(-1, 1, 1), LocalDate.of(5, 3, 9), LocalDate.of(123456, 12, 1))) {
      assertThat(CsvValueCodec.format(LakeType.DATE, d)).isEqualTo(d.toString());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2023-02-29|no such date",
        "2024-13-01|no such date",
        "2024-1-31|expected a date yyyy-MM-dd",
        "24-01-31|expected a date",
        "2024/01/31|expected a date",
        "2024-01-31T00:00|unexpected text after the date",
        "+2024-01-01|expected a date",
        "-0000-01-01|year -0000 is not allowed",
        "' 2024-01-31'|expected a date",
        "20240131|expected a date",
        "+9999999-01-01|outside the range of days in an int",
        "+5881580-07-12|outside the range of days in an int",
      })
  void dateRejections(String text, String message) {
    rejects(LakeType.DATE, text, "'" + text + "' is not a DATE: " + message);
  }

  @Test
  void timestampsAreUtcWithMicroseconds() {
    roundTrip(LakeType.TIMESTAMP, Instant.parse("2024-01-31T12:34:56.123456Z"), "2024-01-31T12:34:56.123456Z");
    roundTrip(LakeType.TIMESTAMP, Instant.EPOCH, "1970-01-01T00:00:00.000000Z");
    roundTrip(LakeType.TIMESTAMP, Instant.parse("1969-12-31T23:59:59.999999Z"), "1969-12-31T23:59:59.999999Z");
    roundTrip(LakeType.TIMESTAMP, Instant.parse("0001-01-01T00:00:00Z"), "0001-01-01T00:00:00.000000Z");
    roundTrip(LakeType.TIMESTAMP, Instant.parse("9999-12-31T23:59:59.999999Z"), "9999-12-31T23:59:59.999999Z");
    // The whole range of Delta's long microseconds.
    Instant max = Instant.EPOCH.plus(Long.MAX_VALUE, ChronoUnit.MICROS);
    Instant min = Instant.EPOCH.plus(Long.MIN_VALUE, ChronoUnit.MICROS);
    roundTrip(LakeType.TIMESTAMP, max, "+294247-01-10T04:00:54.775807Z");
    roundTrip(LakeType.TIMESTAMP, min, "-290308-12-21T19:59:05.224192Z");
    rejects(LakeType.TIMESTAMP, "+294247-01-10T04:00:54.775808Z", "outside the range of microseconds in a long");
    rejects(LakeType.TIMESTAMP, "-290308-12-21T19:59:05.224191Z", "outside the range of microseconds in a long");
    assertThat(CsvValueCodec.format(LakeType.TIMESTAMP, CsvValueCodec.parse(LakeType.TIMESTAMP, "+294247-01-10T05:00:54.775807+01:00")))
        .isEqualTo("+294247-01-10T04:00:54.775807Z");
    roundTrip(LakeType.DATE, LocalDate.ofEpochDay(Integer.MAX_VALUE), "+5881580-07-11");
    roundTrip(LakeType.DATE, LocalDate.ofEpochDay(Integer.MIN_VALUE), "-5877641-06-23");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-31 12:34:56.123456Z|2024-01-31T12:34:56.123456Z",
        "2024-01-31T12:34:56Z|2024-01-31T12:34:56.000000Z",
        "2024-01-31T12:34:56.1Z|2024-01-31T12:34:56.100000Z",
        "2024-01-31T12:34:56.123456000Z|2024-01-31T12:34:56.123456Z",
        "2024-01-31T12:34:56.000000000+00:00|2024-01-31T12:34:56.000000Z",
        "2024-01-31T14:34:56.5+02:00|2024-01-31T12:34:56.500000Z",
        "2024-01-31T14:34:56+0200|2024-01-31T12:34:56.000000Z",
        "2024-01-31T14:34:56+02|2024-01-31T12:34:56.000000Z",
        "2024-01-31T07:04:56-05:30|2024-01-31T12:34:56.000000Z",
        "2024-01-01T01:00:00+02:00|2023-12-31T23:00:00.000000Z",
        "2024-01-31T12:34:56|2024-01-31T12:34:56.000000Z",
        "2024-01-31 12:34|2024-01-31T12:34:00.000000Z",
        "+10000-01-01T00:00:00Z|+10000-01-01T00:00:00.000000Z",
      })
  void timestampParseVariantsNormaliseToUtc(String text, String canonicalText) {
    Object v = CsvValueCodec.parse(LakeType.TIMESTAMP, text);
    assertThat(v).isInstanceOf(Instant.class);
    assertThat(CsvValueCodec.format(LakeType.TIMESTAMP, v)).isEqualTo(canonicalText);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-31T12:34:56.1234567Z|has digits beyond microseconds",
        "2024-01-31T12:34:56.123456001Z|has digits beyond microseconds",
        "2024-01-31T12:34:56.1234567890Z|expected 1 to 9 fraction digits",
        "2024-01-31T12:34:56.Z|expected 1 to 9 fraction digits",
        "2024-01-31T24:00:00Z|time out of range",
        "2024-01-31T12:60:00Z|time out of range",
        "2024-01-31T12:34:60Z|time out of range",
        "2024-01-31T12:34:56+19:00|offset out of range",
        "2024-01-31T12:34:56 Z|expected an offset",
        "2024-01-31T12:34:56+2|expected an offset",
        "2024-01-31T12:34:56+02:0|expected an offset",
        "2024-01-31T12:34:56Zx|unexpected text after the time",
        "2024-01-31|expected 'T' or ' ' and a time",
        "2024-01-31T1:02:03Z|expected a time",
        "2024-01-31t12:34:56Z|expected 'T' or ' '",
        "2024-02-30T00:00:00Z|no such date",
      })
  void timestampRejections(String text, String message) {
    rejects(LakeType.TIMESTAMP, text, "'" + text + "' is not a TIMESTAMP: " + message);
  }

  @Test
  void timestampFormatRefusesNanoseconds() {
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.TIMESTAMP, Instant.parse("2024-01-31T12:34:56.123456789Z")))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("nanoseconds");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.TIMESTAMP, Instant.MAX)).isInstanceOf(SchemaException.class);
  }

  @Test
  void timestampsWithoutZone() {
    roundTrip(LakeType.TIMESTAMP_NTZ, LocalDateTime.parse("2024-01-31T12:34:56.123456"), "2024-01-31T12:34:56.123456");
    roundTrip(LakeType.TIMESTAMP_NTZ, LocalDateTime.parse("0001-01-01T00:00:00"), "0001-01-01T00:00:00.000000");
    roundTrip(LakeType.TIMESTAMP_NTZ, LocalDateTime.parse("9999-12-31T23:59:59.999999"), "9999-12-31T23:59:59.999999");
    assertThat(CsvValueCodec.format(LakeType.TIMESTAMP_NTZ, CsvValueCodec.parse(LakeType.TIMESTAMP_NTZ, "2024-01-31 12:34:56.5")))
        .isEqualTo("2024-01-31T12:34:56.500000");
    rejects(LakeType.TIMESTAMP_NTZ, "2024-01-31T12:34:56Z", "a TIMESTAMP_NTZ has no time zone offset");
    rejects(LakeType.TIMESTAMP_NTZ, "2024-01-31T12:34:56+01:00", "a TIMESTAMP_NTZ has no time zone offset");
    rejects(LakeType.TIMESTAMP_NTZ, "2024-01-31T12:34:56.0000001", "has digits beyond microseconds");
  }

  // ---------------------------------------------------------------------------------------------
  // Nested values as JSON

  private static final LakeType POINT =
      LakeType.struct(List.of(Field.of("a", LakeType.INT32), Field.of("b", LakeType.STRING)));

  @Test
  void listsOfStructsWithNulls() {
    LakeType t = LakeType.list(POINT);
    roundTrip(
        t,
        List.of(Arrays.asList(1, "x"), Arrays.asList(null, null), Arrays.asList(-5, "")),
        "[{\"a\":1,\"b\":\"x\"},{\"a\":null,\"b\":null},{\"a\":-5,\"b\":\"\"}]");
    roundTrip(t, Arrays.asList(null, List.of(2, "y")), "[null,{\"a\":2,\"b\":\"y\"}]");
    roundTrip(t, List.of(), "[]");
    // Missing fields are NULL; names match ignoring case; spaces are allowed on input.
    Object v = CsvValueCodec.parse(t, " [ {\"A\" : 1} , { } ] ");
    assertThat(v).isEqualTo(List.of(Arrays.asList(1, null), Arrays.asList(null, null)));
    assertThat(CsvValueCodec.format(t, v)).isEqualTo("[{\"a\":1,\"b\":null},{\"a\":null,\"b\":null}]");
  }

  @Test
  void mapsKeepOrderAndUseKeyText() {
    LakeType t = LakeType.map(LakeType.INT32, LakeType.STRING);
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(3, "c");
    m.put(-1, null);
    m.put(2, "日本");
    roundTrip(t, m, "{\"3\":\"c\",\"-1\":null,\"2\":\"日本\"}");
    assertThat(CsvValueCodec.parse(t, "{\"3\":\"c\",\"-1\":null,\"2\":\"日本\"}")).isInstanceOf(LinkedHashMap.class);
    assertThat(new ArrayList<Object>(((Map<?, ?>) CsvValueCodec.parse(t, "{\"3\":\"c\",\"-1\":null,\"2\":\"x\"}")).keySet()))
        .containsExactly(3, -1, 2);
    roundTrip(t, new LinkedHashMap<>(), "{}");

    LakeType dateKeys = LakeType.map(LakeType.DATE, LakeType.decimal(5, 2));
    Map<Object, Object> d = new LinkedHashMap<>();
    d.put(LocalDate.of(2024, 1, 31), new BigDecimal("1.50"));
    roundTrip(dateKeys, d, "{\"2024-01-31\":1.50}");

    LakeType structKeys = LakeType.map(POINT, LakeType.BOOLEAN);
    Map<Object, Object> s = new LinkedHashMap<>();
    s.put(List.of(1, "k"), true);
    roundTrip(structKeys, s, "{\"{\\\"a\\\":1,\\\"b\\\":\\\"k\\\"}\":true}");
  }

  @Test
  void scalarsInsideJson() {
    LakeType doubles = LakeType.list(LakeType.FLOAT64);
    roundTrip(
        doubles,
        List.of(1.5, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 1.0E10, Double.MIN_VALUE),
        "[1.5,\"NaN\",\"-Infinity\",\"Infinity\",-0.0,1.0E10,4.9E-324]");
    roundTrip(LakeType.list(LakeType.FLOAT32), List.of(Float.MAX_VALUE, 0.1f), "[3.4028235E38,0.1]");
    roundTrip(LakeType.list(LakeType.INT64), List.of(Long.MAX_VALUE, Long.MIN_VALUE), "[9223372036854775807,-9223372036854775808]");
    roundTrip(LakeType.list(LakeType.UINT64), List.of(new BigInteger("18446744073709551615")), "[18446744073709551615]");
    roundTrip(LakeType.list(LakeType.UINT8), List.of((short) 255), "[255]");
    roundTrip(
        LakeType.list(LakeType.decimal(38, 2)),
        List.of(new BigDecimal("12.50"), new BigDecimal("999999999999999999999999999999999999.99")),
        "[12.50,999999999999999999999999999999999999.99]");
    LakeType mixed =
        LakeType.struct(
            List.of(
                Field.of("d", LakeType.DATE),
                Field.of("t", LakeType.TIMESTAMP),
                Field.of("n", LakeType.TIMESTAMP_NTZ),
                Field.of("b", LakeType.BINARY),
                Field.of("f", LakeType.BOOLEAN),
                Field.of("s", LakeType.list(LakeType.STRING))));
    roundTrip(
        mixed,
        List.of(
            LocalDate.of(2024, 1, 31),
            Instant.parse("2024-01-31T12:34:56.123456Z"),
            LocalDateTime.parse("2024-01-31T12:34:56"),
            new byte[] {0, -1},
            true,
            List.of("日本", "😀", "a\"b", "c\\d", "line\nbreak", "tab\t", "\u0001", "e\u0301", "/")),
        "{\"d\":\"2024-01-31\",\"t\":\"2024-01-31T12:34:56.123456Z\",\"n\":\"2024-01-31T12:34:56.000000\","
            + "\"b\":\"00ff\",\"f\":true,\"s\":[\"日本\",\"😀\",\"a\\\"b\",\"c\\\\d\",\"line\\nbreak\",\"tab\\t\","
            + "\"\\u0001\",\"e\u0301\",\"/\"]}");
  }

  @Test
  void jsonReadingIsExactAndAcceptsStringsForScalars() {
    LakeType decimals = LakeType.list(LakeType.decimal(10, 2));
    assertThat(CsvValueCodec.format(decimals, CsvValueCodec.parse(decimals, "[12.5,\"7\",1.25e1]"))).isEqualTo("[12.50,7.00,12.50]");
    LakeType longs = LakeType.list(LakeType.INT64);
    // 2^53 + 1 is not a double; read via the number's text it stays exact.
    assertThat(CsvValueCodec.parse(longs, "[9007199254740993,\"-3\"]")).isEqualTo(List.of(9007199254740993L, -3L));
    LakeType bools = LakeType.list(LakeType.BOOLEAN);
    assertThat(CsvValueCodec.parse(bools, "[true,\"FALSE\",null]")).isEqualTo(Arrays.asList(true, false, null));
    LakeType doubles = LakeType.list(LakeType.FLOAT64);
    assertThat(CsvValueCodec.parse(doubles, "[1,\"nan\",\"-inf\"]"))
        .isEqualTo(List.of(1.0, Double.NaN, Double.NEGATIVE_INFINITY));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ARRAY<INT>|[1.5]|'[1.5]' is not an ARRAY<INT>: element 1: '1.5' is not an INT",
        "ARRAY<INT>|[1,\"x\"]|element 2: 'x' is not an INT",
        "ARRAY<INT>|[1,|malformed JSON",
        "ARRAY<INT>|{}|expected an ARRAY<INT>, found a JSON object",
        "ARRAY<INT>|null|write NULL as an empty unquoted field",
        "ARRAY<INT>|[1] x|malformed JSON",
        "ARRAY<INT>|[1][2]|unexpected text after the JSON value",
        "ARRAY<INT>|''|no JSON value",
        "ARRAY<INT>|[NaN]|malformed JSON",
        "ARRAY<STRING>|[1]|element 1: expected a STRING, found the number 1",
        "ARRAY<DATE>|[20240131]|expected a DATE, found the number 20240131",
        "ARRAY<BOOLEAN>|[1]|expected a BOOLEAN, found the number 1",
        "ARRAY<UTINYINT>|[256]|element 1: '256' is not a UTINYINT: out of range 0..255",
        "ARRAY<DECIMAL(10,2)>|[1.234]|needs more than 2 fraction digits",
        "MAP<INT, STRING>|{\"1\":\"a\",\"01\":\"b\"}|duplicate key '01'",
        "MAP<INT, STRING>|{\"x\":\"a\"}|key: 'x' is not an INT",
        "MAP<BINARY, INT>|{\"00ff\":1,\"00FF\":2}|duplicate key '00FF'",
        "MAP<STRING, ARRAY<INT>>|{\"k\":[1,\"z\"]}|key 'k': element 2: 'z' is not an INT",
        "STRUCT<a: INT>|{\"a\":1,\"c\":2}|unknown field 'c'",
        "STRUCT<a: INT>|{\"a\":1,\"A\":2}|field 'A' appears twice",
        "STRUCT<a: INT>|[1]|expected a STRUCT<a: INT>, found a JSON array",
        "STRUCT<a: STRUCT<b: DATE>>|{\"a\":{\"b\":\"2024-02-30\"}}|field 'a': field 'b': '2024-02-30' is not a DATE: no such date",
      })
  void jsonRejections(String type, String text, String message) {
    rejects(TypeParser.parse(type), text, message);
  }

  @Test
  void nestedNotNullIsAConstraintViolation() {
    assertThatThrownBy(() -> CsvValueCodec.parse(TypeParser.parse("ARRAY<INT NOT NULL>"), "[1,null]"))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("element 2 is NULL but the elements are NOT NULL");
    assertThatThrownBy(() -> CsvValueCodec.parse(TypeParser.parse("STRUCT<a: INT NOT NULL, b: INT>"), "{\"b\":1}"))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("field 'a' is NOT NULL but is missing");
    assertThatThrownBy(() -> CsvValueCodec.parse(TypeParser.parse("MAP<INT, INT NOT NULL>"), "{\"1\":null}"))
        .isInstanceOf(ConstraintViolationException.class);
    assertThatThrownBy(() -> CsvValueCodec.format(TypeParser.parse("ARRAY<INT NOT NULL>"), Arrays.asList(1, null)))
        .isInstanceOf(ConstraintViolationException.class);
    assertThatThrownBy(() -> CsvValueCodec.format(TypeParser.parse("STRUCT<a: INT NOT NULL>"), Arrays.asList((Object) null)))
        .isInstanceOf(ConstraintViolationException.class);
  }

  @Test
  void nestedFormatChecksJavaShapes() {
    assertThatThrownBy(() -> CsvValueCodec.format(POINT, List.of(1)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("needs 2 field values, not 1");
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.list(LakeType.INT32), List.of(1L)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("element 1: an INT value must be an Integer, not java.lang.Long");
    Map<Object, Object> nullKey = new LinkedHashMap<>();
    nullKey.put(null, 1);
    assertThatThrownBy(() -> CsvValueCodec.format(LakeType.map(LakeType.INT32, LakeType.INT32), nullKey))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("a MAP key cannot be NULL");
  }

  @Test
  void deeplyNestedRoundTrip() {
    LakeType t = TypeParser.parse("MAP<STRING, ARRAY<STRUCT<id: BIGINT, tags: ARRAY<STRING>, m: MAP<INT, ARRAY<DOUBLE>>>>>");
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put(7, List.of(1.0, Double.NaN));
    inner.put(8, null);
    Map<Object, Object> outer = new LinkedHashMap<>();
    outer.put("k,\"1\"", List.of(Arrays.asList(1L, List.of("a", ""), inner), Arrays.asList(2L, null, null)));
    outer.put("", new ArrayList<>());
    roundTrip(
        t,
        outer,
        "{\"k,\\\"1\\\"\":[{\"id\":1,\"tags\":[\"a\",\"\"],\"m\":{\"7\":[1.0,\"NaN\"],\"8\":null}},"
            + "{\"id\":2,\"tags\":null,\"m\":null}],\"\":[]}");
  }
}
