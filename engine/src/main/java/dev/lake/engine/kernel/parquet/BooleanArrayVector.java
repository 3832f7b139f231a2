package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.DataType;

/**
 * A BOOLEAN column held as a boolean array with NULL flags, as the flat reader decodes it; the CSV
 * writer formats a whole column from the array ({@link #values}) instead of asking for each value.
 */
public final class BooleanArrayVector extends ArrayVector {
  private final boolean[] values;

  BooleanArrayVector(DataType type, int size, boolean[] nulls, boolean[] values) {
    super(type, size, nulls);
    this.values = values;
  }

  @Override
  public boolean getBoolean(int rowId) {
    check(rowId);
    return values[rowId];
  }

  /** The values by row (not copied: do not change them); a NULL row's value is meaningless. */
  public boolean[] values() {
    return values;
  }
}
