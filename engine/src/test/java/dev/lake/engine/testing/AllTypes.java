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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one test table of every lake type: the fixture of the round-trip tests of the engine, the
 * mount, maintenance and the interoperability tests (Delta Kernel, Spark).
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>{@link #COLUMNS} has every scalar type (signed and unsigned integers of every width,
 *       FLOAT, DOUBLE, STRING, BINARY, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_NTZ, DECIMAL of
 *       precision 5, 9, 10 and 38) and nested types: arrays, maps with STRING and INT keys, structs,
 *       a struct in a struct, structs in arrays, arrays in structs in arrays, arrays in maps, and
 *       unsigned values inside maps and arrays (which Delta widens). {@code id BIGINT NOT NULL}
 *       comes first and is meant as the primary key.
 *   <li>Rows are a deterministic function of {@code (id, generation)}: {@link #row(long, int)}
 *       returns equal values for equal arguments, so a test can model a table as a map from id
 *       to row and "update" a row by asking for the next generation.
 *   <li>The edge rows, ids 1 to 4 ({@link #edgeRows()}), hold the extremes: row 1 the minimum of
 *       every type (and {@code ""}, an empty BINARY, year 1), row 2 the maximum (and awkward
 *       Unicode, CR LF, quotes), row 3 odd values (NaN, spaces, midday timestamps) with its
 *       nested columns NULL, row 4 NULL in every column but the key. Their text is fixed: mount
 *       tests edit it with sed. In later generations the four patterns rotate among the four ids,
 *       so updating an edge row changes it (NULL to values and back included).
 *   <li>Every other id holds ordinary values derived from {@code id + 1000 * generation}, with
 *       the special values (NaN, infinities, -0.0, empty strings, arrays and maps, NULL elements,
 *       NULL map values, structs of NULLs, text that needs CSV quoting) recurring every few ids,
 *       so any range of ten ids has some of them; ids with {@code id % 5 == 4} are NULL in every
 *       column but the key in every generation.
 * </ul>
 *
 * Values are in the engine's Java convention ({@code Byte} for TINYINT, {@code Short} for
 * UTINYINT, {@code BigInteger} for UBIGINT, {@code Instant} for TIMESTAMP, lists for structs).
 * Decimals carry their column's scale, so {@code equals} on values read back holds.
 */
public final class AllTypes {
  /** The columns, as a column list of CREATE TABLE. */
  public static final String COLUMNS =
      "id BIGINT NOT NULL, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT,"
          + " u8 UTINYINT, u16 USMALLINT, u32 UINT, u64 UBIGINT,"
          + " f32 FLOAT, f64 DOUBLE, s STRING, b BINARY, flag BOOLEAN, d DATE,"
          + " ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(38,10), money DECIMAL(10,2),"
          + " tags ARRAY<STRING>, scores MAP<STRING, BIGINT>, byid MAP<INT, DATE>,"
          + " point STRUCT<x: DOUBLE, y: DOUBLE, label: STRING>,"
          + " nested ARRAY<STRUCT<k: STRING, v: ARRAY<DECIMAL(5,1)>>>,"
          + " cents DECIMAL(9,2), ranks MAP<STRING, INT>,"
          + " addr STRUCT<street: STRING, zip: INT, geo: STRUCT<lat: DOUBLE, lon: DOUBLE>>,"
          + " events ARRAY<STRUCT<at: TIMESTAMP, amount: DECIMAL(10,2), ok: BOOLEAN>>,"
          + " calendar MAP<INT, ARRAY<DATE>>, counts MAP<STRING, UBIGINT>, ids ARRAY<UINT>";

  /** The schema of {@link #COLUMNS}. */
  public static final Schema SCHEMA = TypeParser.parseColumns(COLUMNS);

  /** The largest UBIGINT. */
  public static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  /** The id of the first edge row (the minimums). */
  public static final long FIRST_EDGE_ID = 1;

  /** The id of the last edge row (NULL in every column but the key). */
  public static final long LAST_EDGE_ID = 4;

  private static final BigDecimal DECIMAL_38_10_MIN = new BigDecimal("-9999999999999999999999999999.9999999999");
  private static final BigDecimal DECIMAL_38_10_MAX = DECIMAL_38_10_MIN.negate();
  /** Days from 0001-01-01 to 9999-12-31: generated dates stay inside lake's range. */
  private static final long DAYS_IN_RANGE = 3_652_059;

  private AllTypes() {}

  /** The index of a column of {@link #SCHEMA}. */
  public static int column(String name) {
    return SCHEMA.require(name);
  }

  /** The four edge rows, ids 1 to 4, in generation 0. */
  public static List<Object[]> edgeRows() {
    return rows(FIRST_EDGE_ID, LAST_EDGE_ID + 1);
  }

  /** Rows {@code from} to {@code to - 1} in generation 0. */
  public static List<Object[]> rows(long from, long to) {
    List<Object[]> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(row(id, 0));
    }
    return rows;
  }

  /** The row of {@code id} in {@code generation} (0 for the first version of a row). */
  public static Object[] row(long id, int generation) {
    if (id >= FIRST_EDGE_ID && id <= LAST_EDGE_ID) {
      int pattern = (int) Math.floorMod(id - FIRST_EDGE_ID + generation, 4);
      return switch (pattern) {
        case 0 -> minimums(id);
        case 1 -> maximums(id);
        case 2 -> oddValues(id);
        default -> keyOnly(id);
      };
    }
    return id % 5 == 4 ? keyOnly(id) : ordinary(id, id + 1000L * generation);
  }

  /** A row with only the key set: a NULL in every other column, or the key of a DELETE in a merge. */
  public static Object[] keyOnly(long id) {
    Object[] r = new Object[SCHEMA.size()];
    r[0] = id;
    return r;
  }

  private static Object[] minimums(long id) {
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("zeta", Long.MIN_VALUE);
    scores.put("alpha", Long.MAX_VALUE);
    scores.put("", null);
    Map<Integer, LocalDate> byid = new LinkedHashMap<>();
    byid.put(-7, LocalDate.of(1, 1, 1));
    byid.put(42, LocalDate.of(9999, 12, 31));
    Map<String, Integer> ranks = new LinkedHashMap<>();
    ranks.put("lowest", Integer.MIN_VALUE);
    ranks.put("", null);
    Map<Integer, List<LocalDate>> calendar = new LinkedHashMap<>();
    calendar.put(Integer.MIN_VALUE, List.of(LocalDate.of(1, 1, 1)));
    calendar.put(-1, List.of());
    Map<String, BigInteger> counts = new LinkedHashMap<>();
    counts.put("zero", BigInteger.ZERO);
    counts.put("", null);
    return new Object[] {
      id, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE,
      (short) 0, 0, 0L, BigInteger.ZERO,
      Float.MIN_VALUE, -Double.MAX_VALUE, "", new byte[0], false, LocalDate.of(1, 1, 1),
      Instant.parse("0001-01-01T00:00:00Z"), LocalDateTime.parse("0001-01-01T00:00:00"),
      DECIMAL_38_10_MIN, new BigDecimal("-99999999.99"),
      List.of(), scores, byid, Arrays.asList(-0.0, Double.NaN, "comma, \"quote\"\nnewline"),
      List.of(Arrays.asList("k", Arrays.asList(new BigDecimal("1234.5"), null))),
      new BigDecimal("-9999999.99"), ranks,
      Arrays.asList("", Integer.MIN_VALUE, Arrays.asList(-90.0, -180.0)),
      List.of(
          Arrays.asList(Instant.parse("0001-01-01T00:00:00.000001Z"), new BigDecimal("-99999999.99"), false),
          Arrays.asList(null, null, null)),
      calendar, counts, List.of(0L)
    };
  }

  private static Object[] maximums(long id) {
    Map<String, Integer> ranks = new LinkedHashMap<>();
    ranks.put("highest", Integer.MAX_VALUE);
    Map<Integer, List<LocalDate>> calendar = new LinkedHashMap<>();
    calendar.put(Integer.MAX_VALUE, Arrays.asList(LocalDate.of(9999, 12, 30), null));
    Map<String, BigInteger> counts = new LinkedHashMap<>();
    counts.put("max", UINT64_MAX);
    return new Object[] {
      id, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
      (short) 255, 65535, 4294967295L, UINT64_MAX,
      Float.MAX_VALUE, Double.POSITIVE_INFINITY, "unicode: 日本語 ✓ 🎉 e\u0301 \t tab, \"q\"\r\nCRLF",
      new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff}, true, LocalDate.of(9999, 12, 31),
      Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDateTime.parse("9999-12-31T23:59:59.999999"),
      DECIMAL_38_10_MAX, new BigDecimal("0.01"),
      Arrays.asList("a", null, "", "x,y"), Map.of(), Map.of(), Arrays.asList(1.5, Double.NEGATIVE_INFINITY, null),
      List.of(),
      new BigDecimal("9999999.99"), ranks,
      Arrays.asList("Straße 𝄞, \"q\"\r\n✓", Integer.MAX_VALUE, Arrays.asList(90.0, 180.0)),
      List.of(Arrays.asList(Instant.parse("9999-12-31T23:59:59.999998Z"), new BigDecimal("99999999.98"), true)),
      calendar, counts, List.of(4294967295L)
    };
  }

  private static Object[] oddValues(long id) {
    return new Object[] {
      id, (byte) 0, (short) -1, 0, -1L, (short) 1, 1, 1L, BigInteger.ONE,
      Float.NaN, Double.MIN_VALUE, "   leading and trailing spaces   ", new byte[] {(byte) 0xde, (byte) 0xad},
      null, LocalDate.of(1970, 1, 1), Instant.parse("2024-02-29T12:34:56.123456Z"),
      LocalDateTime.parse("2024-02-29T12:34:56.000001"), BigDecimal.ZERO.setScale(10), new BigDecimal("12.50"),
      null, null, null, null, null,
      new BigDecimal("0.00"), null, null, null, null, null, null
    };
  }

  /** Ordinary values derived from {@code x}, with the special ones recurring. */
  private static Object[] ordinary(long id, long x) {
    Map<String, Long> scores = new LinkedHashMap<>();
    scores.put("k" + x, x * 1_000_000_007L);
    scores.put("", x % 2 == 0 ? null : Long.MIN_VALUE);
    Map<Integer, LocalDate> byid = new LinkedHashMap<>();
    byid.put((int) x, date(x * 31));
    byid.put(-1, null);
    Map<String, Integer> ranks = new LinkedHashMap<>();
    if (x % 8 != 3) {
      ranks.put("k" + x, (int) x);
      ranks.put("none", null);
    }
    Map<Integer, List<LocalDate>> calendar = new LinkedHashMap<>();
    calendar.put((int) x, List.of(LocalDate.of(2000, 1, 1).plusDays(x), LocalDate.of(1960, 6, 1)));
    calendar.put(-1, x % 8 == 3 ? null : List.of());
    Map<String, BigInteger> counts = new LinkedHashMap<>();
    counts.put("max", UINT64_MAX);
    counts.put("x", BigInteger.valueOf(x));
    return new Object[] {
      id,
      (byte) (x % 256 - 128),
      (short) (x * 37 - 900),
      (int) (x * 45 - 1000),
      (x % 2 == 0 ? 1 : -1) * x * 1_000_000_007L,
      (short) (x % 256),
      (int) (x * 11 % 65536),
      x * 100_003L % 4_294_967_296L,
      x % 2 == 0 ? UINT64_MAX.subtract(BigInteger.valueOf(x)) : BigInteger.valueOf(x).shiftLeft(40).add(BigInteger.valueOf(x)),
      x % 5 == 0 ? Float.NaN : x % 11 == 6 ? Float.NEGATIVE_INFINITY : x % 13 == 7 ? -0.0f : x / 3.0f,
      x % 6 == 2 ? Double.NaN : x % 11 == 0 ? Double.NEGATIVE_INFINITY : x % 7 == 5 ? Double.POSITIVE_INFINITY : -x / 7.0,
      x % 4 == 0 ? "" : "row " + x + (x % 3 == 0 ? ", \"quoted\"\nline 2 héllo 日本語 ✓ 𝄞" : ""),
      x % 9 == 0 ? new byte[0] : new byte[] {(byte) x, 0, (byte) 0xff, (byte) (x >> 8), 10, 13},
      x % 2 == 0,
      date(x * 997),
      Instant.parse("1969-07-20T20:17:40.123456Z").plusSeconds(x * 86_401).plusNanos(x * 1000),
      LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000).minusHours(x * 7),
      x % 3 == 0
          ? DECIMAL_38_10_MIN.add(BigDecimal.valueOf(x))
          : BigDecimal.valueOf(x * 7919, 10).add(BigDecimal.valueOf(x * 1_000_003L)).setScale(10),
      BigDecimal.valueOf(x * 101 - 5000, 2),
      x % 8 == 3 ? List.of() : Arrays.asList("a" + x, null, "", "x,y"),
      scores,
      byid,
      x % 10 == 5 ? Arrays.asList(null, null, null) : Arrays.asList(x * 0.5, -x / 7.0, "label " + x),
      x % 8 == 3 ? List.of() : List.of(Arrays.asList("k" + x, Arrays.asList(BigDecimal.valueOf(x % 99_999, 1), null))),
      BigDecimal.valueOf(x * 99_991L % 99_999_999L - 50_000_000L, 2),
      ranks,
      x % 10 == 5
          ? Arrays.asList(null, null, null)
          : Arrays.asList("street " + x, (int) (10000 + x), x % 10 == 7 ? null : Arrays.asList(x / 3.0, -x / 7.0)),
      x % 8 == 3
          ? List.of()
          : List.of(
              Arrays.asList(Instant.parse("2020-01-01T00:00:00.000001Z").plusSeconds(x), BigDecimal.valueOf(x, 2), x % 2 == 1),
              Arrays.asList(null, null, null)),
      calendar,
      counts,
      Arrays.asList(4294967295L, 0L, null, x)
    };
  }

  /** A date {@code days} after 0001-01-01, wrapped into lake's range. */
  private static LocalDate date(long days) {
    return LocalDate.of(1, 1, 1).plusDays(Math.floorMod(days, DAYS_IN_RANGE));
  }
}
