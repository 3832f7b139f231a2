package dev.lake.engine.kernel.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

/**
 * What the flat reader's column vectors share: a type, a row count, optional NULL flags by row,
 * bounds checks. Subclasses hold the values as one primitive (or byte) array, which the CSV
 * writer formats a whole column at a time.
 */
abstract class ArrayVector implements ColumnVector {
  private final DataType type;
  private final int size;
  private final boolean[] nulls; // null: no NULL flags (no NULLs, or the values array marks them)

  ArrayVector(DataType type, int size, boolean[] nulls) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
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

  /** The NULL flags by row (not copied), or null when no row is flagged NULL. */
  public boolean[] nulls() {
    return nulls;
  }

  final void check(int rowId) {
    if (rowId < 0 || rowId >= size) {
      throw new IllegalArgumentException("invalid row access: " + rowId + " (size " + size + ")");
    }
  }
}
