package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.DataType;

/**
 * A INT64 (BIGINT), TIMESTAMP and TIMESTAMP_NTZ column held as a long array with NULL flags, as the flat reader decodes it; the CSV
 * writer formats a whole column from the array ({@link #values}) instead of asking for each value.
 */
public final class LongArrayVector extends ArrayVector {
  private final long[] values;

  LongArrayVector(DataType type, int size, boolean[] nulls, long[] values) {
    super(type, size, nulls);
    this.values = values;
  }

  @Override
  public long getLong(int rowId) {
    check(rowId);
    return values[rowId];
  }

  /** The values by row (not copied: do not change them); a NULL row's value is meaningless. */
  public long[] values() {
    return values;
  }
}
