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

  /**
   * The value of an INT64/UINT32 column (or narrower integer column) as a long, or of a DATE
   * column as its day number since 1970-01-01; not for NULL.
   */
  long getLong(int column, int row);

  /**
   * The value of a BOOLEAN column; not for NULL.
   *
   * @throws dev.lake.engine.error.SchemaException if the value is not a Boolean
   */
  default boolean getBoolean(int column, int row) {
    Object v = get(column, row);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new dev.lake.engine.error.SchemaException(
        "a BOOLEAN value must be a Boolean, not " + (v == null ? "null" : v.getClass().getName()));
  }

  /**
   * The unscaled value of a DECIMAL column of at most 18 digits (the value times 10^scale);
   * not for NULL.
   *
   * @throws ArithmeticException if the value does not fit a long at the column's scale
   */
  default long getUnscaledDecimal(int column, int row) {
    int scale = ((dev.lake.engine.types.LakeType.Decimal) schema().field(column).type()).scale();
    return ((java.math.BigDecimal) get(column, row)).setScale(scale).unscaledValue().longValueExact();
  }

  /**
   * The stored UTF-8 bytes of a STRING value when the batch holds them (not copied: do not change
   * them), or null when it holds Strings; not for NULL. Stored bytes may be malformed UTF-8:
   * callers that need text must decode them (or use {@link #get}).
   */
  default byte[] getStoredUtf8(int column, int row) {
    return null;
  }

  /**
   * The column's values as arrays (see {@link ColumnArrays} for which kinds), or null when the
   * batch holds them otherwise and they must be read value by value.
   */
  default ColumnArrays arrays(int column) {
    return null;
  }

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
