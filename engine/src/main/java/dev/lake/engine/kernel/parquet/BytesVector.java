package dev.lake.engine.kernel.parquet;

import dev.lake.engine.scan.ByteSlices;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A STRING or BINARY column as the bytes Parquet stores (UTF-8 for STRING; a null array is
 * NULL), as slices of the arrays they were read in ({@link ByteSlices}): a value is copied only
 * when asked for as an array of its own. Strings are decoded only when asked for; the CSV writer
 * copies plain ASCII bytes straight from the slices.
 */
public final class BytesVector extends ArrayVector {
  private final ByteSlices values;

  BytesVector(DataType type, int size, ByteSlices values) {
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
    check(rowId);
    return values.arrays()[rowId] == null;
  }

  /**
   * The stored bytes of a row (null for NULL): the array it was read in when the value fills it,
   * else a copy; callers must not change them. For a STRING they are UTF-8 as written, which a
   * broken writer may have left malformed.
   */
  public byte[] getBytes(int rowId) {
    check(rowId);
    byte[] a = values.arrays()[rowId];
    int from = values.offsets()[rowId];
    int length = values.lengths()[rowId];
    return a == null || (from == 0 && length == a.length) ? a : Arrays.copyOfRange(a, from, from + length);
  }

  /** The text; malformed UTF-8 becomes U+FFFD, as in Kernel's reader. */
  @Override
  public String getString(int rowId) {
    if (!(getDataType() instanceof StringType)) {
      throw new UnsupportedOperationException("a " + getDataType() + " column has no string values");
    }
    check(rowId);
    byte[] a = values.arrays()[rowId];
    return a == null ? null : new String(a, values.offsets()[rowId], values.lengths()[rowId], StandardCharsets.UTF_8);
  }

  @Override
  public byte[] getBinary(int rowId) {
    if (!(getDataType() instanceof BinaryType)) {
      throw new UnsupportedOperationException("a " + getDataType() + " column has no binary values");
    }
    return getBytes(rowId);
  }

  /** The values by row (not copied: do not change them). */
  public ByteSlices slices() {
    return values;
  }
}
