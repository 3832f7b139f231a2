package dev.lake.engine.kernel;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code add} actions Kernel generates for new data files (always
 * {@code dataChange = true}) into those of a rearrangement: OPTIMIZE moves rows between files
 * without changing them, and Delta marks such actions {@code dataChange = false} so that
 * streaming readers and change-data readers skip them.
 */
public final class RearrangedFiles {
  private RearrangedFiles() {}

  /** The same add actions with {@code dataChange = false}. */
  public static List<Row> withoutDataChange(List<Row> addActions) {
    List<Row> out = new ArrayList<>(addActions.size());
    for (Row action : addActions) {
      Row add = action.getStruct(SingleAction.ADD_FILE_ORDINAL);
      out.add(SingleAction.createAddFileSingleAction(new DataChangeFalse(add)));
    }
    return out;
  }

  /** The size in bytes of the file an add action adds. */
  public static long size(Row addAction) {
    Row add = addAction.getStruct(SingleAction.ADD_FILE_ORDINAL);
    return add.getLong(add.getSchema().indexOf("size"));
  }

  /** A row that reads {@code dataChange} as false and everything else from the original. */
  private static final class DataChangeFalse implements Row {
    private final Row row;
    private final int dataChange;

    DataChangeFalse(Row row) {
      this.row = row;
      this.dataChange = row.getSchema().indexOf("dataChange");
      if (dataChange < 0) {
        throw new IllegalStateException("add action without a dataChange field: " + row.getSchema());
      }
    }

    @Override
    public StructType getSchema() {
      return row.getSchema();
    }

    @Override
    public boolean isNullAt(int ordinal) {
      return ordinal != dataChange && row.isNullAt(ordinal);
    }

    @Override
    public boolean getBoolean(int ordinal) {
      return ordinal != dataChange && row.getBoolean(ordinal);
    }

    @Override
    public byte getByte(int ordinal) {
      return row.getByte(ordinal);
    }

    @Override
    public short getShort(int ordinal) {
      return row.getShort(ordinal);
    }

    @Override
    public int getInt(int ordinal) {
      return row.getInt(ordinal);
    }

    @Override
    public long getLong(int ordinal) {
      return row.getLong(ordinal);
    }

    @Override
    public float getFloat(int ordinal) {
      return row.getFloat(ordinal);
    }

    @Override
    public double getDouble(int ordinal) {
      return row.getDouble(ordinal);
    }

    @Override
    public String getString(int ordinal) {
      return row.getString(ordinal);
    }

    @Override
    public BigDecimal getDecimal(int ordinal) {
      return row.getDecimal(ordinal);
    }

    @Override
    public byte[] getBinary(int ordinal) {
      return row.getBinary(ordinal);
    }

    @Override
    public Row getStruct(int ordinal) {
      return row.getStruct(ordinal);
    }

    @Override
    public ArrayValue getArray(int ordinal) {
      return row.getArray(ordinal);
    }

    @Override
    public MapValue getMap(int ordinal) {
      return row.getMap(ordinal);
    }
  }
}
