package dev.lake.jdbc.meta;

import dev.lake.engine.types.Field;
import dev.lake.jdbc.schema.LakeTable;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.schema.Table;

/**
 * Column metadata as GUI tools expect it: TYPE_NAME the bare SQL type ("INTEGER", not "INTEGER
 * NOT NULL"), COLUMN_SIZE the precision or display width, DECIMAL_DIGITS the scale (6 for
 * timestamps), REMARKS the column's lake type (e.g. "UTINYINT", "ARRAY<STRING>").
 */
final class LakeMetaColumnFactory implements CalciteMetaColumnFactory {
  static final LakeMetaColumnFactory INSTANCE = new LakeMetaColumnFactory();

  @Override
  public MetaImpl.MetaColumn createColumn(
      Table table,
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
      String isNullable) {
    String remarks = null;
    if (table instanceof LakeTable lt) {
      Field f = lt.latest().schema().fields().get(ordinalPosition - 1);
      remarks = f.type().sqlName();
    }
    Integer size = columnSize;
    Integer digits = decimalDigits;
    switch (dataType) {
      case Types.TINYINT:
        size = 3;
        digits = 0;
        break;
      case Types.SMALLINT:
        size = 5;
        digits = 0;
        break;
      case Types.INTEGER:
        size = 10;
        digits = 0;
        break;
      case Types.BIGINT:
        size = 19;
        digits = 0;
        break;
      case Types.REAL:
        size = 7;
        digits = null;
        break;
      case Types.DOUBLE:
        size = 15;
        digits = null;
        break;
      case Types.BOOLEAN:
        size = 1;
        digits = null;
        break;
      case Types.DATE:
        size = 10;
        digits = 0;
        break;
      case Types.TIMESTAMP:
        size = 26;
        digits = 6;
        break;
      default:
        break;
    }
    Integer octets = dataType == Types.VARCHAR || dataType == Types.VARBINARY ? size : null;
    return new LakeMetaColumn(
        tableCat, tableSchem, tableName, columnName, dataType, bareTypeName(typeName), size, digits,
        numPrecRadix, nullable, octets, ordinalPosition, isNullable, remarks);
  }

  /** "DECIMAL(10, 2) NOT NULL" to "DECIMAL"; "INTEGER NOT NULL ARRAY" to "INTEGER ARRAY". */
  static String bareTypeName(String full) {
    String s = full.replace(" NOT NULL", "").replaceAll("\\([^)]*\\)", "");
    if (s.startsWith("RecordType")) {
      return "STRUCT";
    }
    if (s.endsWith(" MAP") || s.startsWith("(")) {
      return "MAP";
    }
    return s.trim();
  }

  @Override
  public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
    return LakeMetaColumn.class;
  }

  @Override
  public List<String> getColumnNames() {
    return CalciteMetaImpl.COLUMN_COLUMNS;
  }
}
