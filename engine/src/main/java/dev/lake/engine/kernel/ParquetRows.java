package dev.lake.engine.kernel;

import dev.lake.engine.error.StorageException;
import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads plain Parquet files (not part of a Delta table) for import: the lake schema from the
 * file footer, then the rows through Kernel's Parquet reader.
 *
 * <p>Integers are read in their physical width and narrowed or widened afterwards, so unsigned
 * and small integer annotations map to lake's types without relying on the reader to convert.
 */
public final class ParquetRows {
  private ParquetRows() {}

  /** The lake schema of a Parquet file, from its footer. */
  public static Schema schemaOf(Path file, Configuration conf) {
    MessageType message;
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      message = reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException e) {
      throw new StorageException("cannot read Parquet footer of " + file + ": " + e.getMessage(), e);
    }
    List<Field> fields = new ArrayList<>();
    for (Type t : message.getFields()) {
      fields.add(new Field(t.getName(), type(t, file), t.getRepetition() != Type.Repetition.REQUIRED));
    }
    return new Schema(fields);
  }

  /** Rows of {@code file} in the given schema (which must be the file's, from {@link #schemaOf}). */
  public static Iterator<Object[]> rows(KernelEngine engine, Path file, Schema schema) {
    Schema read = readSchema(schema);
    CloseableIterator<ColumnarBatch> batches;
    try {
      FileStatus status = FileStatus.of("file:" + file.toAbsolutePath(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
      batches =
          engine.getParquetHandler()
              .readParquetFiles(Utils.singletonCloseableIterator(status), KernelTypes.toKernel(read), Optional.empty())
              .map(FileReadResult::getData);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Iterator<>() {
      private ColumnarBatch batch;
      private int row;

      @Override
      public boolean hasNext() {
        while (batch == null || row >= batch.getSize()) {
          if (!batches.hasNext()) {
            closeQuietly();
            return false;
          }
          batch = batches.next();
          row = 0;
        }
        return true;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] out = new Object[schema.size()];
        for (int c = 0; c < out.length; c++) {
          ColumnVector v = batch.getColumnVector(c);
          out[c] = widen(schema.field(c).type(), KernelValues.get(v, row, read.field(c).type()));
        }
        row++;
        return out;
      }

      private void closeQuietly() {
        try {
          batches.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** The schema to ask the reader for: integers in their physical width. */
  private static Schema readSchema(Schema target) {
    List<Field> fields = new ArrayList<>();
    for (Field f : target.fields()) {
      LakeType t = f.type();
      switch (t.kind()) {
        case INT8:
        case INT16:
        case UINT8:
        case UINT16:
        case UINT32:
          t = LakeType.INT32;
          break;
        case UINT64:
          t = LakeType.INT64;
          break;
        default:
          break;
      }
      fields.add(new Field(f.name(), t, f.nullable()));
    }
    return new Schema(fields);
  }

  private static Object widen(LakeType target, Object v) {
    if (v == null) {
      return null;
    }
    switch (target.kind()) {
      case INT8:
        return ((Integer) v).byteValue();
      case INT16:
      case UINT8:
        return ((Integer) v).shortValue();
      case UINT16:
        return v;
      case UINT32:
        return Integer.toUnsignedLong((Integer) v);
      case UINT64:
        return new BigInteger(Long.toUnsignedString((Long) v));
      default:
        return v;
    }
  }

  private static LakeType type(Type t, Path file) {
    LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
    if (!t.isPrimitive()) {
      GroupType g = t.asGroupType();
      if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
        Type repeated = g.getType(0);
        Type element = repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
            ? repeated
            : repeated.asGroupType().getType(0);
        return new LakeType.ListOf(nestedOnly(type(element, file), file, t), element.getRepetition() != Type.Repetition.REQUIRED);
      }
      if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
          || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
        GroupType kv = g.getType(0).asGroupType();
        Type value = kv.getType(1);
        return new LakeType.MapOf(
            nestedOnly(type(kv.getType(0), file), file, t),
            nestedOnly(type(value, file), file, t),
            value.getRepetition() != Type.Repetition.REQUIRED);
      }
      List<Field> fields = new ArrayList<>();
      for (Type child : g.getFields()) {
        fields.add(new Field(child.getName(), nestedOnly(type(child, file), file, t), child.getRepetition() != Type.Repetition.REQUIRED));
      }
      return LakeType.struct(fields);
    }
    PrimitiveType p = t.asPrimitiveType();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return LakeType.decimal(d.getPrecision(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return LakeType.BOOLEAN;
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return LakeType.DATE;
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
          switch (i.getBitWidth()) {
            case 8:
              return i.isSigned() ? LakeType.INT8 : LakeType.UINT8;
            case 16:
              return i.isSigned() ? LakeType.INT16 : LakeType.UINT16;
            default:
              return i.isSigned() ? LakeType.INT32 : LakeType.UINT32;
          }
        }
        return LakeType.INT32;
      case INT64:
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
          if (ts.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS) {
            throw unsupported(file, t, "nanosecond timestamps (Delta stores microseconds)");
          }
          return ts.isAdjustedToUTC() ? LakeType.TIMESTAMP : LakeType.TIMESTAMP_NTZ;
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
          return LakeType.UINT64;
        }
        return LakeType.INT64;
      case INT96:
        return LakeType.TIMESTAMP;
      case FLOAT:
        return LakeType.FLOAT32;
      case DOUBLE:
        return LakeType.FLOAT64;
      case BINARY:
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return LakeType.STRING;
        }
        return LakeType.BINARY;
      case FIXED_LEN_BYTE_ARRAY:
        return LakeType.BINARY;
      default:
        throw unsupported(file, t, "Parquet type " + p.getPrimitiveTypeName());
    }
  }

  /** Unsigned and narrow integers are converted only at the top level. */
  private static LakeType nestedOnly(LakeType t, Path file, Type parent) {
    switch (t.kind()) {
      case UINT8:
      case UINT16:
      case UINT32:
      case UINT64:
      case INT8:
      case INT16:
        throw unsupported(file, parent, "small or unsigned integers inside nested columns");
      default:
        return t;
    }
  }

  private static UnsupportedFeatureException unsupported(Path file, Type t, String what) {
    return new UnsupportedFeatureException(
        "cannot import column '" + t.getName() + "' of " + file + ": " + what + " are not supported");
  }
}
