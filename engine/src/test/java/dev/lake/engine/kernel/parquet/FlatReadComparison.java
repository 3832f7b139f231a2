package dev.lake.engine.kernel.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.kernel.local.LocalFileIO;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultParquetHandler;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.internal.util.Utils;
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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.util.function.UnaryOperator;

/**
 * Parquet files of every flat type written by parquet-mr, and the comparison of what the flat
 * reader and Kernel's reader return for them, value by value.
 */
final class FlatReadComparison {
  private final Path dir;
  final LocalFileIO io = new LocalFileIO(new Configuration());
  final ParquetHandler kernel = new DefaultParquetHandler(io);
  final LakeParquetHandler lake = new LakeParquetHandler(io, kernel);


  FlatReadComparison(Path dir) {
    this.dir = dir;
  }

  static final MessageType FILE_SCHEMA =
      MessageTypeParser.parseMessageType(
          "message spark_schema {\n"
              + "  required int64 id;\n"
              + "  optional boolean flag;\n"
              + "  optional int32 i8 (INTEGER(8,true));\n"
              + "  optional int32 i16 (INTEGER(16,true));\n"
              + "  optional int32 i32;\n"
              + "  optional float f;\n"
              + "  optional double d;\n"
              + "  optional binary s (STRING);\n"
              + "  optional binary bin;\n"
              + "  optional int32 day (DATE);\n"
              + "  optional int32 dec5 (DECIMAL(5,2));\n"
              + "  optional int64 dec15 (DECIMAL(15,3));\n"
              + "  optional fixed_len_byte_array(11) dec25 (DECIMAL(25,4));\n"
              + "  optional binary dec20 (DECIMAL(20,2));\n"
              + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
              + "  optional int64 ntz (TIMESTAMP(MICROS,false));\n"
              + "}");

  static final StructType SCHEMA =
      new StructType()
          .add("id", LongType.LONG, false)
          .add("flag", BooleanType.BOOLEAN)
          .add("i8", ByteType.BYTE)
          .add("i16", ShortType.SHORT)
          .add("i32", IntegerType.INTEGER)
          .add("f", FloatType.FLOAT)
          .add("d", DoubleType.DOUBLE)
          .add("s", StringType.STRING)
          .add("bin", BinaryType.BINARY)
          .add("day", DateType.DATE)
          .add("dec5", new DecimalType(5, 2))
          .add("dec15", new DecimalType(15, 3))
          .add("dec25", new DecimalType(25, 4))
          .add("dec20", new DecimalType(20, 2))
          .add("ts", TimestampType.TIMESTAMP)
          .add("ntz", TimestampNTZType.TIMESTAMP_NTZ);

  /** Writes {@code rows} rows of every type; every 7th value of an optional column is NULL. */
  FileStatus write(String name, int rows, boolean dictionary, ParquetProperties.WriterVersion version, int rowGroupBytes)
      throws IOException {
    return write(name, rows, b -> b.withDictionaryEncoding(dictionary).withWriterVersion(version).withRowGroupSize(rowGroupBytes));
  }

  /**
   * Writes {@code rows} rows of every type with the writer options {@code options} sets (over
   * 4 KB pages of at most 1000 rows); every 7th value of an optional column is NULL.
   */
  FileStatus write(String name, int rows, UnaryOperator<ExampleParquetWriter.Builder> options) throws IOException {
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(FILE_SCHEMA);
    try (ParquetWriter<Group> w =
        options.apply(ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(FILE_SCHEMA)
            .withPageSize(4096)
            .withPageRowCountLimit(1000))
            .build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup().append("id", (long) r * 1_000_003L - 5_000_000_000L);
        for (int c = 1; c < FILE_SCHEMA.getFieldCount(); c++) {
          if ((r + c) % 7 == 0) {
            continue; // NULL
          }
          String col = FILE_SCHEMA.getFieldName(c);
          int k = r % 50; // few distinct values: dictionaries stay in use
          switch (col) {
            case "flag" -> g.append(col, r % 3 == 0);
            case "i8" -> g.append(col, k - 25);
            case "i16" -> g.append(col, (k - 25) * 1000);
            case "i32" -> g.append(col, r * 40_503 - 1_000_000_000);
            case "f" -> g.append(col, k == 3 ? Float.NaN : (k - 25) / 3.0f);
            case "d" -> g.append(col, k == 4 ? Double.NEGATIVE_INFINITY : r / 7.0 - 1e6);
            case "s" -> g.append(col, k == 5 ? "" : k == 6 ? "a,\"b\"\n日本語" : "item-" + r);
            case "bin" -> g.append(col, Binary.fromConstantByteArray(new byte[] {(byte) r, 0, (byte) -k}));
            case "day" -> g.append(col, -400_000 + r * 13);
            case "dec5" -> g.append(col, (r * 7919) % 199_999 - 99_999);
            case "dec15" -> g.append(col, (long) r * 987_654_321L - 999_999_999_999L);
            case "dec25" -> g.append(col, Binary.fromConstantByteArray(fixed(BigInteger.valueOf(r).pow(3).subtract(BigInteger.TEN.pow(20)), 11)));
            case "dec20" -> g.append(col, Binary.fromConstantByteArray(BigInteger.valueOf(r - 500).multiply(BigInteger.TEN.pow(15)).toByteArray()));
            case "ts", "ntz" -> g.append(col, r * 3_600_000_123L - 1_000_000_000_000L);
            default -> throw new AssertionError(col);
          }
        }
        w.write(g);
      }
    }
    return FileStatus.of(file.toString(), Files.size(file), 0);
  }

  private static byte[] fixed(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[len];
    Arrays.fill(out, v.signum() < 0 ? (byte) -1 : 0);
    System.arraycopy(raw, 0, out, len - raw.length, raw.length);
    return out;
  }

  /** The batches came from the flat reader (its own vectors), not from Kernel's. */
  static void assertReadFlat(List<ColumnarBatch> batches) {
    assertThat(batches).allSatisfy(b -> {
      assertThat(b.getSize()).isLessThanOrEqualTo(FlatParquetFileReader.BATCH_ROWS);
      assertThat(b.getColumnVector(SCHEMA.indexOf("s"))).isInstanceOf(BytesVector.class);
      assertThat(b.getColumnVector(SCHEMA.indexOf("dec5"))).isInstanceOf(UnscaledDecimalVector.class);
    });
  }

  int rowGroups(FileStatus f) throws IOException {
    try (org.apache.parquet.hadoop.ParquetFileReader r =
        org.apache.parquet.hadoop.ParquetFileReader.open(ParquetInputs.of(io.newInputFile(f.getPath(), f.getSize())))) {
      return r.getRowGroups().size();
    }
  }

  /** Reads {@code f} with both handlers; asserts equal values; returns the flat handler's batches. */
  List<ColumnarBatch> assertSameAsKernel(FileStatus f, StructType schema) throws IOException {
    List<ColumnarBatch> ours = readAll(lake, f, schema);
    List<ColumnarBatch> theirs = readAll(kernel, f, schema);
    List<List<Object>> ourRows = rows(ours, schema);
    List<List<Object>> theirRows = rows(theirs, schema);
    assertThat(ourRows).hasSameSizeAs(theirRows);
    for (int r = 0; r < ourRows.size(); r++) {
      assertThat(ourRows.get(r)).as("row %d of %s", r, f.getPath()).isEqualTo(theirRows.get(r));
    }
    return ours;
  }

  private static List<ColumnarBatch> readAll(ParquetHandler h, FileStatus f, StructType schema) throws IOException {
    List<ColumnarBatch> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it = h.readParquetFiles(Utils.singletonCloseableIterator(f), schema, Optional.empty())) {
      while (it.hasNext()) {
        FileReadResult r = it.next();
        assertThat(r.getFilePath()).isEqualTo(f.getPath());
        out.add(r.getData());
      }
    }
    return out;
  }

  /** Every row as comparable Java values (BigDecimal with its scale, bytes as a list). */
  private static List<List<Object>> rows(List<ColumnarBatch> batches, StructType schema) {
    List<List<Object>> out = new ArrayList<>();
    for (ColumnarBatch b : batches) {
      assertThat(b.getSchema().length()).isEqualTo(schema.length());
      for (int r = 0; r < b.getSize(); r++) {
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < schema.length(); c++) {
          row.add(value(b.getColumnVector(c), schema.at(c).getDataType(), r));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static Object value(ColumnVector v, DataType t, int r) {
    if (v.isNullAt(r)) {
      return "NULL";
    }
    if (t instanceof BooleanType) {
      return v.getBoolean(r);
    } else if (t instanceof ByteType) {
      return v.getByte(r);
    } else if (t instanceof ShortType) {
      return v.getShort(r);
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return v.getInt(r);
    } else if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
      return v.getLong(r);
    } else if (t instanceof FloatType) {
      return Float.floatToRawIntBits(v.getFloat(r));
    } else if (t instanceof DoubleType) {
      return Double.doubleToRawLongBits(v.getDouble(r));
    } else if (t instanceof StringType) {
      return v.getString(r);
    } else if (t instanceof BinaryType) {
      return Arrays.toString(v.getBinary(r));
    } else if (t instanceof DecimalType) {
      BigDecimal d = v.getDecimal(r);
      return d.unscaledValue() + "e-" + d.scale();
    }
    throw new AssertionError(t);
  }
}
