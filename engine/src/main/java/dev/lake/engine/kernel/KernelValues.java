package dev.lake.engine.kernel;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads values out of Kernel column vectors into the engine's Java value convention. */
public final class KernelValues {
  private KernelValues() {}

  /** The value at {@code row} of {@code vector}, whose lake type is {@code type}; null for NULL. */
  public static Object get(ColumnVector vector, int row, LakeType type) {
    if (vector.isNullAt(row)) {
      return null;
    }
    switch (type.kind()) {
      case INT8:
        return vector.getByte(row);
      case INT16:
      case UINT8:
        return vector.getShort(row);
      case INT32:
      case UINT16:
        return vector.getInt(row);
      case INT64:
      case UINT32:
        return vector.getLong(row);
      case UINT64:
        return vector.getDecimal(row).toBigIntegerExact();
      case FLOAT32:
        return vector.getFloat(row);
      case FLOAT64:
        return vector.getDouble(row);
      case STRING:
        return vector.getString(row);
      case BINARY:
        return vector.getBinary(row);
      case BOOLEAN:
        return vector.getBoolean(row);
      case DATE:
        return LocalDate.ofEpochDay(vector.getInt(row));
      case TIMESTAMP:
        return JavaValueVector.fromEpochMicros(vector.getLong(row));
      case TIMESTAMP_NTZ:
        return LocalDateTime.ofInstant(
            JavaValueVector.fromEpochMicros(vector.getLong(row)), ZoneOffset.UTC);
      case DECIMAL:
        return vector.getDecimal(row).setScale(((LakeType.Decimal) type).scale());
      case LIST:
        {
          ArrayValue array = vector.getArray(row);
          LakeType element = ((LakeType.ListOf) type).element();
          ColumnVector elements = array.getElements();
          List<Object> out = new ArrayList<>(array.getSize());
          for (int i = 0; i < array.getSize(); i++) {
            out.add(get(elements, i, element));
          }
          return out;
        }
      case MAP:
        {
          MapValue map = vector.getMap(row);
          LakeType.MapOf mt = (LakeType.MapOf) type;
          ColumnVector keys = map.getKeys();
          ColumnVector values = map.getValues();
          Map<Object, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < map.getSize(); i++) {
            out.put(get(keys, i, mt.key()), get(values, i, mt.value()));
          }
          return out;
        }
      case STRUCT:
        {
          List<Field> fields = ((LakeType.StructOf) type).fields();
          List<Object> out = new ArrayList<>(fields.size());
          for (int i = 0; i < fields.size(); i++) {
            out.add(get(vector.getChild(i), row, fields.get(i).type()));
          }
          return out;
        }
      default:
        throw new IllegalStateException("unhandled " + type);
    }
  }
}
