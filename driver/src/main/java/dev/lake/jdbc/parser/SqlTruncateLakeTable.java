package dev.lake.jdbc.parser;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlTruncate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code TRUNCATE TABLE name}. */
public final class SqlTruncateLakeTable extends SqlTruncate {
  /** The operator of every TRUNCATE TABLE node (kind {@link SqlKind#TRUNCATE_TABLE}). */
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("TRUNCATE TABLE", SqlKind.TRUNCATE_TABLE);

  private final SqlIdentifier name;

  public SqlTruncateLakeTable(SqlParserPos pos, SqlIdentifier name) {
    super(OPERATOR, pos);
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The table name as written. */
  public SqlIdentifier name() {
    return name;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    name.unparse(writer, leftPrec, rightPrec);
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlTruncateLakeTable that)) {
      return litmus.fail("{} != {}", this, node);
    }
    return name.equalsDeep(that.name, litmus);
  }
}
