package dev.lake.engine.scan;

import dev.lake.engine.types.Schema;

/**
 * A batch of rows of a scan, column-oriented: values are read by (column, row) without
 * materialising rows. Only rows that satisfy the scan's predicate (and are not deleted) are
 * visible; indexes run from 0 to {@link #size()} - 1.
 *
 * <p>A batch is valid until the scan's iterator moves on.
 */
public interface RowBatch {
  /** The columns of the batch, in the order the scan selected them. */
  Schema schema();

  /** Number of visible rows. */
  int size();

  /** True when the value is NULL. */
  boolean isNull(int column, int row);

  /** The value in the engine's Java convention ({@link dev.lake.engine.types.LakeType}), or null. */
  Object get(int column, int row);

  /** The value of an INT64/UINT32 column (or narrower integer column) as a long; not for NULL. */
  long getLong(int column, int row);

  /** The value of a FLOAT64 or FLOAT32 column as a double; not for NULL. */
  double getDouble(int column, int row);

  /** The row as an array of values in schema order. */
  default Object[] row(int row) {
    Object[] out = new Object[schema().size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = get(c, row);
    }
    return out;
  }
}
