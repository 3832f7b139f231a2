package dev.lake.engine.kernel.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flat reader returns what Kernel's reader returns for the same files: both read the same
 * parquet-mr files (every flat type, NULLs, plain and dictionary encodings, format v1 and v2
 * pages, several row groups and pages) and every value is compared.
 */
class LakeParquetHandlerTest {
  @TempDir Path dir;

  private FlatReadComparison files;
  private LocalFileIO io;
  private ParquetHandler lake;

  @BeforeEach
  void files() {
    files = new FlatReadComparison(dir);
    io = files.io;
    lake = files.lake;
  }

  private FileStatus write(String name, int rows, boolean dictionary, ParquetProperties.WriterVersion version, int rowGroupBytes)
      throws IOException {
    return files.write(name, rows, dictionary, version, rowGroupBytes);
  }

  private List<ColumnarBatch> assertSameAsKernel(FileStatus f, StructType schema) throws IOException {
    return files.assertSameAsKernel(f, schema);
  }

  private int rowGroups(FileStatus f) throws IOException {
    return files.rowGroups(f);
  }

  @Test
  void plainEncodingSeveralRowGroupsAndPagesReadsAsKernelReadsIt() throws IOException {
    FileStatus f = write("plain.parquet", 20_000, false, ParquetProperties.WriterVersion.PARQUET_1_0, 64 * 1024);
    assertThat(rowGroups(f)).isGreaterThan(2);
    FlatReadComparison.assertReadFlat(assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  @Test
  void dictionaryEncodingWithV2PagesReadsAsKernelReadsIt() throws IOException {
    FileStatus f = write("dict.parquet", 20_000, true, ParquetProperties.WriterVersion.PARQUET_2_0, 64 * 1024);
    assertThat(rowGroups(f)).isGreaterThan(1);
    FlatReadComparison.assertReadFlat(assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  @Test
  void projectionInAnyOrderAndTheRowIndexColumn() throws IOException {
    FileStatus f = write("proj.parquet", 9_000, true, ParquetProperties.WriterVersion.PARQUET_1_0, 32 * 1024);
    StructType projected =
        new StructType()
            .add(FlatReadComparison.SCHEMA.get("dec15"))
            .add(StructField.DEFAULT_ROW_INDEX_COLUMN)
            .add(FlatReadComparison.SCHEMA.get("s"))
            .add(FlatReadComparison.SCHEMA.get("id"));
    List<ColumnarBatch> batches = assertSameAsKernel(f, projected);
    long expected = 0;
    for (ColumnarBatch b : batches) {
      ColumnVector index = b.getColumnVector(1);
      for (int r = 0; r < b.getSize(); r++) {
        assertThat(index.getLong(r)).isEqualTo(expected++);
      }
    }
    assertThat(expected).isEqualTo(9_000);
  }

  @Test
  void namesMatchIgnoringCaseAsInKernel() throws IOException {
    FileStatus f = write("case.parquet", 100, false, ParquetProperties.WriterVersion.PARQUET_1_0, 1 << 20);
    assertSameAsKernel(f, new StructType().add("ID", LongType.LONG, false).add("S", StringType.STRING));
  }

  @Test
  void readsOnlyFlatFilesItself() throws IOException {
    FileStatus f = write("fallback.parquet", 3_000, true, ParquetProperties.WriterVersion.PARQUET_1_0, 1 << 20);
    // Each of these needs one of Kernel's conversions, so the file goes to Kernel's reader.
    List<StructType> kernelOnly =
        List.of(
            new StructType().add("i32", LongType.LONG), // type widening INT -> BIGINT
            new StructType().add("dec5", new DecimalType(7, 3)), // a wider decimal
            new StructType().add("missing", StringType.STRING).add("id", LongType.LONG, false), // a column the file lacks
            new StructType().add("day", TimestampNTZType.TIMESTAMP_NTZ)); // DATE read as TIMESTAMP_NTZ
    kernelOnly = new ArrayList<>(kernelOnly);
    kernelOnly.add(new StructType().add(StructField.DEFAULT_ROW_INDEX_COLUMN)); // no data column: only a row count
    for (StructType schema : kernelOnly) {
      try (FlatParquetFileReader flat = FlatParquetFileReader.open(ParquetInputs.of(io.newInputFile(f.getPath(), f.getSize())), schema)) {
        assertThat(flat).as("the flat reader refuses %s", schema).isNull();
      }
      assertSameAsKernel(f, schema);
    }
    try (FlatParquetFileReader flat = FlatParquetFileReader.open(ParquetInputs.of(io.newInputFile(f.getPath(), f.getSize())), FlatReadComparison.SCHEMA)) {
      assertThat(flat).isNotNull();
    }
  }

  @Test
  void malformedUtf8DecodesAsInKernel() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("message m { optional binary s (STRING); }");
    Path file = dir.resolve("utf8.parquet");
    byte[][] values = {
      {'o', 'k'}, {(byte) 0xff, 'a'}, {(byte) 0xe6, (byte) 0x97}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "日本".getBytes(java.nio.charset.StandardCharsets.UTF_8)
    };
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (byte[] v : values) {
        w.write(new SimpleGroupFactory(schema).newGroup().append("s", Binary.fromConstantByteArray(v)));
      }
    }
    List<ColumnarBatch> batches = assertSameAsKernel(FileStatus.of(file.toString(), Files.size(file), 0), new StructType().add("s", StringType.STRING));
    assertThat(batches.get(0).getColumnVector(0)).isInstanceOf(BytesVector.class);
    assertThat(((BytesVector) batches.get(0).getColumnVector(0)).getBytes(1)).isEqualTo(values[1]);
  }

  @Test
  void aCorruptFileFailsWithItsPathAndNothingIsReturned() throws IOException {
    Path bad = dir.resolve("bad.parquet");
    Files.write(bad, "not parquet at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FileStatus f = FileStatus.of(bad.toString(), Files.size(bad), 0);
    try (CloseableIterator<FileReadResult> it = lake.readParquetFiles(Utils.singletonCloseableIterator(f), FlatReadComparison.SCHEMA, Optional.empty())) {
      assertThatThrownBy(it::hasNext).hasMessageContaining("bad.parquet");
    }
  }

}
