package dev.lake.jdbc.meta;

import org.apache.calcite.avatica.MetaImpl;

/** A column of DatabaseMetaData.getColumns, with REMARKS holding the column's lake type. */
public final class LakeMetaColumn extends MetaImpl.MetaColumn {
  /** Shadows the parent's always-null field: Avatica reads result columns by field name. */
  public final String remarks;

  @SuppressWarnings("checkstyle:ParameterNumber")
  LakeMetaColumn(
      String tableCat,
      String tableSchem,
      String tableName,
      String columnName,
      int dataType,
      String typeName,
      Integer columnSize,
      Integer decimalDigits,
      int numPrecRadix,
      int nullable,
      Integer charOctetLength,
      int ordinalPosition,
      String isNullable,
      String remarks) {
    super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits,
        numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
    this.remarks = remarks;
  }
}
