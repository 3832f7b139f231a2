package dev.lake.jdbc.exec;

import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.Errors;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The result of a statement that lake runs as a table function ({@code DESCRIBE HISTORY},
 * {@code OPTIMIZE}, {@code VACUUM}): its rows are computed when the statement is executed (once
 * per execution), and engine errors surface as SQLExceptions with lake's SQLStates.
 */
abstract class StatementResultTable extends AbstractTable implements ScannableTable {
  /** Runs the statement on the connection's lake and returns its rows. */
  protected abstract List<Object[]> rows(DataContext root);

  @Override
  public final Enumerable<Object[]> scan(DataContext root) {
    try {
      return Linq4j.asEnumerable(rows(root));
    } catch (LakeException e) {
      throw Errors.toRuntime(e);
    }
  }
}
