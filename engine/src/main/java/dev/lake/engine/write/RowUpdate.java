package dev.lake.engine.write;

import dev.lake.engine.types.Schema;
import java.util.Map;

/**
 * How an UPDATE changes a matching row. Must be a pure function of the row: after a concurrent
 * commit the update is re-planned and applied again to the rows as they are then.
 */
@FunctionalInterface
public interface RowUpdate {
  /**
   * The new values of {@code row} (in schema order). Return a new array; values are coerced to
   * the column types afterwards.
   */
  Object[] apply(Object[] row, Schema schema);

  /** Sets columns to constant values ({@code SET a = 1, b = 'x'}). */
  static RowUpdate set(Map<String, ?> assignments) {
    return (row, schema) -> {
      Object[] out = row.clone();
      assignments.forEach((col, v) -> out[schema.require(col)] = v);
      return out;
    };
  }
}
