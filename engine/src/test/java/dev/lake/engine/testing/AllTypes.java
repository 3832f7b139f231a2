package dev.lake.engine.testing;

import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table of every lake type with extreme values (minimum, maximum, NaN, infinities, empty and
 * awkward strings and binaries, nested NULLs) and an all-NULL row: the fixture of the round-trip
 * tests of the engine, the mount and maintenance. Row 4 is NULL in every column but the key.
 */
public final class AllTypes {
  /** The columns, as a column list of CREATE TABLE. */
  public static final String COLUMNS =
      "id INT NOT NULL, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT,"
          + " u8 UTINYINT, u16 USMALLINT, u32 UINT, u64 UBIGINT,"
          + " f32 FLOAT, f64 DOUBLE, s STRING, b BINARY, flag BOOLEAN, d DATE,"
          + " ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(38,10), money DECIMAL(10,2),"
          + " tags ARRAY<STRING>, scores MAP<STRING, BIGINT>, byid MAP<INT, DATE>,"
          + " point STRUCT<x: DOUBLE, y: DOUBLE, label: STRING>,"
          + " nested ARRAY<STRUCT<k: STRING, v: ARRAY<DECIMAL(5,1)>>>";

  /** The schema of {@link #COLUMNS}; {@code id} is meant as the primary key. */
  public static final Schema SCHEMA = TypeParser.parseColumns(COLUMNS);

  private AllTypes() {}

  /** Four fresh rows (ids 1..4), values in the engine's Java convention. */
  public static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("zeta", Long.MIN_VALUE);
    scores.put("alpha", Long.MAX_VALUE);
    scores.put("", null);
    Map<Integer, LocalDate> byid = new LinkedHashMap<>();
    byid.put(-7, LocalDate.of(1, 1, 1));
    byid.put(42, LocalDate.of(9999, 12, 31));
    rows.add(new Object[] {
      1, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE,
      (short) 0, 0, 0L, BigInteger.ZERO,
      Float.MIN_VALUE, -Double.MAX_VALUE, "", new byte[0], false, LocalDate.of(1, 1, 1),
      Instant.parse("0001-01-01T00:00:00Z"), LocalDateTime.parse("0001-01-01T00:00:00"),
      new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("-99999999.99"),
      List.of(), scores, byid, Arrays.asList(-0.0, Double.NaN, "comma, \"quote\"\nnewline"),
      List.of(Arrays.asList("k", Arrays.asList(new BigDecimal("1234.5"), null)))
    });
    rows.add(new Object[] {
      2, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
      (short) 255, 65535, 4294967295L, new BigInteger("18446744073709551615"),
      Float.MAX_VALUE, Double.POSITIVE_INFINITY, "unicode: 日本語 ✓ 🎉 e\u0301 \t tab, \"q\"\r\nCRLF",
      new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff}, true, LocalDate.of(9999, 12, 31),
      Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDateTime.parse("9999-12-31T23:59:59.999999"),
      new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("0.01"),
      Arrays.asList("a", null, "", "x,y"), Map.of(), Map.of(), Arrays.asList(1.5, Double.NEGATIVE_INFINITY, null),
      List.of()
    });
    rows.add(new Object[] {
      3, (byte) 0, (short) -1, 0, -1L, (short) 1, 1, 1L, BigInteger.ONE,
      Float.NaN, Double.MIN_VALUE, "   leading and trailing spaces   ", new byte[] {(byte) 0xde, (byte) 0xad},
      null, LocalDate.of(1970, 1, 1), Instant.parse("2024-02-29T12:34:56.123456Z"),
      LocalDateTime.parse("2024-02-29T12:34:56.000001"), BigDecimal.ZERO.setScale(10), new BigDecimal("12.50"),
      null, null, null, null, null
    });
    Object[] nulls = new Object[SCHEMA.size()];
    nulls[0] = 4;
    rows.add(nulls);
    return rows;
  }
}
