package dev.lake.engine.kernel;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to the {@code add} actions Kernel generates for new data files, made by wrapping the
 * action's row: Kernel builds them with {@code dataChange = true} and no tags, and has no public
 * way to say otherwise.
 */
public final class AddActions {
  private AddActions() {}

  /**
   * The same add actions with {@code dataChange = false}: OPTIMIZE moves rows between files
   * without changing them, and Delta marks such actions so that streaming readers and
   * change-data readers skip them.
   */
  public static List<Row> withoutDataChange(List<Row> addActions) {
    List<Row> out = new ArrayList<>(addActions.size());
    for (Row action : addActions) {
      out.add(with(action, "dataChange", false));
    }
    return out;
  }

  /** The same add action with {@code tags} as its tags (none when empty). */
  public static Row withTags(Row addAction, Map<String, String> tags) {
    return tags.isEmpty() ? addAction : with(addAction, "tags", VectorUtils.stringStringMapValue(tags));
  }

  /** The size in bytes of the file an add action adds. */
  public static long size(Row addAction) {
    Row add = addAction.getStruct(SingleAction.ADD_FILE_ORDINAL);
    return add.getLong(add.getSchema().indexOf("size"));
  }

  private static Row with(Row action, String field, Object value) {
    Row add = action.getStruct(SingleAction.ADD_FILE_ORDINAL);
    return SingleAction.createAddFileSingleAction(new OneFieldChanged(add, field, value));
  }

  /**
   * A row that reads one field as a given (non-null) value and everything else from the original.
   * Only the two kinds of field changed here are served: a boolean and a map.
   */
  private static final class OneFieldChanged implements Row {
    private final Row row;
    private final int changed;
    private final Object value;

    OneFieldChanged(Row row, String field, Object value) {
      this.row = row;
      this.changed = row.getSchema().indexOf(field);
      this.value = value;
      if (changed < 0) {
        throw new IllegalStateException("add action without a " + field + " field: " + row.getSchema());
      }
    }

    @Override
    public StructType getSchema() {
      return row.getSchema();
    }

    @Override
    public boolean isNullAt(int ordinal) {
      return ordinal != changed && row.isNullAt(ordinal);
    }

    @Override
    public boolean getBoolean(int ordinal) {
      return ordinal == changed ? (Boolean) value : row.getBoolean(ordinal);
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
      return ordinal == changed ? (MapValue) value : row.getMap(ordinal);
    }
  }
}
