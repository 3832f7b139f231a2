package dev.lake.engine.kernel;

import dev.lake.engine.types.LakeType;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kernel {@link ColumnVector} over Java values in the engine's convention (already coerced),
 * so rows the engine holds can be handed to Kernel's Parquet writer without copying into
 * another layout. Dates, timestamps and unsigned values are translated to Kernel's physical
 * representation on access.
 */
final class JavaValueVector implements ColumnVector {
  private final LakeType type;
  private final DataType kernelType;
  private final List<?> values;

  JavaValueVector(LakeType type, List<?> values) {
    this.type = type;
    this.kernelType = KernelTypes.toKernel(type);
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return kernelType;
  }

  @Override
  public int getSize() {
    return values.size();
  }

  @Override
  public void close() {}

  @Override
  public boolean isNullAt(int rowId) {
    return values.get(rowId) == null;
  }

  @Override
  public boolean getBoolean(int rowId) {
    return (Boolean) values.get(rowId);
  }

  @Override
  public byte getByte(int rowId) {
    return (Byte) values.get(rowId);
  }

  @Override
  public short getShort(int rowId) {
    return (Short) values.get(rowId);
  }

  @Override
  public int getInt(int rowId) {
    Object v = values.get(rowId);
    if (v instanceof LocalDate d) {
      return Math.toIntExact(d.toEpochDay());
    }
    return (Integer) v;
  }

  @Override
  public long getLong(int rowId) {
    Object v = values.get(rowId);
    if (v instanceof Instant i) {
      return epochMicros(i);
    }
    if (v instanceof LocalDateTime ldt) {
      return epochMicros(ldt.toInstant(ZoneOffset.UTC));
    }
    return (Long) v;
  }

  @Override
  public float getFloat(int rowId) {
    return (Float) values.get(rowId);
  }

  @Override
  public double getDouble(int rowId) {
    return (Double) values.get(rowId);
  }

  @Override
  public byte[] getBinary(int rowId) {
    return (byte[]) values.get(rowId);
  }

  @Override
  public String getString(int rowId) {
    return (String) values.get(rowId);
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    Object v = values.get(rowId);
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    return (BigDecimal) v;
  }

  @Override
  public ArrayValue getArray(int rowId) {
    List<?> list = (List<?>) values.get(rowId);
    JavaValueVector elements = new JavaValueVector(((LakeType.ListOf) type).element(), list);
    return new ArrayValue() {
      @Override
      public int getSize() {
        return list.size();
      }

      @Override
      public ColumnVector getElements() {
        return elements;
      }
    };
  }

  @Override
  public MapValue getMap(int rowId) {
    Map<?, ?> map = (Map<?, ?>) values.get(rowId);
    LakeType.MapOf mt = (LakeType.MapOf) type;
    JavaValueVector keys = new JavaValueVector(mt.key(), new ArrayList<>(map.keySet()));
    JavaValueVector vals = new JavaValueVector(mt.value(), new ArrayList<>(map.values()));
    return new MapValue() {
      @Override
      public int getSize() {
        return map.size();
      }

      @Override
      public ColumnVector getKeys() {
        return keys;
      }

      @Override
      public ColumnVector getValues() {
        return vals;
      }
    };
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    LakeType.StructOf st = (LakeType.StructOf) type;
    List<Object> child = new ArrayList<>(values.size());
    for (Object v : values) {
      child.add(v == null ? null : ((List<?>) v).get(ordinal));
    }
    return new JavaValueVector(st.fields().get(ordinal).type(), child);
  }

  static long epochMicros(Instant i) {
    return Math.addExact(
        Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
  }

  static Instant fromEpochMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
