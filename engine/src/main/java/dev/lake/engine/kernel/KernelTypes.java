package dev.lake.engine.kernel;

import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between lake types and Delta (Kernel) types; docs/TYPES.md documents it.
 *
 * <p>Delta has no unsigned integers, so a column whose lake type mentions one is stored in the
 * next wider signed type and its full lake type is kept in the field metadata under {@value
 * #LAKE_TYPE_KEY}. Other engines see the wide type; lake sees (and range-checks) the unsigned one.
 */
public final class KernelTypes {
  /** Field-metadata key holding the lake type of a column when Delta's type is not enough. */
  public static final String LAKE_TYPE_KEY = "lake.type";

  private KernelTypes() {}

  /** The Delta schema of a lake schema. */
  public static StructType toKernel(Schema schema) {
    return toKernelStruct(schema.fields());
  }

  /** The lake schema of a Delta schema; refuses Delta types lake does not know. */
  public static Schema fromKernel(StructType struct) {
    return new Schema(fromKernelFields(struct));
  }

  private static StructType toKernelStruct(List<Field> fields) {
    List<StructField> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      FieldMetadata meta =
          mentionsUnsigned(f.type())
              ? FieldMetadata.builder().putString(LAKE_TYPE_KEY, f.type().sqlName()).build()
              : FieldMetadata.empty();
      out.add(new StructField(f.name(), toKernel(f.type()), f.nullable(), meta));
    }
    return new StructType(out);
  }

  /** The Delta type that stores values of a lake type. */
  public static DataType toKernel(LakeType type) {
    switch (type.kind()) {
      case INT8:
        return ByteType.BYTE;
      case INT16:
      case UINT8:
        return ShortType.SHORT;
      case INT32:
      case UINT16:
        return IntegerType.INTEGER;
      case INT64:
      case UINT32:
        return LongType.LONG;
      case UINT64:
        return new DecimalType(20, 0);
      case FLOAT32:
        return FloatType.FLOAT;
      case FLOAT64:
        return DoubleType.DOUBLE;
      case STRING:
        return StringType.STRING;
      case BINARY:
        return BinaryType.BINARY;
      case BOOLEAN:
        return BooleanType.BOOLEAN;
      case DATE:
        return DateType.DATE;
      case TIMESTAMP:
        return TimestampType.TIMESTAMP;
      case TIMESTAMP_NTZ:
        return TimestampNTZType.TIMESTAMP_NTZ;
      case DECIMAL:
        LakeType.Decimal d = (LakeType.Decimal) type;
        return new DecimalType(d.precision(), d.scale());
      case LIST:
        LakeType.ListOf l = (LakeType.ListOf) type;
        return new ArrayType(toKernel(l.element()), l.containsNull());
      case MAP:
        LakeType.MapOf m = (LakeType.MapOf) type;
        return new MapType(toKernel(m.key()), toKernel(m.value()), m.valueContainsNull());
      case STRUCT:
        return toKernelStruct(((LakeType.StructOf) type).fields());
      default:
        throw new IllegalStateException("unmapped lake type " + type);
    }
  }

  private static List<Field> fromKernelFields(StructType struct) {
    List<Field> out = new ArrayList<>(struct.length());
    for (StructField f : struct.fields()) {
      LakeType type = fromKernel(f.getDataType(), f.getName());
      Object declared = f.getMetadata().get(LAKE_TYPE_KEY);
      if (declared instanceof String text) {
        LakeType lake = TypeParser.parse(text);
        // Another engine may have changed the column's type since lake wrote the marker: trust
        // the marker only while it still describes the stored Delta type.
        if (toKernel(lake).equivalent(f.getDataType())) {
          type = lake;
        }
      }
      out.add(new Field(f.getName(), type, f.isNullable()));
    }
    return out;
  }

  private static LakeType fromKernel(DataType t, String column) {
    if (t instanceof ByteType) {
      return LakeType.INT8;
    } else if (t instanceof ShortType) {
      return LakeType.INT16;
    } else if (t instanceof IntegerType) {
      return LakeType.INT32;
    } else if (t instanceof LongType) {
      return LakeType.INT64;
    } else if (t instanceof FloatType) {
      return LakeType.FLOAT32;
    } else if (t instanceof DoubleType) {
      return LakeType.FLOAT64;
    } else if (t instanceof StringType) {
      return LakeType.STRING;
    } else if (t instanceof BinaryType) {
      return LakeType.BINARY;
    } else if (t instanceof BooleanType) {
      return LakeType.BOOLEAN;
    } else if (t instanceof DateType) {
      return LakeType.DATE;
    } else if (t instanceof TimestampNTZType) {
      return LakeType.TIMESTAMP_NTZ;
    } else if (t instanceof TimestampType) {
      return LakeType.TIMESTAMP;
    } else if (t instanceof DecimalType d) {
      return LakeType.decimal(d.getPrecision(), d.getScale());
    } else if (t instanceof ArrayType a) {
      return new LakeType.ListOf(fromKernel(a.getElementType(), column), a.containsNull());
    } else if (t instanceof MapType m) {
      return new LakeType.MapOf(
          fromKernel(m.getKeyType(), column),
          fromKernel(m.getValueType(), column),
          m.isValueContainsNull());
    } else if (t instanceof StructType s) {
      return LakeType.struct(fromKernelFields(s));
    }
    throw new UnsupportedFeatureException(
        "column '" + column + "' has Delta type " + t + ", which lake does not support");
  }

  private static boolean mentionsUnsigned(LakeType type) {
    switch (type.kind()) {
      case UINT8:
      case UINT16:
      case UINT32:
      case UINT64:
        return true;
      case LIST:
        return mentionsUnsigned(((LakeType.ListOf) type).element());
      case MAP:
        LakeType.MapOf m = (LakeType.MapOf) type;
        return mentionsUnsigned(m.key()) || mentionsUnsigned(m.value());
      case STRUCT:
        return ((LakeType.StructOf) type).fields().stream().anyMatch(f -> mentionsUnsigned(f.type()));
      default:
        return false;
    }
  }
}
