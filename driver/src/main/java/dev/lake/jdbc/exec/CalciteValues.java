package dev.lake.jdbc.exec;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Converts between the engine's Java values and Calcite's internal representation (DATE as
 * days, TIMESTAMP as milliseconds of UTC wall-clock time, VARBINARY as {@link ByteString},
 * STRUCT as {@code Object[]}).
 */
public final class CalciteValues {
  private CalciteValues() {}

  /** The Calcite value of an engine value of type {@code t}. */
  public static Object toCalcite(LakeType t, Object v) {
    if (v == null) {
      return null;
    }
    switch (t.kind()) {
      case UINT64:
        return new BigDecimal((BigInteger) v);
      case BINARY:
        return new ByteString((byte[]) v);
      case DATE:
        return Math.toIntExact(((LocalDate) v).toEpochDay());
      case TIMESTAMP:
        return ((Instant) v).toEpochMilli();
      case TIMESTAMP_NTZ:
        return ((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli();
      case LIST:
        {
          LakeType e = ((LakeType.ListOf) t).element();
          List<Object> out = new ArrayList<>();
          for (Object x : (List<?>) v) {
            out.add(toCalcite(e, x));
          }
          return out;
        }
      case MAP:
        {
          LakeType.MapOf m = (LakeType.MapOf) t;
          Map<Object, Object> out = new LinkedHashMap<>();
          ((Map<?, ?>) v).forEach((k, x) -> out.put(toCalcite(m.key(), k), toCalcite(m.value(), x)));
          return out;
        }
      case STRUCT:
        {
          List<Field> fields = ((LakeType.StructOf) t).fields();
          List<?> in = (List<?>) v;
          Object[] out = new Object[fields.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = toCalcite(fields.get(i).type(), in.get(i));
          }
          return out;
        }
      default:
        return v;
    }
  }

  /**
   * The engine value of a Calcite value for a column of type {@code t}, coerced (range and
   * precision checked).
   *
   * @throws dev.lake.engine.error.SchemaException when it does not fit
   */
  public static Object toEngine(LakeType t, Object v) {
    if (v == null) {
      return null;
    }
    switch (t.kind()) {
      case BINARY:
        if (v instanceof ByteString b) {
          return b.getBytes();
        }
        break;
      case DATE:
        if (v instanceof Integer days) {
          return LocalDate.ofEpochDay(days);
        }
        if (v instanceof java.sql.Date d) {
          return d.toLocalDate();
        }
        break;
      case TIMESTAMP:
        if (v instanceof Long millis) {
          return Instant.ofEpochMilli(millis);
        }
        break;
      case TIMESTAMP_NTZ:
        if (v instanceof Long millis) {
          return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        }
        break;
      case STRING:
        if (v instanceof Character c) {
          return String.valueOf(c);
        }
        break;
      case LIST:
        {
          LakeType e = ((LakeType.ListOf) t).element();
          List<Object> out = new ArrayList<>();
          for (Object x : asList(v)) {
            out.add(toEngine(e, x));
          }
          return Values.coerce(t, out);
        }
      case MAP:
        {
          LakeType.MapOf m = (LakeType.MapOf) t;
          Map<Object, Object> out = new LinkedHashMap<>();
          ((Map<?, ?>) v).forEach((k, x) -> out.put(toEngine(m.key(), k), toEngine(m.value(), x)));
          return Values.coerce(t, out);
        }
      case STRUCT:
        {
          List<Field> fields = ((LakeType.StructOf) t).fields();
          List<?> in = asList(v);
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < fields.size() && i < in.size(); i++) {
            out.add(toEngine(fields.get(i).type(), in.get(i)));
          }
          return Values.coerce(t, out);
        }
      default:
        break;
    }
    return Values.coerce(t, v);
  }

  private static List<?> asList(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof Object[] a) {
      return Arrays.asList(a);
    }
    if (v instanceof java.sql.Array a) {
      try {
        return Arrays.asList((Object[]) a.getArray());
      } catch (java.sql.SQLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return List.of(v);
  }
}
