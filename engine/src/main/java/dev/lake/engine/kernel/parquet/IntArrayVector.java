package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.DataType;

/**
 * A INT32 (INTEGER) and DATE (its day number) column held as a int array with NULL flags, as the flat reader decodes it; the CSV
 * writer formats a whole column from the array ({@link #values}) instead of asking for each value.
 */
public final class IntArrayVector extends ArrayVector {
  private final int[] values;

  IntArrayVector(DataType type, int size, boolean[] nulls, int[] values) {
    super(type, size, nulls);
    this.values = values;
  }

  @Override
  public int getInt(int rowId) {
    check(rowId);
    return values[rowId];
  }

  /** The values by row (not copied: do not change them); a NULL row's value is meaningless. */
  public int[] values() {
    return values;
  }
}
