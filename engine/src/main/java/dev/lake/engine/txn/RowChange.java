package dev.lake.engine.txn;

import dev.lake.engine.types.Schema;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What a row-level change does to each existing row. The rewriter first reads only {@link
 * #matchColumns()} to find the files holding affected rows, then rewrites just those files.
 */
interface RowChange {
  /** Columns whose values decide whether a row is affected. */
  List<String> matchColumns();

  /** A predicate Kernel may use to skip files that hold no affected row. */
  Optional<io.delta.kernel.expressions.Predicate> skipping(Schema table);

  /** Whether a row is affected, given its values of {@link #matchColumns()} in that order. */
  boolean affects(IntFunction<Object> matchValues);

  /**
   * The new version of an affected row (values in table order): the same array to keep it
   * unchanged, {@code null} to delete it, or a new, coerced row to replace it.
   */
  Object[] apply(Object[] row);

  /** True when every row is affected and deleted: files can be dropped without reading them. */
  default boolean deletesEverything() {
    return false;
  }
}
