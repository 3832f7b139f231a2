package dev.lake.mount.fs;

import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.parser.ColumnDefinition;
import dev.lake.jdbc.parser.SqlCreateLakeTable;
import dev.lake.jdbc.parser.SqlIdentifiers;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * A table's {@code schema.sql}: the {@code CREATE TABLE} statement the mount shows for a table,
 * and the one a user writes to {@code <dir>/schema.sql} to create one, read with the driver's own
 * grammar (one DDL dialect for SQL and the mount). What {@link #render} writes, {@link #parse}
 * reads back as the same definition, so copying a table's schema.sql into a new directory creates
 * a table of the same columns and key. The table name in the statement is ignored: the directory
 * names the table.
 */
final class SchemaSql {
  private SchemaSql() {}

  /** The statement schema.sql shows for a table of these columns, key and partitioning. */
  static String render(String table, Schema schema, List<String> primaryKey, List<String> partitionColumns) {
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(SqlIdentifiers.quote(table)).append(" (\n");
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      sb.append("  ").append(SqlIdentifiers.quote(f.name())).append(' ').append(f.type().sqlName());
      if (!f.nullable()) {
        sb.append(" NOT NULL");
      }
      sb.append(i + 1 < fields.size() || !primaryKey.isEmpty() ? ",\n" : "\n");
    }
    if (!primaryKey.isEmpty()) {
      sb.append("  PRIMARY KEY (").append(identifiers(primaryKey)).append(")\n");
    }
    sb.append(")");
    if (!partitionColumns.isEmpty()) {
      sb.append(" PARTITIONED BY (").append(identifiers(partitionColumns)).append(")");
    }
    return sb.append(";\n").toString();
  }

  private static String identifiers(List<String> names) {
    List<String> quoted = new ArrayList<>();
    names.forEach(n -> quoted.add(SqlIdentifiers.quote(n)));
    return String.join(", ", quoted);
  }

  static TableDefinition parse(String sql, String table) {
    String text = sql.trim();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    SqlNode node;
    try {
      node =
          SqlParser.create(
                  text,
                  SqlParser.config()
                      .withParserFactory(LakeSqlParserImpl.FACTORY)
                      .withUnquotedCasing(Casing.UNCHANGED)
                      .withQuotedCasing(Casing.UNCHANGED)
                      .withCaseSensitive(false))
              .parseStmt();
    } catch (SqlParseException e) {
      throw new InvalidInputException("schema.sql of " + table + ": " + e.getMessage().split("\n")[0], e);
    }
    if (!(node instanceof SqlCreateLakeTable create) || create.query() != null || create.columns().isEmpty()) {
      throw new InvalidInputException(
          "schema.sql of " + table + " must hold one CREATE TABLE statement with a column list");
    }
    List<Field> fields = new ArrayList<>();
    for (ColumnDefinition c : create.columns()) {
      fields.add(new Field(c.name(), c.type(), !c.notNull()));
    }
    return new TableDefinition(new Schema(fields), create.primaryKey(), create.partitionedBy(), create.properties());
  }
}
