package dev.lake.jdbc.meta;

/** A row of DatabaseMetaData.getPrimaryKeys (Avatica reads the public fields by name). */
public final class LakePrimaryKey {
  public final String tableCat;
  public final String tableSchem;
  public final String tableName;
  public final String columnName;
  public final short keySeq;
  public final String pkName;

  LakePrimaryKey(String tableSchem, String tableName, String columnName, short keySeq) {
    this.tableCat = null;
    this.tableSchem = tableSchem;
    this.tableName = tableName;
    this.columnName = columnName;
    this.keySeq = keySeq;
    this.pkName = "pk_" + tableName;
  }
}
