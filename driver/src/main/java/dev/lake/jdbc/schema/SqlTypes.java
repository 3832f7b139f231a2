package dev.lake.jdbc.schema;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Lake types as SQL types (docs/TYPES.md, the SQL column). Unsigned types widen to the next
 * signed type (UBIGINT to DECIMAL(20,0)); both timestamp kinds are TIMESTAMP(6) — a TIMESTAMP
 * (with zone) column shows its instant as UTC wall-clock time.
 */
public final class SqlTypes {
  /** Precision of timestamps: microseconds, as Delta stores them. */
  public static final int TIMESTAMP_PRECISION = 6;

  private SqlTypes() {}

  /** The row type of a table. */
  public static RelDataType rowType(RelDataTypeFactory f, Schema schema) {
    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (Field field : schema.fields()) {
      names.add(field.name());
      types.add(f.createTypeWithNullability(type(f, field.type()), field.nullable()));
    }
    return f.createStructType(types, names);
  }

  /** The SQL type of a lake type (nullable-ness is the caller's). */
  public static RelDataType type(RelDataTypeFactory f, LakeType t) {
    switch (t.kind()) {
      case INT8:
        return f.createSqlType(SqlTypeName.TINYINT);
      case INT16:
      case UINT8:
        return f.createSqlType(SqlTypeName.SMALLINT);
      case INT32:
      case UINT16:
        return f.createSqlType(SqlTypeName.INTEGER);
      case INT64:
      case UINT32:
        return f.createSqlType(SqlTypeName.BIGINT);
      case UINT64:
        return f.createSqlType(SqlTypeName.DECIMAL, 20, 0);
      case FLOAT32:
        return f.createSqlType(SqlTypeName.REAL);
      case FLOAT64:
        return f.createSqlType(SqlTypeName.DOUBLE);
      case STRING:
        return f.createSqlType(SqlTypeName.VARCHAR);
      case BINARY:
        return f.createSqlType(SqlTypeName.VARBINARY);
      case BOOLEAN:
        return f.createSqlType(SqlTypeName.BOOLEAN);
      case DATE:
        return f.createSqlType(SqlTypeName.DATE);
      case TIMESTAMP:
      case TIMESTAMP_NTZ:
        return f.createSqlType(SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION);
      case DECIMAL:
        LakeType.Decimal d = (LakeType.Decimal) t;
        return f.createSqlType(SqlTypeName.DECIMAL, d.precision(), d.scale());
      case LIST:
        LakeType.ListOf l = (LakeType.ListOf) t;
        return f.createArrayType(f.createTypeWithNullability(type(f, l.element()), l.containsNull()), -1);
      case MAP:
        LakeType.MapOf m = (LakeType.MapOf) t;
        return f.createMapType(
            f.createTypeWithNullability(type(f, m.key()), false),
            f.createTypeWithNullability(type(f, m.value()), m.valueContainsNull()));
      case STRUCT:
        List<String> names = new ArrayList<>();
        List<RelDataType> types = new ArrayList<>();
        for (Field field : ((LakeType.StructOf) t).fields()) {
          names.add(field.name());
          types.add(f.createTypeWithNullability(type(f, field.type()), field.nullable()));
        }
        return f.createStructType(types, names);
      default:
        throw new IllegalStateException("unmapped " + t);
    }
  }
}
