package dev.lake.jdbc.exec;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Values;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Reads JDBC values into the engine's convention. Dates and timestamps are read with a UTC
 * calendar, as lake's connections present them, so no JVM time zone shifts them.
 */
public final class JdbcValues {
  private JdbcValues() {}

  /** The engine value of column {@code i} for a lake column of type {@code t}. */
  public static Object read(ResultSet rs, int i, LakeType t) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    Object v;
    switch (t.kind()) {
      case DATE:
        {
          java.sql.Date d = rs.getDate(i, utc);
          return d == null ? null : LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L));
        }
      case TIMESTAMP:
      case TIMESTAMP_NTZ:
        {
          Timestamp ts = rs.getTimestamp(i, utc);
          if (ts == null) {
            return null;
          }
          Instant instant = ts.toInstant();
          return t.kind() == LakeType.Kind.TIMESTAMP ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
      case DECIMAL:
      case UINT64:
        v = rs.getBigDecimal(i);
        break;
      case BINARY:
        v = rs.getBytes(i);
        break;
      case LIST:
        {
          java.sql.Array a = rs.getArray(i);
          if (a == null) {
            return null;
          }
          List<Object> out = new ArrayList<>(Arrays.asList((Object[]) a.getArray()));
          return CalciteValues.toEngine(t, out);
        }
      case STRUCT:
        {
          Object s = rs.getObject(i);
          if (s == null) {
            return null;
          }
          List<Field> fields = ((LakeType.StructOf) t).fields();
          Object[] attrs = s instanceof java.sql.Struct st ? st.getAttributes() : (Object[]) s;
          return CalciteValues.toEngine(t, Arrays.asList(attrs).subList(0, Math.min(attrs.length, fields.size())));
        }
      case STRING:
        return rs.getString(i);
      default:
        v = rs.getObject(i);
        break;
    }
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal || v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof byte[]) {
      return Values.coerce(t, v);
    }
    return CalciteValues.toEngine(t, v);
  }
}
