package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.DecimalType;
import java.math.BigDecimal;

/**
 * A DECIMAL column of up to 18 digits held as unscaled longs, as Parquet stores it: a {@link
 * BigDecimal} is made only when someone asks for one, and the CSV writer formats the unscaled
 * value directly ({@link #getUnscaled}).
 */
public final class UnscaledDecimalVector extends ArrayVector {
  private final int scale;
  private final long[] unscaled;

  UnscaledDecimalVector(DecimalType type, int size, boolean[] nulls, long[] unscaled) {
    super(type, size, nulls);
    this.scale = type.getScale();
    this.unscaled = unscaled;
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return isNullAt(rowId) ? null : BigDecimal.valueOf(unscaled[rowId], scale);
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

  /** The column's scale. */
  public int scale() {
    return scale;
  }
}
