package dev.lake.jdbc.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code ALTER TABLE name ADD [COLUMN | COLUMNS] coldef [, coldef]*}, also with the column
 * definitions in parentheses.
 */
public final class SqlAlterTableAddColumns extends SqlDdl {
  /** The operator of every ALTER TABLE ... ADD node (kind {@link SqlKind#ALTER_TABLE}). */
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

  private final SqlIdentifier name;
  private final List<ColumnDefinition> columns;

  public SqlAlterTableAddColumns(
      SqlParserPos pos, SqlIdentifier name, List<ColumnDefinition> columns) {
    super(OPERATOR, pos);
    this.name = Objects.requireNonNull(name, "name");
    this.columns = List.copyOf(columns);
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to add");
    }
  }

  /** The table name as written. */
  public SqlIdentifier name() {
    return name;
  }

  /** The columns to add, in order. */
  public List<ColumnDefinition> columns() {
    return columns;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("ADD COLUMNS");
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (ColumnDefinition column : columns) {
      writer.sep(",");
      LakeDdlNodes.column(writer, column);
    }
    writer.endList(frame);
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlAlterTableAddColumns that)
        || !LakeDdlNodes.sameColumns(columns, that.columns)) {
      return litmus.fail("{} != {}", this, node);
    }
    return name.equalsDeep(that.name, litmus);
  }
}
