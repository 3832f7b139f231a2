package dev.lake.jdbc.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code DROP TABLE [IF EXISTS] name}. */
public final class SqlDropLakeTable extends SqlDrop {
  /** The operator of every DROP TABLE node (kind {@link SqlKind#DROP_TABLE}). */
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);

  private final SqlIdentifier name;

  public SqlDropLakeTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The table name as written. */
  public SqlIdentifier name() {
    return name;
  }

  /** {@code IF EXISTS}. */
  public boolean ifExists() {
    return ifExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP TABLE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlDropLakeTable that) || ifExists != that.ifExists) {
      return litmus.fail("{} != {}", this, node);
    }
    return name.equalsDeep(that.name, litmus);
  }
}
