package dev.lake.jdbc.meta;

import dev.lake.engine.types.Field;
import dev.lake.jdbc.schema.LakeTable;
import java.sql.Types;
import java.util.List;
import java.util.Map;
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

  /** COLUMN_SIZE and DECIMAL_DIGITS of a fixed-width type (digits null where not applicable). */
  private record Width(Integer size, Integer digits) {}

  /** Types whose width does not depend on the column: display widths as JDBC defines them. */
  private static final Map<Integer, Width> FIXED_WIDTHS =
      Map.of(
          Types.TINYINT, new Width(3, 0),
          Types.SMALLINT, new Width(5, 0),
          Types.INTEGER, new Width(10, 0),
          Types.BIGINT, new Width(19, 0),
          Types.REAL, new Width(7, null),
          Types.DOUBLE, new Width(15, null),
          Types.BOOLEAN, new Width(1, null),
          Types.DATE, new Width(10, 0),
          Types.TIMESTAMP, new Width(26, 6));

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
    Width fixed = FIXED_WIDTHS.get(dataType);
    Integer size = fixed == null ? columnSize : fixed.size();
    Integer digits = fixed == null ? decimalDigits : fixed.digits();
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
