package dev.lake.spark;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One text form for values read by different engines (lake's scan, JDBC, Spark), so that two
 * readers' rows compare as strings. Plain Java only: Spark's runner converts its Scala values
 * (rows, sequences, maps) to Java lists and maps first, and the tests use this class directly.
 *
 * <p>Rules: NULL is {@code null}; strings are quoted (with {@code "} and {@code \} escaped) so
 * that {@code "null"} and NULL differ; binary is {@code 0x} + lowercase hex; integers of any width
 * and {@link BigInteger} print as decimal numbers (lake's unsigned types are stored in the next
 * wider signed Delta type, which is what Spark reads); {@link BigDecimal} in plain notation at its
 * scale; floats and doubles as Java prints them ({@code NaN}, {@code -0.0}); dates, instants and
 * local date-times in ISO-8601 as {@code java.time} prints them; lists (arrays and structs) as
 * {@code [a, b]}; maps as {@code {k=v}} with entries sorted by their text (map order is not
 * part of a value).
 */
public final class CanonicalText {
  private CanonicalText() {}

  /** The text of one value. */
  public static String of(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>(l.size());
      for (Object e : l) {
        parts.add(of(e));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>(m.size());
      m.forEach((k, val) -> parts.add(of(k) + "=" + of(val)));
      Collections.sort(parts);
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof Object[] a) {
      return of(java.util.Arrays.asList(a));
    }
    // Byte, Short, Integer, Long, BigInteger, Float, Double, Boolean, LocalDate, Instant,
    // LocalDateTime: their own toString is the canonical text.
    return v.toString();
  }

  /** The text of a row (its values in column order). */
  public static String row(Object[] values) {
    return of(java.util.Arrays.asList(values));
  }

  /** Rows sorted, so that results compare regardless of scan order. */
  public static List<String> sorted(List<String> rows) {
    List<String> out = new ArrayList<>(rows);
    Collections.sort(out);
    return out;
  }

  /** {@code s} on one line: backslashes doubled, CR and LF escaped (answers are line-based). */
  public static String oneLine(String s) {
    return s == null ? "null" : s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }
}
