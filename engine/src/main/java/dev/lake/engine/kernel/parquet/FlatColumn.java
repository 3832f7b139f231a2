package dev.lake.engine.kernel.parquet;

import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * How one requested Kernel column is decoded from one flat Parquet column — or null from {@link
 * #of} when the pair is anything but the plain, exact case (then Kernel's own reader reads the
 * file, with its conversions: type widening, millisecond and INT96 timestamps, rescaled
 * decimals, unsigned integers, ...).
 */
enum FlatColumn {
  BOOLEAN,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  /** STRING and BINARY: the bytes of a BINARY column. */
  BYTES,
  /** A DECIMAL stored as INT32 or INT64 unscaled values. */
  DECIMAL_LONG,
  /** A DECIMAL stored as big-endian two's complement bytes (BINARY or FIXED_LEN_BYTE_ARRAY). */
  DECIMAL_BYTES;

  /** The decoding of {@code file} as {@code requested}, or null when Kernel's reader must do it. */
  static FlatColumn of(DataType requested, Type file) {
    if (!file.isPrimitive() || file.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    PrimitiveType p = file.asPrimitiveType();
    PrimitiveTypeName physical = p.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (requested instanceof BooleanType) {
      return physical == PrimitiveTypeName.BOOLEAN ? BOOLEAN : null;
    }
    if (requested instanceof ByteType) {
      return signedInt(physical, logical, PrimitiveTypeName.INT32, 8) ? BYTE : null;
    }
    if (requested instanceof ShortType) {
      return signedInt(physical, logical, PrimitiveTypeName.INT32, 16) ? SHORT : null;
    }
    if (requested instanceof IntegerType) {
      return signedInt(physical, logical, PrimitiveTypeName.INT32, 32) ? INT : null;
    }
    if (requested instanceof LongType) {
      return signedInt(physical, logical, PrimitiveTypeName.INT64, 64) ? LONG : null;
    }
    if (requested instanceof DateType) {
      return physical == PrimitiveTypeName.INT32 && logical instanceof DateLogicalTypeAnnotation ? INT : null;
    }
    if (requested instanceof FloatType) {
      return physical == PrimitiveTypeName.FLOAT ? FLOAT : null;
    }
    if (requested instanceof DoubleType) {
      return physical == PrimitiveTypeName.DOUBLE ? DOUBLE : null;
    }
    if (requested instanceof StringType || requested instanceof BinaryType) {
      return physical == PrimitiveTypeName.BINARY && !(logical instanceof DecimalLogicalTypeAnnotation) ? BYTES : null;
    }
    if (requested instanceof TimestampType || requested instanceof TimestampNTZType) {
      boolean utc = requested instanceof TimestampType;
      return physical == PrimitiveTypeName.INT64
              && logical instanceof TimestampLogicalTypeAnnotation t
              && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS
              && t.isAdjustedToUTC() == utc
          ? LONG
          : null;
    }
    if (requested instanceof DecimalType d) {
      if (!(logical instanceof DecimalLogicalTypeAnnotation dl)
          || dl.getPrecision() != d.getPrecision()
          || dl.getScale() != d.getScale()) {
        return null;
      }
      return switch (physical) {
        case INT32, INT64 -> DECIMAL_LONG;
        case BINARY, FIXED_LEN_BYTE_ARRAY -> DECIMAL_BYTES;
        default -> null;
      };
    }
    return null;
  }

  /** An un-annotated integer, or a signed one no wider than the requested type. */
  private static boolean signedInt(PrimitiveTypeName physical, LogicalTypeAnnotation logical, PrimitiveTypeName want, int bits) {
    if (physical != want) {
      return false;
    }
    if (logical == null) {
      return true;
    }
    return logical instanceof IntLogicalTypeAnnotation i && i.isSigned() && i.getBitWidth() <= bits;
  }
}
