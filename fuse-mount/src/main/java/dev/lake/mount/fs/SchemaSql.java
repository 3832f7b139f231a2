package dev.lake.mount.fs;

import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.parser.ColumnDefinition;
import dev.lake.jdbc.parser.SqlCreateLakeTable;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Reads a {@code CREATE TABLE} statement written to {@code <dir>/schema.sql} with the driver's
 * own grammar (one DDL dialect for SQL and the mount). The table name in the statement is
 * ignored: the directory names the table.
 */
final class SchemaSql {
  private SchemaSql() {}

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
