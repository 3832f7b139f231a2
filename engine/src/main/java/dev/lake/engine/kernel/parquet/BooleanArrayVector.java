package dev.lake.engine.kernel.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

/**
 * A BOOLEAN column held as a boolean array with NULL flags, as the flat reader decodes it; the CSV
 * writer formats a whole column from the array ({@link #values}) instead of asking for each value.
 */
public final class BooleanArrayVector implements ColumnVector {
  private final DataType type;
  private final int size;
  private final boolean[] nulls; // null: no NULLs
  private final boolean[] values;

  BooleanArrayVector(DataType type, int size, boolean[] nulls, boolean[] values) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return size;
  }

  @Override
  public void close() {}

  @Override
  public boolean isNullAt(int rowId) {
    check(rowId);
    return nulls != null && nulls[rowId];
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

  /** The NULL flags by row (not copied), or null when no row is NULL. */
  public boolean[] nulls() {
    return nulls;
  }

  private void check(int rowId) {
    if (rowId < 0 || rowId >= size) {
      throw new IllegalArgumentException("invalid row access: " + rowId + " (size " + size + ")");
    }
  }
}
