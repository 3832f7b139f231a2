package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.nio.charset.StandardCharsets;

/**
 * A STRING or BINARY column as the bytes Parquet stores (UTF-8 for STRING; a null array is
 * NULL). Strings are decoded only when asked for; the CSV writer copies plain ASCII bytes
 * straight through ({@link #getBytes}).
 */
public final class BytesVector extends ArrayVector {
  private final byte[][] values;

  BytesVector(DataType type, int size, byte[][] values) {
    super(stringOrBinary(type), size, null);
    this.values = values;
  }

  private static DataType stringOrBinary(DataType type) {
    if (!(type instanceof StringType || type instanceof BinaryType)) {
      throw new IllegalArgumentException("a bytes vector holds STRING or BINARY, not " + type);
    }
    return type;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return getBytes(rowId) == null;
  }

  /**
   * The stored bytes of a row (null for NULL), not copied: callers must not change them. For a
   * STRING they are UTF-8 as written, which a broken writer may have left malformed.
   */
  public byte[] getBytes(int rowId) {
    check(rowId);
    return values[rowId];
  }

  /** The text; malformed UTF-8 becomes U+FFFD, as in Kernel's reader. */
  @Override
  public String getString(int rowId) {
    if (!(getDataType() instanceof StringType)) {
      throw new UnsupportedOperationException("a " + getDataType() + " column has no string values");
    }
    byte[] v = getBytes(rowId);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] getBinary(int rowId) {
    if (!(getDataType() instanceof BinaryType)) {
      throw new UnsupportedOperationException("a " + getDataType() + " column has no binary values");
    }
    return getBytes(rowId);
  }

  /** The values by row, null for NULL (not copied: do not change them). */
  public byte[][] values() {
    return values;
  }
}
