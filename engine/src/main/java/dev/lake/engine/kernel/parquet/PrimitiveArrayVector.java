package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.DataType;

/**
 * A BOOLEAN, INT32 (INTEGER, DATE as its day number) or INT64 (BIGINT, TIMESTAMP, TIMESTAMP_NTZ)
 * column held as the primitive array the flat reader decodes it into — {@code boolean[]},
 * {@code int[]} or {@code long[]} — with NULL flags. The CSV writer formats a whole column from
 * the array ({@link #values}) instead of asking for each value.
 */
public final class PrimitiveArrayVector extends ArrayVector {
  private final Object values;

  PrimitiveArrayVector(DataType type, int size, boolean[] nulls, boolean[] values) {
    this(type, size, nulls, (Object) values);
  }

  PrimitiveArrayVector(DataType type, int size, boolean[] nulls, int[] values) {
    this(type, size, nulls, (Object) values);
  }

  PrimitiveArrayVector(DataType type, int size, boolean[] nulls, long[] values) {
    this(type, size, nulls, (Object) values);
  }

  private PrimitiveArrayVector(DataType type, int size, boolean[] nulls, Object values) {
    super(type, size, nulls);
    this.values = values;
  }

  @Override
  public boolean getBoolean(int rowId) {
    check(rowId);
    if (values instanceof boolean[] v) {
      return v[rowId];
    }
    throw notHeld("boolean");
  }

  @Override
  public int getInt(int rowId) {
    check(rowId);
    if (values instanceof int[] v) {
      return v[rowId];
    }
    throw notHeld("int");
  }

  @Override
  public long getLong(int rowId) {
    check(rowId);
    if (values instanceof long[] v) {
      return v[rowId];
    }
    throw notHeld("long");
  }

  /**
   * The values by row: a {@code boolean[]}, {@code int[]} or {@code long[]} (not copied: do not
   * change them); a NULL row's value is meaningless.
   */
  public Object values() {
    return values;
  }

  private UnsupportedOperationException notHeld(String kind) {
    return new UnsupportedOperationException("a " + getDataType() + " column has no " + kind + " values");
  }
}
