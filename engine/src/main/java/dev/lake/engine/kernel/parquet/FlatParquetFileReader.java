package dev.lake.engine.kernel.parquet;

import dev.lake.engine.kernel.VectorBatch;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultBooleanVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultByteVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDecimalVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultDoubleVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultFloatVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultIntVector;
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
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file of flat columns column by column into primitive arrays: parquet-mr's
 * column readers decode pages (dictionaries once per page), and each batch's values go straight
 * into arrays wrapped as Kernel vectors — no record assembly and no converter call per value,
 * which is what Kernel's default reader spends most of its time on.
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
  private final MessageType projection;
  private final ColumnDescriptor[] descriptors; // per schema field; null for the row index
  private final FlatColumn[] decodings;
  private final String createdBy;

  private ColumnReader[] readers;
  private long rowsLeftInGroup;
  private long nextRowIndex;

  private FlatParquetFileReader(
      ParquetFileReader file, StructType schema, MessageType projection, ColumnDescriptor[] descriptors, FlatColumn[] decodings) {
    this.file = file;
    this.schema = schema;
    this.projection = projection;
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
      return new FlatParquetFileReader(file, schema, projection, descriptors, decodings);
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
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, IGNORED_VALUES, projection, createdBy);
        readers = new ColumnReader[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
          if (descriptors[i] != null) {
            readers[i] = store.getColumnReader(descriptors[i]);
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
    for (int i = 0; i < descriptors.length; i++) {
      vectors.add(readers[i] == null ? rowIndexes(rows) : read(i, rows));
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
  private ColumnVector read(int i, int rows) {
    ColumnReader in = readers[i];
    int defined = descriptors[i].getMaxDefinitionLevel();
    StructField field = schema.at(i);
    boolean[] nulls = null;
    // One loop per decoding, so that each stays a tight loop over one array.
    switch (decodings[i]) {
      case BOOLEAN -> {
        boolean[] v = new boolean[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getBoolean();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultBooleanVector(rows, Optional.ofNullable(nulls), v);
      }
      case BYTE -> {
        byte[] v = new byte[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = (byte) in.getInteger();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultByteVector(rows, Optional.ofNullable(nulls), v);
      }
      case SHORT -> {
        short[] v = new short[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = (short) in.getInteger();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultShortVector(rows, Optional.ofNullable(nulls), v);
      }
      case INT -> {
        int[] v = new int[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getInteger();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultIntVector(field.getDataType(), rows, Optional.ofNullable(nulls), v);
      }
      case LONG -> {
        long[] v = new long[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getLong();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultLongVector(field.getDataType(), rows, Optional.ofNullable(nulls), v);
      }
      case FLOAT -> {
        float[] v = new float[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getFloat();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultFloatVector(rows, Optional.ofNullable(nulls), v);
      }
      case DOUBLE -> {
        double[] v = new double[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getDouble();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new DefaultDoubleVector(rows, Optional.ofNullable(nulls), v);
      }
      case BYTES -> {
        byte[][] v = new byte[rows][];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = in.getBinary().getBytes(); // owned bytes: page buffers may be reused
          }
        }
        return new BytesVector(field.getDataType(), rows, v);
      }
      case DECIMAL_LONG -> {
        DecimalType type = (DecimalType) field.getDataType();
        boolean int32 = descriptors[i].getPrimitiveType().getPrimitiveTypeName() == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
        long[] v = new long[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = int32 ? in.getInteger() : in.getLong();
          } else {
            nulls = markNull(nulls, rows, r);
          }
        }
        return new UnscaledDecimalVector(type, rows, nulls, v);
      }
      case DECIMAL_BYTES -> {
        int scale = ((DecimalType) field.getDataType()).getScale();
        BigDecimal[] v = new BigDecimal[rows];
        for (int r = 0; r < rows; r++, in.consume()) {
          if (in.getCurrentDefinitionLevel() == defined) {
            v[r] = new BigDecimal(new BigInteger(in.getBinary().getBytesUnsafe()), scale);
          }
        }
        return new DefaultDecimalVector(field.getDataType(), rows, v);
      }
    }
    throw new AssertionError(decodings[i]);
  }

  private static boolean[] markNull(boolean[] nulls, int rows, int r) {
    boolean[] out = nulls == null ? new boolean[rows] : nulls;
    out[r] = true;
    return out;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  /**
   * The record converter parquet-mr's column store wants; never called, because values are
   * read with the column readers' getters rather than pushed to converters.
   */
  private static final GroupConverter IGNORED_VALUES =
      new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {}
        };

        @Override
        public Converter getConverter(int fieldIndex) {
          return primitive;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
      };
}
