package dev.lake.engine.kernel.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk page decoder reads every encoding and page kind parquet-mr writes as Kernel's reader
 * reads it: each test writes files of every flat type (NULLs in every optional column, several
 * row groups, pages of at most 1000 rows, batches of 4096 rows crossing pages), checks that the
 * file really uses the encodings under test, and compares every value with Kernel's reader.
 */
class ColumnChunkDecoderTest {
  @TempDir Path dir;

  private FlatReadComparison files;

  @BeforeEach
  void files() {
    files = new FlatReadComparison(dir);
  }

  @Test
  void plainV1PagesCompressed() throws IOException {
    FileStatus f = files.write("plain-gzip.parquet", 12_000, b -> b.withDictionaryEncoding(false)
        .withWriterVersion(WriterVersion.PARQUET_1_0).withRowGroupSize(64 * 1024).withCompressionCodec(CompressionCodecName.GZIP));
    assertThat(encodings(f)).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    assertThat(files.rowGroups(f)).isGreaterThan(1);
    FlatReadComparison.assertReadFlat(files.assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  @Test
  void dictionaryV1Pages() throws IOException {
    FileStatus f = files.write("dict-v1.parquet", 12_000, b -> b.withDictionaryEncoding(true)
        .withWriterVersion(WriterVersion.PARQUET_1_0).withRowGroupSize(64 * 1024).withCompressionCodec(CompressionCodecName.SNAPPY));
    assertThat(encodings(f)).contains(Encoding.PLAIN_DICTIONARY);
    FlatReadComparison.assertReadFlat(files.assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  @Test
  void dictionaryV2PagesCompressed() throws IOException {
    FileStatus f = files.write("dict-v2.parquet", 12_000, b -> b.withDictionaryEncoding(true)
        .withWriterVersion(WriterVersion.PARQUET_2_0).withRowGroupSize(64 * 1024).withCompressionCodec(CompressionCodecName.GZIP));
    assertThat(encodings(f)).contains(Encoding.RLE_DICTIONARY);
    FlatReadComparison.assertReadFlat(files.assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  /** v2 without a dictionary: DELTA_BINARY_PACKED, DELTA_BYTE_ARRAY, RLE booleans (parquet-mr's readers). */
  @Test
  void deltaEncodingsOfV2Pages() throws IOException {
    FileStatus f = files.write("delta-v2.parquet", 12_000, b -> b.withDictionaryEncoding(false)
        .withWriterVersion(WriterVersion.PARQUET_2_0).withRowGroupSize(64 * 1024));
    assertThat(encodings(f)).contains(Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_BYTE_ARRAY);
    FlatReadComparison.assertReadFlat(files.assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  @Test
  void byteStreamSplitFloatsAndDoubles() throws IOException {
    FileStatus f = files.write("bss.parquet", 6_000, b -> b.withDictionaryEncoding(false)
        .withWriterVersion(WriterVersion.PARQUET_1_0).withByteStreamSplitEncoding(true));
    assertThat(encodings(f)).contains(Encoding.BYTE_STREAM_SPLIT);
    FlatReadComparison.assertReadFlat(files.assertSameAsKernel(f, FlatReadComparison.SCHEMA));
  }

  /**
   * A dictionary that outgrows its page size: the first pages of a chunk (few distinct values)
   * are dictionary-encoded, the later ones (a new value on every row) PLAIN (v1) or DELTA_* (v2),
   * in the same column chunk.
   */
  @Test
  void dictionaryFallingBackMidChunk() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { optional binary s (STRING); optional int64 n; optional int32 i; optional double d; optional float f; }");
    for (WriterVersion version : WriterVersion.values()) {
      Path file = dir.resolve("fallback-" + version + ".parquet");
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
          .withWriterVersion(version).withDictionaryEncoding(true).withDictionaryPageSize(4096)
          .withPageSize(4096).withPageRowCountLimit(1000).build()) {
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        for (int r = 0; r < 12_000; r++) {
          Group g = groups.newGroup();
          if (r % 11 != 0) {
            int v = r < 4_000 ? r % 10 : r; // repeated values first, then a new one on every row
            g.append("s", "value-" + v).append("n", v * 1_000_003L).append("i", v * 7).append("d", v / 3.0).append("f", v / 7.0f);
          }
          w.write(g);
        }
      }
      FileStatus f = FileStatus.of(file.toString(), Files.size(file), 0);
      for (String column : List.of("s", "n", "i", "d", "f")) {
        Set<Encoding> used = encodingsOf(f, column);
        assertThat(used).as("%s %s", version, column).containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
        assertThat(used).as("%s %s", version, column).containsAnyOf(Encoding.PLAIN, Encoding.DELTA_BYTE_ARRAY, Encoding.DELTA_BINARY_PACKED);
      }
      StructType read = new StructType().add("s", StringType.STRING).add("n", LongType.LONG).add("i", IntegerType.INTEGER)
          .add("d", DoubleType.DOUBLE).add("f", FloatType.FLOAT);
      List<ColumnarBatch> batches = files.assertSameAsKernel(f, read);
      assertThat(batches).allSatisfy(b -> assertThat(b.getColumnVector(0)).isInstanceOf(BytesVector.class));
      assertThat(batches.stream().mapToInt(ColumnarBatch::getSize).sum()).isEqualTo(12_000);
    }
  }

  /**
   * Long runs of NULLs (RLE runs of level 0) across pages and batches, a column that is NULL in
   * every row, and a required column with no levels at all, in v1 and v2 pages.
   */
  @Test
  void runsOfNullsAndAllNullColumns() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { required int64 id; optional int64 sparse; optional binary s (STRING); optional binary none (STRING); }");
    for (WriterVersion version : WriterVersion.values()) {
      for (boolean dictionary : new boolean[] {false, true}) {
        Path file = dir.resolve("nulls-" + version + "-" + dictionary + ".parquet");
        long written = 0;
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
            .withWriterVersion(version).withDictionaryEncoding(dictionary).withPageSize(2048).withPageRowCountLimit(700).build()) {
          SimpleGroupFactory groups = new SimpleGroupFactory(schema);
          for (int r = 0; r < 10_000; r++) {
            Group g = groups.newGroup().append("id", (long) r);
            boolean present = (r / 2_500) % 2 == 1 || r % 997 == 0; // 2500-row runs of NULLs
            if (present) {
              g.append("sparse", r * 31L).append("s", "v" + (r % 13));
            } else {
              written++;
            }
            w.write(g);
          }
        }
        FileStatus f = FileStatus.of(file.toString(), Files.size(file), 0);
        StructType read = new StructType().add("id", LongType.LONG, false).add("sparse", LongType.LONG)
            .add("s", StringType.STRING).add("none", StringType.STRING);
        List<ColumnarBatch> batches = files.assertSameAsKernel(f, read);
        long nulls = 0;
        long values = 0;
        for (ColumnarBatch b : batches) {
          assertThat(b.getColumnVector(1)).isNotNull();
          for (int r = 0; r < b.getSize(); r++) {
            nulls += b.getColumnVector(1).isNullAt(r) ? 1 : 0;
            assertThat(b.getColumnVector(3).isNullAt(r)).isTrue();
            assertThat(b.getColumnVector(2).isNullAt(r)).isEqualTo(b.getColumnVector(1).isNullAt(r));
            values++;
          }
          assertThat(b.getColumnVector(2)).isInstanceOf(BytesVector.class);
        }
        assertThat(values).isEqualTo(10_000);
        assertThat(nulls).as("%s dictionary=%s", version, dictionary).isEqualTo(written).isGreaterThan(4_000);
      }
    }
  }

  private Set<Encoding> encodings(FileStatus f) throws IOException {
    Set<Encoding> out = EnumSet.noneOf(Encoding.class);
    for (BlockMetaData g : blocks(f)) {
      g.getColumns().forEach(c -> out.addAll(c.getEncodings()));
    }
    return out;
  }

  private Set<Encoding> encodingsOf(FileStatus f, String column) throws IOException {
    Set<Encoding> out = EnumSet.noneOf(Encoding.class);
    for (BlockMetaData g : blocks(f)) {
      for (ColumnChunkMetaData c : g.getColumns()) {
        if (c.getPath().toDotString().equals(column)) {
          out.addAll(c.getEncodings());
        }
      }
    }
    return out;
  }

  private List<BlockMetaData> blocks(FileStatus f) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(ParquetInputs.of(files.io.newInputFile(f.getPath(), f.getSize())))) {
      return r.getRowGroups();
    }
  }
}
