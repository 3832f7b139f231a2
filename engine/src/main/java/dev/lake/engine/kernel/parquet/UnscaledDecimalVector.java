package dev.lake.engine.kernel.parquet;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import java.math.BigDecimal;

/**
 * A DECIMAL column of up to 18 digits held as unscaled longs, as Parquet stores it: a {@link
 * BigDecimal} is made only when someone asks for one, and the CSV writer formats the unscaled
 * value directly ({@link #getUnscaled}).
 */
public final class UnscaledDecimalVector implements ColumnVector {
  private final DecimalType type;
  private final int size;
  private final boolean[] nulls; // null: no NULLs
  private final long[] unscaled;

  UnscaledDecimalVector(DecimalType type, int size, boolean[] nulls, long[] unscaled) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
    this.unscaled = unscaled;
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
  public BigDecimal getDecimal(int rowId) {
    return isNullAt(rowId) ? null : BigDecimal.valueOf(unscaled[rowId], type.getScale());
  }

  /** The unscaled value of a non-null row (the value is this times 10^-scale). */
  public long getUnscaled(int rowId) {
    check(rowId);
    return unscaled[rowId];
  }

  /** The unscaled values by row (not copied: do not change them); a NULL row's value is meaningless. */
  public long[] unscaled() {
    return unscaled;
  }

  /** The NULL flags by row (not copied), or null when no row is NULL. */
  public boolean[] nulls() {
    return nulls;
  }

  /** The column's scale. */
  public int scale() {
    return type.getScale();
  }

  private void check(int rowId) {
    if (rowId < 0 || rowId >= size) {
      throw new IllegalArgumentException("invalid row access: " + rowId + " (size " + size + ")");
    }
  }
}
