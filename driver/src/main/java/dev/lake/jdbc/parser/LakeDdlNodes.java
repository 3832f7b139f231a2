package dev.lake.jdbc.parser;

import java.util.List;
import org.apache.calcite.sql.SqlWriter;

/** Unparse pieces shared by the lake DDL nodes. */
final class LakeDdlNodes {
  private LakeDdlNodes() {}

  /** {@code ("a", "b")}. */
  static void identifierList(SqlWriter writer, List<String> names) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (String name : names) {
      writer.sep(",");
      writer.identifier(name, true);
    }
    writer.endList(frame);
  }

  /** {@code "name" TYPE [NOT NULL]}. */
  static void column(SqlWriter writer, ColumnDefinition column) {
    writer.identifier(column.name(), true);
    writer.print(LakeTypeSql.toSql(column.type(), writer.getDialect()));
    writer.setNeedWhitespace(true);
    if (column.notNull()) {
      writer.keyword("NOT NULL");
    }
  }

  /** Same definitions in the same order, positions aside. */
  static boolean sameColumns(List<ColumnDefinition> a, List<ColumnDefinition> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameDefinition(b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
