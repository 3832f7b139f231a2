package dev.lake.jdbc.parser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns [, PRIMARY KEY (...)])] [PRIMARY
 * KEY (...)] [USING DELTA] [PARTITIONED BY (...)] [TBLPROPERTIES (...)] [AS query]}.
 *
 * <p>Columns, primary key and partition columns are names after Calcite's identifier casing. The
 * primary key comes from an inline {@code PRIMARY KEY} on one column or from the table constraint
 * (the parser refuses both, or two of either).
 */
public final class SqlCreateLakeTable extends SqlCreate {
  /** The operator of every CREATE TABLE node (kind {@link SqlKind#CREATE_TABLE}). */
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final List<ColumnDefinition> columns;
  private final List<String> primaryKey;
  private final List<String> partitionedBy;
  private final Map<String, String> properties;
  private final @Nullable SqlNode query;

  public SqlCreateLakeTable(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      List<ColumnDefinition> columns,
      List<String> primaryKey,
      List<String> partitionedBy,
      Map<String, String> properties,
      @Nullable SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = Objects.requireNonNull(name, "name");
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.partitionedBy = List.copyOf(partitionedBy);
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.query = query;
  }

  /** The table name as written (possibly compound: {@code schema.table}). */
  public SqlIdentifier name() {
    return name;
  }

  /** {@code IF NOT EXISTS}. */
  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** {@code OR REPLACE}. */
  public boolean replace() {
    return getReplace();
  }

  /** The declared columns, in order; empty when the table takes its columns from the query. */
  public List<ColumnDefinition> columns() {
    return columns;
  }

  /** The primary key columns, in key order; empty when there is none. */
  public List<String> primaryKey() {
    return primaryKey;
  }

  /** The partition columns, in order; empty when the table is not partitioned. */
  public List<String> partitionedBy() {
    return partitionedBy;
  }

  /** TBLPROPERTIES, in the order written; empty when there are none. */
  public Map<String, String> properties() {
    return properties;
  }

  /** The query of {@code AS query}, or null. */
  public @Nullable SqlNode query() {
    return query;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (!columns.isEmpty()) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (ColumnDefinition column : columns) {
        writer.sep(",");
        LakeDdlNodes.column(writer, column);
      }
      if (!primaryKey.isEmpty()) {
        writer.sep(",");
        writer.keyword("PRIMARY KEY");
        LakeDdlNodes.identifierList(writer, primaryKey);
      }
      writer.endList(frame);
    } else if (!primaryKey.isEmpty()) {
      writer.keyword("PRIMARY KEY");
      LakeDdlNodes.identifierList(writer, primaryKey);
    }
    if (!partitionedBy.isEmpty()) {
      writer.keyword("PARTITIONED BY");
      LakeDdlNodes.identifierList(writer, partitionedBy);
    }
    if (!properties.isEmpty()) {
      writer.keyword("TBLPROPERTIES");
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (Map.Entry<String, String> e : properties.entrySet()) {
        writer.sep(",");
        writer.literal(writer.getDialect().quoteStringLiteral(e.getKey()));
        writer.keyword("=");
        writer.literal(writer.getDialect().quoteStringLiteral(e.getValue()));
      }
      writer.endList(frame);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    if (node == this) {
      return true;
    }
    if (!(node instanceof SqlCreateLakeTable that)) {
      return litmus.fail("{} != {}", this, node);
    }
    if (getReplace() != that.getReplace()
        || ifNotExists != that.ifNotExists
        || !LakeDdlNodes.sameColumns(columns, that.columns)
        || !primaryKey.equals(that.primaryKey)
        || !partitionedBy.equals(that.partitionedBy)
        || !List.copyOf(properties.entrySet()).equals(List.copyOf(that.properties.entrySet()))) {
      return litmus.fail("{} != {}", this, node);
    }
    return name.equalsDeep(that.name, litmus) && SqlNode.equalDeep(query, that.query, litmus);
  }
}
