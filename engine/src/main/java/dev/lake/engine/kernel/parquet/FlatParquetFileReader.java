package dev.lake.engine.kernel.parquet;

import dev.lake.engine.kernel.VectorBatch;
import dev.lake.engine.scan.ByteSlices;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultByteVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDecimalVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDoubleVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultFloatVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultLongVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultShortVector;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file of flat columns column by column into primitive arrays: each column
 * chunk's pages are decoded in bulk by a {@link ColumnChunkDecoder} (levels for a run of rows,
 * then the run's values in one loop; dictionaries decoded once per chunk), and each batch's
 * arrays are wrapped as Kernel vectors — no record assembly and no reader call per value, which
 * is what Kernel's default reader and parquet-mr's column readers spend most of their time on.
 *
 * <p>Returns the batches Kernel's reader would return for the same file and schema (same types,
 * same nulls, row indexes counted from the file's first row). {@link #open} refuses (returns
 * null) a file it cannot read exactly; the caller then uses Kernel's reader.
 */
final class FlatParquetFileReader implements CloseableIterator<ColumnarBatch> {
  /** Rows per batch; Kernel's default reader uses 1024, larger batches cost less per row. */
  static final int BATCH_ROWS = 4096;

  private final ParquetFileReader file;
  private final StructType schema;
  private final ColumnDescriptor[] descriptors; // per schema field; null for the row index
  private final FlatColumn[] decodings;
  private final String createdBy;

  private ColumnChunkDecoder[] readers;
  private long rowsLeftInGroup;
  private long nextRowIndex;

  private FlatParquetFileReader(
      ParquetFileReader file, StructType schema, ColumnDescriptor[] descriptors, FlatColumn[] decodings) {
    this.file = file;
    this.schema = schema;
    this.descriptors = descriptors;
    this.decodings = decodings;
    this.createdBy = file.getFooter().getFileMetaData().getCreatedBy();
  }

  /**
   * A reader of {@code input} for {@code schema}, or null when some column is missing from the
   * file, nested, repeated or stored in a way this reader does not decode exactly.
   */
  static FlatParquetFileReader open(org.apache.parquet.io.InputFile input, StructType schema) throws IOException {
    ParquetFileReader file = new ParquetFileReader(input, readOptions());
    try {
      MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
      int n = schema.length();
      ColumnDescriptor[] descriptors = new ColumnDescriptor[n];
      FlatColumn[] decodings = new FlatColumn[n];
      List<Type> projected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        StructField field = schema.at(i);
        if (field.isMetadataColumn()) {
          if (field.getMetadataColumnSpec() != MetadataColumnSpec.ROW_INDEX || !(field.getDataType() instanceof LongType)) {
            return refuse(file);
          }
          continue;
        }
        Type t = find(fileSchema, field);
        FlatColumn decoding = t == null ? null : FlatColumn.of(field.getDataType(), t);
        if (decoding == null || projected.contains(t)) {
          return refuse(file);
        }
        projected.add(t);
        decodings[i] = decoding;
        descriptors[i] = fileSchema.getColumnDescription(new String[] {t.getName()});
      }
      if (projected.isEmpty()) {
        // Only metadata columns (or none): nothing to decode; Kernel's reader counts the rows.
        return refuse(file);
      }
      MessageType projection = new MessageType(fileSchema.getName(), projected);
      file.setRequestedSchema(projection);
      return new FlatParquetFileReader(file, schema, descriptors, decodings);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /**
   * Options for one file (their codec factory caches decompressors and is not shared between
   * threads). A plain configuration: a Hadoop one would parse XML resources for every file.
   */
  private static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
  }

  private static FlatParquetFileReader refuse(ParquetFileReader file) throws IOException {
    file.close();
    return null;
  }

  /** The file's column for {@code field} as Kernel finds it: by field id, name, or name ignoring case. */
  private static Type find(MessageType fileSchema, StructField field) {
    Long id = field.getMetadata().getLong(ColumnMapping.PARQUET_FIELD_ID_KEY);
    if (id != null) {
      for (Type t : fileSchema.getFields()) {
        if (t.getId() != null && t.getId().intValue() == id) {
          return t;
        }
      }
    }
    if (fileSchema.containsField(field.getName())) {
      return fileSchema.getType(field.getName());
    }
    for (Type t : fileSchema.getFields()) {
      if (t.getName().equalsIgnoreCase(field.getName())) {
        return t;
      }
    }
    return null;
  }

  @Override
  public boolean hasNext() {
    try {
      while (rowsLeftInGroup == 0) {
        PageReadStore group = file.readNextRowGroup();
        if (group == null) {
          return false;
        }
        rowsLeftInGroup = group.getRowCount();
        readers = new ColumnChunkDecoder[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
          if (descriptors[i] != null) {
            readers[i] = new ColumnChunkDecoder(descriptors[i], group.getPageReader(descriptors[i]), createdBy);
          }
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("reading Parquet file " + file.getFile() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ColumnarBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int rows = (int) Math.min(BATCH_ROWS, rowsLeftInGroup);
    List<ColumnVector> vectors = new ArrayList<>(descriptors.length);
    try {
      for (int i = 0; i < descriptors.length; i++) {
        vectors.add(readers[i] == null ? rowIndexes(rows) : read(i, rows));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading Parquet file " + file.getFile() + ": " + e.getMessage(), e);
    }
    rowsLeftInGroup -= rows;
    nextRowIndex += rows;
    return new VectorBatch(schema, vectors, rows);
  }

  private ColumnVector rowIndexes(int rows) {
    long[] v = new long[rows];
    for (int r = 0; r < rows; r++) {
      v[r] = nextRowIndex + r;
    }
    return new DefaultLongVector(LongType.LONG, rows, Optional.empty(), v);
  }

  /** The next {@code rows} values of column {@code i}. */
  private ColumnVector read(int i, int rows) throws IOException {
    ColumnChunkDecoder in = readers[i];
    StructField field = schema.at(i);
    switch (decodings[i]) {
      case BOOLEAN -> {
        boolean[] v = new boolean[rows];
        boolean[] nulls = in.readBooleans(v, rows);
        return new PrimitiveArrayVector(field.getDataType(), rows, nulls, v);
      }
      case BYTE -> {
        int[] ints = new int[rows];
        boolean[] nulls = in.readInts(ints, rows);
        byte[] v = new byte[rows];
        for (int r = 0; r < rows; r++) {
          v[r] = (byte) ints[r];
        }
        return new DefaultByteVector(rows, Optional.ofNullable(nulls), v);
      }
      case SHORT -> {
        int[] ints = new int[rows];
        boolean[] nulls = in.readInts(ints, rows);
        short[] v = new short[rows];
        for (int r = 0; r < rows; r++) {
          v[r] = (short) ints[r];
        }
        return new DefaultShortVector(rows, Optional.ofNullable(nulls), v);
      }
      case INT -> {
        int[] v = new int[rows];
        boolean[] nulls = in.readInts(v, rows);
        return new PrimitiveArrayVector(field.getDataType(), rows, nulls, v);
      }
      case LONG -> {
        long[] v = new long[rows];
        boolean[] nulls = in.readLongs(v, rows);
        return new PrimitiveArrayVector(field.getDataType(), rows, nulls, v);
      }
      case FLOAT -> {
        float[] v = new float[rows];
        boolean[] nulls = in.readFloats(v, rows);
        return new DefaultFloatVector(rows, Optional.ofNullable(nulls), v);
      }
      case DOUBLE -> {
        double[] v = new double[rows];
        boolean[] nulls = in.readDoubles(v, rows);
        return new DefaultDoubleVector(rows, Optional.ofNullable(nulls), v);
      }
      case BYTES -> {
        ByteSlices v = new ByteSlices(new byte[rows][], new int[rows], new int[rows]);
        in.readBinaries(v.arrays(), v.offsets(), v.lengths(), rows);
        return new BytesVector(field.getDataType(), rows, v);
      }
      case DECIMAL_LONG -> {
        DecimalType type = (DecimalType) field.getDataType();
        long[] v = new long[rows];
        boolean[] nulls;
        if (descriptors[i].getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32) {
          int[] ints = new int[rows];
          nulls = in.readInts(ints, rows);
          for (int r = 0; r < rows; r++) {
            v[r] = ints[r];
          }
        } else {
          nulls = in.readLongs(v, rows);
        }
        return new UnscaledDecimalVector(type, rows, nulls, v);
      }
      case DECIMAL_BYTES -> {
        int scale = ((DecimalType) field.getDataType()).getScale();
        byte[][] bytes = new byte[rows][];
        int[] offsets = new int[rows];
        int[] lengths = new int[rows];
        in.readBinaries(bytes, offsets, lengths, rows);
        BigDecimal[] v = new BigDecimal[rows];
        for (int r = 0; r < rows; r++) {
          if (bytes[r] != null) {
            v[r] = new BigDecimal(new BigInteger(bytes[r], offsets[r], lengths[r]), scale);
          }
        }
        return new DefaultDecimalVector(field.getDataType(), rows, v);
      }
    }
    throw new AssertionError(decodings[i]);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
