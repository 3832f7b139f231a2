package dev.lake.engine.types;

import dev.lake.engine.error.SchemaException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks and converts Java values to the engine's value convention (see {@link LakeType}), and
 * compares them. Every write path runs its values through {@link #coerce}, so range checks for
 * unsigned and narrow types, decimal precision and NOT NULL live here once.
 */
public final class Values {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Values() {}

  /**
   * The value in the canonical Java class of {@code type}. Accepts any integral Java number for
   * integer types (range-checked), any number for floating point and decimals (exactly), {@code
   * java.sql} and {@code java.time} variants of dates and times, and nested values whose elements
   * coerce. Timestamps are truncated to microseconds, Delta's precision.
   *
   * @throws SchemaException when the value does not fit; the message names the value and type
   */
  public static Object coerce(LakeType type, Object value) {
    if (value == null) {
      return null;
    }
    switch (type.kind()) {
      case INT8:
        return (byte) integral(type, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case INT16:
        return (short) integral(type, value, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT32:
        return (int) integral(type, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case INT64:
        return integral(type, value, Long.MIN_VALUE, Long.MAX_VALUE);
      case UINT8:
        return (short) integral(type, value, 0, 255);
      case UINT16:
        return (int) integral(type, value, 0, 65535);
      case UINT32:
        return integral(type, value, 0, 4294967295L);
      case UINT64:
        {
          BigInteger b = bigInteger(type, value);
          if (b.signum() < 0 || b.compareTo(UINT64_MAX) > 0) {
            throw mismatch(type, value, "out of range 0.." + UINT64_MAX);
          }
          return b;
        }
      case FLOAT32:
        if (value instanceof Float) {
          return value;
        }
        if (value instanceof Number n) {
          return n.floatValue();
        }
        throw mismatch(type, value, null);
      case FLOAT64:
        if (value instanceof Double) {
          return value;
        }
        if (value instanceof Number n) {
          return n.doubleValue();
        }
        throw mismatch(type, value, null);
      case DECIMAL:
        return decimal((LakeType.Decimal) type, value);
      case STRING:
        if (value instanceof String) {
          return value;
        }
        if (value instanceof CharSequence cs) {
          return cs.toString();
        }
        throw mismatch(type, value, null);
      case BINARY:
        if (value instanceof byte[]) {
          return value;
        }
        throw mismatch(type, value, null);
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        throw mismatch(type, value, null);
      case DATE:
        if (value instanceof LocalDate) {
          return value;
        }
        if (value instanceof java.sql.Date d) {
          return d.toLocalDate();
        }
        throw mismatch(type, value, null);
      case TIMESTAMP:
        return timestamp(type, value);
      case TIMESTAMP_NTZ:
        if (value instanceof LocalDateTime ldt) {
          return ldt.truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof java.sql.Timestamp ts) {
          return ts.toLocalDateTime().truncatedTo(ChronoUnit.MICROS);
        }
        throw mismatch(type, value, null);
      case LIST:
        {
          if (!(value instanceof List<?> list)) {
            throw mismatch(type, value, null);
          }
          LakeType.ListOf lt = (LakeType.ListOf) type;
          List<Object> out = new ArrayList<>(list.size());
          for (Object e : list) {
            if (e == null && !lt.containsNull()) {
              throw mismatch(type, value, "NULL element not allowed");
            }
            out.add(coerce(lt.element(), e));
          }
          return out;
        }
      case MAP:
        {
          if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(type, value, null);
          }
          LakeType.MapOf mt = (LakeType.MapOf) type;
          Map<Object, Object> out = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
              throw mismatch(type, value, "map keys cannot be NULL");
            }
            if (e.getValue() == null && !mt.valueContainsNull()) {
              throw mismatch(type, value, "NULL value not allowed");
            }
            out.put(coerce(mt.key(), e.getKey()), coerce(mt.value(), e.getValue()));
          }
          return out;
        }
      case STRUCT:
        {
          LakeType.StructOf st = (LakeType.StructOf) type;
          List<?> in;
          if (value instanceof List<?> l) {
            in = l;
          } else if (value instanceof Object[] arr) {
            in = Arrays.asList(arr);
          } else {
            throw mismatch(type, value, null);
          }
          if (in.size() != st.fields().size()) {
            throw mismatch(type, value, "expected " + st.fields().size() + " fields");
          }
          List<Object> out = new ArrayList<>(in.size());
          for (int i = 0; i < in.size(); i++) {
            Field f = st.fields().get(i);
            Object v = in.get(i);
            if (v == null && !f.nullable()) {
              throw mismatch(type, value, "field " + f.name() + " cannot be NULL");
            }
            out.add(coerce(f.type(), v));
          }
          return out;
        }
      default:
        throw new IllegalStateException("unhandled " + type);
    }
  }

  /** Equality in the engine's convention: byte arrays by content, decimals by value. */
  public static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** A hash code consistent with {@link #equal}. */
  public static int hash(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof byte[] b) {
      return Arrays.hashCode(b);
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().hashCode();
    }
    if (v instanceof List<?> l) {
      int h = 1;
      for (Object e : l) {
        h = 31 * h + hash(e);
      }
      return h;
    }
    return v.hashCode();
  }

  /**
   * Orders two non-null values of one scalar type (numbers by value, strings by UTF-16 code
   * units as Delta's stats do for ASCII, binary unsigned lexicographically).
   *
   * @throws SchemaException for nested types, which have no order
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof Boolean || a instanceof Comparable) {
      if (a.getClass() != b.getClass()) {
        throw new SchemaException(
            "cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
      }
      return ((Comparable) a).compareTo(b);
    }
    throw new SchemaException("values of type " + a.getClass().getSimpleName() + " have no order");
  }

  private static long integral(LakeType type, Object value, long min, long max) {
    long v;
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      v = ((Number) value).longValue();
    } else if (value instanceof BigInteger || value instanceof BigDecimal) {
      BigInteger b = bigInteger(type, value);
      if (b.bitLength() > 63) {
        throw mismatch(type, value, "out of range " + min + ".." + max);
      }
      v = b.longValue();
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
        throw mismatch(type, value, "not an integer");
      }
      v = (long) d;
    } else {
      throw mismatch(type, value, null);
    }
    if (v < min || v > max) {
      throw mismatch(type, value, "out of range " + min + ".." + max);
    }
    return v;
  }

  private static BigInteger bigInteger(LakeType type, Object value) {
    if (value instanceof BigInteger b) {
      return b;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigDecimal d) {
      try {
        return d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw mismatch(type, value, "not an integer");
      }
    }
    throw mismatch(type, value, null);
  }

  private static BigDecimal decimal(LakeType.Decimal type, Object value) {
    BigDecimal d;
    if (value instanceof BigDecimal b) {
      d = b;
    } else if (value instanceof BigInteger b) {
      d = new BigDecimal(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      d = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double x = ((Number) value).doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw mismatch(type, value, null);
      }
      d = new BigDecimal(Double.toString(x));
    } else {
      throw mismatch(type, value, null);
    }
    BigDecimal scaled;
    try {
      scaled = d.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw mismatch(type, value, "needs more than " + type.scale() + " fraction digits");
    }
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw mismatch(type, value, "too many digits for precision " + type.precision());
    }
    return scaled;
  }

  private static Instant timestamp(LakeType type, Object value) {
    Instant i;
    if (value instanceof Instant x) {
      i = x;
    } else if (value instanceof OffsetDateTime odt) {
      i = odt.toInstant();
    } else if (value instanceof ZonedDateTime zdt) {
      i = zdt.toInstant();
    } else if (value instanceof java.sql.Timestamp ts) {
      i = ts.toInstant();
    } else if (value instanceof LocalDateTime ldt) {
      i = ldt.toInstant(ZoneOffset.UTC);
    } else {
      throw mismatch(type, value, null);
    }
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private static SchemaException mismatch(LakeType type, Object value, String why) {
    String shown = value instanceof byte[] b ? "<" + b.length + " bytes>" : String.valueOf(value);
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    return new SchemaException(
        "value "
            + shown
            + " ("
            + value.getClass().getSimpleName()
            + ") does not fit "
            + type.sqlName()
            + (why == null ? "" : ": " + why));
  }
}
