package dev.lake.jdbc;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * lake's SQL type system: strings and binaries without a length limit (Delta has none),
 * timestamps to microseconds, decimals to 38 digits as Delta.
 */
public final class LakeTypeSystem extends RelDataTypeSystemImpl {
  /** The instance named in the connection's {@code typeSystem} property. */
  public static final RelDataTypeSystem INSTANCE = new LakeTypeSystem();

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case VARCHAR:
      case VARBINARY:
      case CHAR:
      case BINARY:
        return Integer.MAX_VALUE;
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      case TIME:
        return 6;
      default:
        return super.getMaxPrecision(typeName);
    }
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case VARCHAR:
      case VARBINARY:
        return Integer.MAX_VALUE;
      default:
        return super.getDefaultPrecision(typeName);
    }
  }

  @Override
  public int getMaxNumericPrecision() {
    return 38;
  }

  @Override
  public int getMaxNumericScale() {
    return 38;
  }

  /**
   * String literals of different lengths in one column ({@code VALUES ('apple'), ('kiwi')},
   * {@code CASE}, {@code UNION}) are VARCHAR, not CHAR padded to the longest: a MERGE or INSERT
   * from such values stores {@code kiwi}, not {@code "kiwi "} — as Spark, PostgreSQL and SQLite do.
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
