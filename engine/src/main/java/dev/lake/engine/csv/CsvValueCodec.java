package dev.lake.engine.csv;

import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.LakeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The one place that turns a value of a {@link LakeType} into CSV field text and back. It knows
 * nothing of CSV quoting: {@link CsvBatchWriter} and {@link CsvRowReader} do that, and NULL (an
 * empty unquoted field) never reaches this class.
 *
 * <p>Values follow {@link LakeType}'s Java convention. Every type has one canonical text, which
 * {@link #format} writes, so that {@code parse(t, format(t, v))} equals {@code v} and {@code
 * format(t, parse(t, canonical))} equals {@code canonical} byte for byte. {@link #parse} also
 * accepts some other spellings (listed in docs/TYPES.md) but never rounds, truncates or clamps:
 * text that does not denote a value of the type exactly is rejected.
 *
 * <ul>
 *   <li>integers: plain decimal, {@code -128}; parse takes {@code [+-]?[0-9]+} within range;
 *   <li>FLOAT/DOUBLE: {@link Float#toString}/{@link Double#toString} ({@code 1.0E10}, {@code
 *       -0.0}, {@code NaN}, {@code Infinity}); parse also takes {@code inf}, {@code nan} (any case);
 *   <li>DECIMAL(p,s): plain notation with exactly s fraction digits ({@code 12.50});
 *   <li>BOOLEAN {@code true}/{@code false}; STRING as is; BINARY lowercase hex;
 *   <li>DATE {@code 2024-01-31}; TIMESTAMP {@code 2024-01-31T12:34:56.123456Z} (UTC);
 *       TIMESTAMP_NTZ {@code 2024-01-31T12:34:56.123456};
 *   <li>ARRAY, MAP, STRUCT: compact JSON: arrays, objects keyed by the map key's canonical text
 *       or by field name; numbers by their exact text; NaN/Infinity, strings, dates, timestamps
 *       and binary as JSON strings.
 * </ul>
 *
 * docs/TYPES.md lists every canonical form and accepted variant. Errors are {@link
 * SchemaException}s saying which text is not which type (and why), without a line or column:
 * callers that know them prefix them. NULL inside a nested value where the type says NOT NULL is
 * a {@link dev.lake.engine.error.ConstraintViolationException}. Stateless and thread-safe.
 */
public final class CsvValueCodec {
  private CsvValueCodec() {}

  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The canonical text of a non-null value. */
  public static String format(LakeType type, Object value) {
    if (type.kind() == LakeType.Kind.STRING) {
      return asString(type, value);
    }
    StringBuilder sb = new StringBuilder(24);
    appendTo(sb, type, value);
    return sb.toString();
  }

  /**
   * Appends the canonical text of a non-null value; what {@link #format} does without allocating
   * a String (the CSV writer's hot path). If it throws, {@code sb} may hold part of the text.
   */
  public static void appendTo(StringBuilder sb, LakeType type, Object value) {
    if (value == null) {
      throw new SchemaException("NULL has no " + type.sqlName() + " text; NULL is an empty unquoted CSV field");
    }
    switch (type.kind()) {
      case INT8 -> sb.append((byte) as(type, value, Byte.class));
      case INT16 -> sb.append((short) as(type, value, Short.class));
      case INT32 -> sb.append((int) as(type, value, Integer.class));
      case INT64 -> sb.append((long) as(type, value, Long.class));
      case UINT8 -> sb.append(inRange(type, as(type, value, Short.class), 255));
      case UINT16 -> sb.append(inRange(type, as(type, value, Integer.class), 65_535));
      case UINT32 -> sb.append(inRange(type, as(type, value, Long.class), 4_294_967_295L));
      case UINT64 -> sb.append(uint64InRange(type, as(type, value, BigInteger.class)));
      case FLOAT32 -> sb.append((float) as(type, value, Float.class));
      case FLOAT64 -> sb.append((double) as(type, value, Double.class));
      case DECIMAL -> sb.append(fitDecimal((LakeType.Decimal) type, as(type, value, BigDecimal.class), null).toPlainString());
      case BOOLEAN -> sb.append((boolean) as(type, value, Boolean.class));
      case STRING -> sb.append(asString(type, value));
      case BINARY -> appendHex(sb, as(type, value, byte[].class));
      case DATE -> TemporalText.appendDate(sb, as(type, value, LocalDate.class));
      case TIMESTAMP -> {
        Instant t = as(type, value, Instant.class);
        try {
          TemporalText.appendInstant(sb, t);
        } catch (IllegalArgumentException e) {
          throw new SchemaException("value " + t + " cannot be a TIMESTAMP: " + e.getMessage());
        }
      }
      case TIMESTAMP_NTZ -> {
        LocalDateTime t = as(type, value, LocalDateTime.class);
        try {
          TemporalText.appendLocalDateTime(sb, t);
        } catch (IllegalArgumentException e) {
          throw new SchemaException("value " + t + " cannot be a TIMESTAMP_NTZ: " + e.getMessage());
        }
      }
      case LIST, MAP, STRUCT -> NestedJson.write(sb, type, value);
    }
  }

  /**
   * The value a text denotes; {@code text} is the CSV field's content after unquoting.
   *
   * @throws SchemaException when the text is not a value of the type, e.g. {@code 'abc' is not
   *     a DECIMAL(10,2)}
   */
  public static Object parse(LakeType type, String text) {
    java.util.Objects.requireNonNull(text, "text; NULL is an empty unquoted field and has no text");
    switch (type.kind()) {
      case STRING:
        return text;
      case INT8:
        return (byte) parseIntegral(type, text, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case INT16:
        return (short) parseIntegral(type, text, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT32:
        return (int) parseIntegral(type, text, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64:
        return parseIntegral(type, text, Long.MIN_VALUE, Long.MAX_VALUE);
      case UINT8:
        return (short) parseIntegral(type, text, 0, 255);
      case UINT16:
        return (int) parseIntegral(type, text, 0, 65_535);
      case UINT32:
        return parseIntegral(type, text, 0, 4_294_967_295L);
      case UINT64:
        {
          BigInteger v = NumberText.parseBigInteger(text);
          if (v == null) {
            throw notA(type, text, null);
          }
          if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
            throw notA(type, text, "out of range 0.." + UINT64_MAX);
          }
          return v;
        }
      case FLOAT32:
        {
          Double special = NumberText.specialFloat(text);
          if (special != null) {
            return special.floatValue();
          }
          if (NumberText.decimalShape(text) < 0) {
            throw notA(type, text, null);
          }
          float f = Float.parseFloat(text);
          if (Float.isInfinite(f)) {
            throw notA(type, text, "out of range");
          }
          return f;
        }
      case FLOAT64:
        {
          Double special = NumberText.specialFloat(text);
          if (special != null) {
            return special;
          }
          if (NumberText.decimalShape(text) < 0) {
            throw notA(type, text, null);
          }
          double d = Double.parseDouble(text);
          if (Double.isInfinite(d)) {
            throw notA(type, text, "out of range");
          }
          return d;
        }
      case DECIMAL:
        {
          BigDecimal v = NumberText.parseBigDecimal(text);
          if (v == null) {
            throw notA(type, text, null);
          }
          return fitDecimal((LakeType.Decimal) type, v, text);
        }
      case BOOLEAN:
        if (text.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        throw notA(type, text, null);
      case BINARY:
        return parseHex(type, text);
      case DATE:
        {
          TemporalText.Parsed p = TemporalText.parseDate(text);
          if (p.error != null) {
            throw notA(type, text, p.error);
          }
          return p.date;
        }
      case TIMESTAMP:
        {
          TemporalText.Parsed p = TemporalText.parseDateTime(text);
          if (p.error != null) {
            throw notA(type, text, p.error);
          }
          return TemporalText.toInstant(p);
        }
      case TIMESTAMP_NTZ:
        {
          TemporalText.Parsed p = TemporalText.parseDateTime(text);
          if (p.error != null) {
            throw notA(type, text, p.error);
          }
          if (p.offset != null) {
            throw notA(type, text, "a TIMESTAMP_NTZ has no time zone offset");
          }
          return p.dateTime;
        }
      case LIST:
      case MAP:
      case STRUCT:
        return NestedJson.read(type, text);
      default:
        throw new AssertionError(type);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static long parseIntegral(LakeType type, String text, long min, long max) {
    Long v = NumberText.parseLong(text);
    if (v == null) {
      if (NumberText.isInteger(text)) {
        throw notA(type, text, "out of range " + min + ".." + max);
      }
      throw notA(type, text, null);
    }
    if (v < min || v > max) {
      throw notA(type, text, "out of range " + min + ".." + max);
    }
    return v;
  }

  /**
   * The value at the type's scale, exactly, within its precision. {@code text} is the parsed
   * text for messages, or null when formatting a Java value.
   */
  private static BigDecimal fitDecimal(LakeType.Decimal type, BigDecimal v, String text) {
    if (v.signum() == 0) {
      return BigDecimal.ZERO.setScale(type.scale());
    }
    // Integer digits first, before any rescale: "1e999999999" must not build a huge number.
    if ((long) v.precision() - v.scale() > type.precision() - type.scale()) {
      throw decimalError(type, v, text, "too many digits before the decimal point (at most " + (type.precision() - type.scale()) + ")");
    }
    if (v.scale() > type.scale()) {
      BigDecimal stripped = v.stripTrailingZeros();
      if (stripped.scale() > type.scale()) {
        throw decimalError(type, v, text, "needs more than " + type.scale() + " fraction digits (no rounding)");
      }
      v = stripped;
    }
    return v.setScale(type.scale(), RoundingMode.UNNECESSARY);
  }

  private static SchemaException decimalError(LakeType type, BigDecimal v, String text, String reason) {
    if (text != null) {
      return notA(type, text, reason);
    }
    // Plain text only where it is short: 1E-999999999 would be a billion characters.
    String shown = Math.abs((long) v.scale()) <= 64 ? v.toPlainString() : v.toString();
    return new SchemaException("value " + shown + " does not fit " + type.sqlName() + ": " + reason);
  }

  private static <T> T as(LakeType type, Object value, Class<T> javaClass) {
    if (!javaClass.isInstance(value)) {
      throw new SchemaException(
          article(type.sqlName())
              + type.sqlName()
              + " value must be "
              + article(javaClass.getSimpleName())
              + javaClass.getSimpleName()
              + ", not "
              + value.getClass().getName());
    }
    return javaClass.cast(value);
  }

  private static String asString(LakeType type, Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new SchemaException(
        article(type.sqlName())
            + type.sqlName()
            + " value must be a String, not "
            + (value == null ? "null" : value.getClass().getName()));
  }

  private static long inRange(LakeType type, long v, long max) {
    if (v < 0 || v > max) {
      throw new SchemaException("value " + v + " is out of range for " + type.sqlName() + " (0.." + max + ")");
    }
    return v;
  }

  private static BigInteger uint64InRange(LakeType type, BigInteger v) {
    if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
      throw new SchemaException("value " + v + " is out of range for " + type.sqlName() + " (0.." + UINT64_MAX + ")");
    }
    return v;
  }

  private static void appendHex(StringBuilder sb, byte[] bytes) {
    for (byte b : bytes) {
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  private static byte[] parseHex(LakeType type, String text) {
    int n = text.length();
    if ((n & 1) != 0) {
      throw notA(type, text, "hex text needs an even number of digits");
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      int hi = Character.digit(text.charAt(i), 16);
      int lo = Character.digit(text.charAt(i + 1), 16);
      // Character.digit also takes fullwidth and other non-ASCII digits: only ASCII hex is ours.
      if (hi < 0 || lo < 0 || text.charAt(i) > 'f' || text.charAt(i + 1) > 'f') {
        throw notA(type, text, "not hex digits");
      }
      out[i / 2] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** "'abc' is not a DECIMAL(10,2)[: reason]", the text shortened if long. */
  static SchemaException notA(LakeType type, String text, String reason) {
    return new SchemaException(quoteForMessage(text) + " is not " + article(type) + type.sqlName() + (reason == null ? "" : ": " + reason));
  }

  /** The text in single quotes for an error message, cut after 100 characters. */
  static String quoteForMessage(String text) {
    if (text.length() > 100) {
      return "'" + text.substring(0, 100) + "...' (" + text.length() + " characters)";
    }
    return "'" + text + "'";
  }

  static String article(LakeType type) {
    return article(type.sqlName());
  }

  /** "an " before INT, ARRAY, Integer, Instant; "a " otherwise (also before UINT: "a UINT"). */
  static String article(String word) {
    char c = word.isEmpty() ? 'x' : Character.toUpperCase(word.charAt(0));
    return (c == 'A' || c == 'E' || c == 'I' || c == 'O') ? "an " : "a ";
  }
}
