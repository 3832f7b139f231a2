package dev.lake.jdbc.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Helpers of the generated parser ({@code parserImpls.ftl}); not an API of the driver.
 *
 * <p>Errors are {@link CalciteContextException}s carrying the position: the generated parser
 * turns them into {@link org.apache.calcite.sql.parser.SqlParseException}s with that position.
 */
public final class LakeParserSupport {
  private LakeParserSupport() {}

  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  /**
   * True if a token's text is a plain word: an unquoted identifier or a keyword (reserved or
   * not). Quoted identifiers, literals and punctuation are not words.
   */
  public static boolean isWord(@Nullable String image) {
    return image != null && WORD.matcher(image).matches();
  }

  /** A parse error at {@code pos}; the message gets the position appended. */
  public static CalciteContextException error(SqlParserPos pos, String message) {
    String text =
        message + " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    return new CalciteContextException(
        text,
        new CalciteException(text, null),
        pos.getLineNum(),
        pos.getColumnNum(),
        pos.getEndLineNum(),
        pos.getEndColumnNum());
  }

  /** The value of a character string literal (possibly a chain of continued literals). */
  public static String stringValue(SqlNode node) {
    SqlLiteral literal = SqlLiteral.unchain(node);
    if (!(literal instanceof SqlCharStringLiteral)) {
      throw error(node.getParserPosition(), "Expected a character string");
    }
    return literal.getValueAs(NlsString.class).getValue();
  }

  /**
   * The SQL text of an expression, in a form lake's parser reads back to the same expression
   * (identifiers quoted, literals typed): how a condition travels inside a function argument.
   */
  public static String sqlText(SqlNode node) {
    return node.toSqlString(
            c -> c.withDialect(org.apache.calcite.sql.dialect.CalciteSqlDialect.DEFAULT)
                .withQuoteAllIdentifiers(true)
                .withAlwaysUseParentheses(true))
        .getSql();
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * Column names as one string, a JSON array (as Delta records {@code zOrderBy}): how a list
   * travels inside a function argument. {@link #splitNames} reads it back; "" is no names.
   */
  public static String joinNames(List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    try {
      return JSON.writeValueAsString(names);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names {@link #joinNames} joined. */
  public static List<String> splitNames(String joined) {
    if (joined.isEmpty()) {
      return List.of();
    }
    try {
      return List.of(JSON.readValue(joined, String[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array of names: " + joined, e);
    }
  }

  /** The names of a list of simple identifiers. */
  public static List<String> names(SqlNodeList identifiers) {
    List<String> names = new ArrayList<>(identifiers.size());
    for (SqlNode node : identifiers) {
      names.add(((SqlIdentifier) node).getSimple());
    }
    return names;
  }

  /** Adds a column of ALTER TABLE ... ADD COLUMNS, refusing a name given twice. */
  public static void addColumn(List<ColumnDefinition> columns, ColumnDefinition column) {
    for (ColumnDefinition c : columns) {
      if (c.name().equalsIgnoreCase(column.name())) {
        throw error(column.pos(), "Duplicate column name '" + column.name() + "'");
      }
    }
    columns.add(column);
  }

  /**
   * The parts of a {@code CREATE TABLE} as the parser meets them, with the checks that need
   * positions (a second PRIMARY KEY, a clause given twice, a duplicate column or property).
   */
  public static final class CreateTableParts {
    private final List<ColumnDefinition> columns = new ArrayList<>();
    private final Map<String, ColumnDefinition> columnsByName = new HashMap<>();
    private @Nullable List<String> primaryKey;
    private @Nullable SqlParserPos primaryKeyPos;
    private @Nullable List<String> partitionedBy;
    private @Nullable SqlParserPos partitionedByPos;
    private @Nullable Map<String, String> properties;
    private boolean using;

    /** A column definition. */
    public void addColumn(ColumnDefinition column) {
      String key = column.name().toLowerCase(Locale.ROOT);
      if (columnsByName.putIfAbsent(key, column) != null) {
        throw error(column.pos(), "Duplicate column name '" + column.name() + "'");
      }
      columns.add(column);
    }

    /** {@code PRIMARY KEY (...)}, inline on a column or as a table constraint. */
    public void primaryKey(List<String> names, SqlParserPos pos) {
      if (primaryKey != null) {
        throw error(pos, "PRIMARY KEY is defined more than once");
      }
      if (names.isEmpty()) {
        throw error(pos, "PRIMARY KEY needs at least one column");
      }
      checkDistinct(names, pos, "PRIMARY KEY");
      primaryKey = List.copyOf(names);
      primaryKeyPos = pos;
    }

    /** {@code PARTITIONED BY (...)}. */
    public void partitionedBy(List<String> names, SqlParserPos pos) {
      if (partitionedBy != null) {
        throw error(pos, "PARTITIONED BY is given more than once");
      }
      checkDistinct(names, pos, "PARTITIONED BY");
      partitionedBy = List.copyOf(names);
      partitionedByPos = pos;
    }

    /** The start of {@code TBLPROPERTIES (...)}. */
    public void startProperties(SqlParserPos pos) {
      if (properties != null) {
        throw error(pos, "TBLPROPERTIES is given more than once");
      }
      properties = new LinkedHashMap<>();
    }

    /** One {@code 'key' = 'value'} of TBLPROPERTIES. */
    public void property(String key, String value, SqlParserPos pos) {
      if (properties == null) {
        throw new IllegalStateException("property outside TBLPROPERTIES");
      }
      if (properties.putIfAbsent(key, value) != null) {
        throw error(pos, "Duplicate table property '" + key + "'");
      }
    }

    /** {@code USING format}: only DELTA (Spark's spelling of what every lake table is). */
    public void using(SqlIdentifier format, SqlParserPos pos) {
      if (using) {
        throw error(pos, "USING is given more than once");
      }
      if (!format.isSimple() || !format.getSimple().equalsIgnoreCase("DELTA")) {
        throw error(
            format.getParserPosition(),
            "Unsupported table format '" + format + "': lake tables are Delta tables (USING DELTA)");
      }
      using = true;
    }

    /** The node; checks that there is something to make the table from. */
    public SqlCreateLakeTable build(
        SqlParserPos pos,
        boolean replace,
        boolean ifNotExists,
        SqlIdentifier name,
        @Nullable SqlNode query) {
      if (replace && ifNotExists) {
        throw error(pos, "CREATE OR REPLACE TABLE cannot have IF NOT EXISTS");
      }
      if (columns.isEmpty() && query == null) {
        throw error(
            name.getParserPosition(),
            "CREATE TABLE " + name + " needs a column list or AS query");
      }
      if (!columns.isEmpty()) {
        checkDeclared(primaryKey, primaryKeyPos, "PRIMARY KEY");
        checkDeclared(partitionedBy, partitionedByPos, "PARTITIONED BY");
      }
      return new SqlCreateLakeTable(
          pos,
          replace,
          ifNotExists,
          name,
          columns,
          primaryKey == null ? List.of() : primaryKey,
          partitionedBy == null ? List.of() : partitionedBy,
          properties == null ? Collections.emptyMap() : properties,
          query);
    }

    private void checkDeclared(
        @Nullable List<String> names, @Nullable SqlParserPos pos, String clause) {
      if (names == null || pos == null) {
        return;
      }
      for (String n : names) {
        if (!columnsByName.containsKey(n.toLowerCase(Locale.ROOT))) {
          throw error(pos, clause + " names column '" + n + "', which the table does not have");
        }
      }
    }

    private static void checkDistinct(List<String> names, SqlParserPos pos, String clause) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String n : names) {
        if (!seen.add(n.toLowerCase(Locale.ROOT))) {
          throw error(pos, clause + " names column '" + n + "' twice");
        }
      }
    }
  }
}
