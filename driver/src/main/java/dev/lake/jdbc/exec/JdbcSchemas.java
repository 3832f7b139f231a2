package dev.lake.jdbc.exec;

import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Lake columns for the columns of a query result: how CREATE TABLE AS picks column types and how
 * the command line renders query results as CSV.
 */
public final class JdbcSchemas {
  private JdbcSchemas() {}

  /**
   * The lake schema of a result.
   *
   * @param lenient map SQL types lake cannot store (arrays, maps, intervals...) to STRING (their
   *     text) instead of failing
   */
  public static Schema schemaOf(ResultSetMetaData md, boolean lenient) throws SQLException {
    List<Field> fields = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String name = md.getColumnLabel(i);
      // Results may repeat a name (SELECT a.id, b.id); a schema may not.
      String unique = name;
      for (int k = 2; contains(fields, unique); k++) {
        unique = name + "_" + k;
      }
      fields.add(Field.of(unique, typeOf(md, i, lenient)));
    }
    return new Schema(fields);
  }

  private static boolean contains(List<Field> fields, String name) {
    return fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
  }

  private static LakeType typeOf(ResultSetMetaData md, int i, boolean lenient) throws SQLException {
    switch (md.getColumnType(i)) {
      case Types.TINYINT:
        return LakeType.INT8;
      case Types.SMALLINT:
        return LakeType.INT16;
      case Types.INTEGER:
        return LakeType.INT32;
      case Types.BIGINT:
        return LakeType.INT64;
      case Types.REAL:
        return LakeType.FLOAT32;
      case Types.FLOAT:
      case Types.DOUBLE:
        return LakeType.FLOAT64;
      case Types.DECIMAL:
      case Types.NUMERIC:
        {
          int p = Math.max(1, Math.min(38, md.getPrecision(i)));
          int s = Math.max(0, Math.min(p, md.getScale(i)));
          return LakeType.decimal(p, s);
        }
      case Types.BOOLEAN:
      case Types.BIT:
        return LakeType.BOOLEAN;
      case Types.DATE:
        return LakeType.DATE;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        // SQL shows lake timestamps as UTC wall-clock time: store them as Delta's (UTC) timestamp.
        return LakeType.TIMESTAMP;
      case Types.BINARY:
      case Types.VARBINARY:
        return LakeType.BINARY;
      case Types.CHAR:
      case Types.VARCHAR:
        return LakeType.STRING;
      default:
        if (lenient) {
          return LakeType.STRING;
        }
        throw new SchemaException(
            "column '" + md.getColumnLabel(i) + "' has SQL type " + md.getColumnTypeName(i)
                + ", which lake cannot store: list the columns with their types");
    }
  }
}
