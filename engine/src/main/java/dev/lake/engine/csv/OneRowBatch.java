package dev.lake.engine.csv;

import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of values in the engine's Java convention ({@link LakeType}) seen as a {@link
 * RowBatch}, so that {@link CsvRowWriter} encodes it with {@link CsvBatchWriter}, the one CSV
 * encoder. Reused for every row ({@link #set}): no allocation per row.
 *
 * <p>The typed accessors the encoder's fast paths use are strict, because a row comes from a
 * caller, not from a scan: {@link #getLong} answers only for the Java class of the column's type
 * and otherwise throws the error {@link CsvValueCodec} gives for that value; {@link
 * #getUnscaledDecimal} answers only for a BigDecimal at the column's scale and otherwise throws
 * ArithmeticException, on which the encoder hands the value to the codec (which accepts other
 * scales it can represent exactly, and says why it refuses the rest).
 */
final class OneRowBatch implements RowBatch {
  private final Schema schema;
  private final LakeType.Kind[] kinds;
  private final int[] scales;
  private Object[] row;

  OneRowBatch(Schema schema) {
    this.schema = schema;
    this.kinds = new LakeType.Kind[schema.size()];
    this.scales = new int[schema.size()];
    for (int c = 0; c < kinds.length; c++) {
      LakeType type = schema.field(c).type();
      kinds[c] = type.kind();
      scales[c] = type instanceof LakeType.Decimal d ? d.scale() : 0;
    }
  }

  /** Makes {@code values} (one per column, not copied) the batch's only row. */
  OneRowBatch set(Object[] values) {
    this.row = values;
    return this;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public boolean isNull(int column, int r) {
    return row[column] == null;
  }

  @Override
  public Object get(int column, int r) {
    return row[column];
  }

  @Override
  public long getLong(int column, int r) {
    Object v = row[column];
    switch (kinds[column]) {
      case INT8 -> {
        if (v instanceof Byte b) {
          return b;
        }
      }
      case INT16, UINT8 -> {
        if (v instanceof Short s) {
          return s;
        }
      }
      case INT32, UINT16 -> {
        if (v instanceof Integer i) {
          return i;
        }
      }
      case INT64, UINT32 -> {
        if (v instanceof Long l) {
          return l;
        }
      }
      case DATE -> {
        if (v instanceof LocalDate d) {
          return d.toEpochDay();
        }
      }
      default -> {}
    }
    throw codecRefusal(column);
  }

  @Override
  public long getUnscaledDecimal(int column, int r) {
    // Only the engine's convention (the column's scale) is a fast path: rescaling anything else
    // here could build a huge number for 1E-999999999, which the codec refuses cheaply.
    if (row[column] instanceof BigDecimal d && d.scale() == scales[column]) {
      return d.unscaledValue().longValueExact();
    }
    throw new ArithmeticException("not a BigDecimal at the column's scale");
  }

  @Override
  public double getDouble(int column, int r) {
    if (row[column] instanceof Number n && (kinds[column] == LakeType.Kind.FLOAT64 ? n instanceof Double : n instanceof Float)) {
      return n.doubleValue();
    }
    throw codecRefusal(column);
  }

  /**
   * The codec's error for a value that is not of its column type's Java class: the codec owns
   * that message, so it is asked to format the value and throws it.
   */
  private RuntimeException codecRefusal(int column) {
    CsvValueCodec.format(schema.field(column).type(), row[column]);
    return new IllegalStateException(
        "the codec accepted a " + row[column].getClass().getName() + " for column '" + schema.field(column).name()
            + "' that the row adapter refused");
  }
}
