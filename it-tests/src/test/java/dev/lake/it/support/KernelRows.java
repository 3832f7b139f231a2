package dev.lake.it.support;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.ArrayType;
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
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Delta table with Delta Kernel's own default engine ({@link DefaultEngine} over a plain
 * Hadoop configuration) and none of lake's code: list scan files, read their Parquet data, turn
 * physical into logical data with {@link Scan#transformPhysicalData}, honour selection vectors
 * (deletion vectors), convert values to Java in the {@link Canonical} form.
 *
 * <p>This is the reference reader: what a Delta connector built on Kernel sees.
 */
public final class KernelRows {
  private final Engine engine;

  /** A reader for local tables (a plain Hadoop configuration). */
  public KernelRows() {
    this(new org.apache.hadoop.conf.Configuration());
  }

  /**
   * A reader over {@code hadoopConf}: for object stores, the S3A/ABFS settings of the lake (its
   * endpoint and credentials); the reading itself is still Kernel's alone.
   */
  public KernelRows(org.apache.hadoop.conf.Configuration hadoopConf) {
    this.engine = DefaultEngine.create(hadoopConf);
  }

  /** The Kernel snapshot of the latest version (or of {@code version} when not null). */
  public Snapshot snapshot(String tablePath, Long version) {
    var builder = TableManager.loadSnapshot(tablePath);
    if (version != null) {
      builder = builder.atVersion(version);
    }
    return builder.build(engine);
  }

  public Engine engine() {
    return engine;
  }

  /** Every row of the latest version, canonical and sorted by text. */
  public List<List<Object>> all(String tablePath) {
    return all(snapshot(tablePath, null));
  }

  /** Every row of {@code version}, canonical and sorted by text. */
  public List<List<Object>> all(String tablePath, long version) {
    return all(snapshot(tablePath, version));
  }

  /** Every row of the snapshot, canonical and sorted by text. */
  public List<List<Object>> all(Snapshot snapshot) {
    Scan scan = snapshot.getScanBuilder().build();
    Row scanState = scan.getScanState(engine);
    StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
    StructType logicalSchema = snapshot.getSchema();
    List<List<Object>> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        FilteredColumnarBatch fileBatch = files.next();
        try (CloseableIterator<Row> fileRows = fileBatch.getRows()) {
          while (fileRows.hasNext()) {
            Row scanFile = fileRows.next();
            readFile(scanState, scanFile, physicalSchema, logicalSchema, rows);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Canonical.sorted(rows);
  }

  private void readFile(
      Row scanState, Row scanFile, StructType physicalSchema, StructType logicalSchema, List<List<Object>> out)
      throws IOException {
    FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
    CloseableIterator<ColumnarBatch> physical =
        engine.getParquetHandler()
            .readParquetFiles(singleton(file), physicalSchema, Optional.empty())
            .map(FileReadResult::getData);
    try (CloseableIterator<FilteredColumnarBatch> logical =
        Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
      while (logical.hasNext()) {
        FilteredColumnarBatch fb = logical.next();
        ColumnarBatch data = fb.getData();
        Optional<ColumnVector> selection = fb.getSelectionVector();
        StructType schema = data.getSchema();
        if (schema.length() != logicalSchema.length()) {
          throw new AssertionError("Kernel returned columns " + schema + " for logical schema " + logicalSchema);
        }
        for (int r = 0; r < data.getSize(); r++) {
          if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
            continue;
          }
          List<Object> row = new ArrayList<>(schema.length());
          for (int c = 0; c < schema.length(); c++) {
            row.add(value(data.getColumnVector(c), r, schema.at(c).getDataType()));
          }
          out.add(row);
        }
      }
    }
  }

  private static CloseableIterator<FileStatus> singleton(FileStatus f) {
    return new CloseableIterator<>() {
      boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public FileStatus next() {
        done = true;
        return f;
      }

      @Override
      public void close() {}
    };
  }

  /** A value of a Kernel vector as Java, in the {@link Canonical} form. */
  static Object value(ColumnVector v, int row, DataType type) {
    if (v.isNullAt(row)) {
      return null;
    }
    if (type instanceof ByteType) {
      return v.getByte(row);
    } else if (type instanceof ShortType) {
      return v.getShort(row);
    } else if (type instanceof IntegerType) {
      return v.getInt(row);
    } else if (type instanceof LongType) {
      return v.getLong(row);
    } else if (type instanceof FloatType) {
      return v.getFloat(row);
    } else if (type instanceof DoubleType) {
      return v.getDouble(row);
    } else if (type instanceof StringType) {
      return v.getString(row);
    } else if (type instanceof BinaryType) {
      return Canonical.of(v.getBinary(row));
    } else if (type instanceof BooleanType) {
      return v.getBoolean(row);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(v.getInt(row));
    } else if (type instanceof TimestampNTZType) {
      long micros = v.getLong(row);
      return LocalDateTime.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    } else if (type instanceof TimestampType) {
      return Instant.EPOCH.plus(v.getLong(row), ChronoUnit.MICROS);
    } else if (type instanceof DecimalType) {
      return v.getDecimal(row);
    } else if (type instanceof ArrayType a) {
      ArrayValue av = v.getArray(row);
      ColumnVector elements = av.getElements();
      List<Object> out = new ArrayList<>(av.getSize());
      for (int i = 0; i < av.getSize(); i++) {
        out.add(value(elements, i, a.getElementType()));
      }
      return out;
    } else if (type instanceof MapType m) {
      MapValue mv = v.getMap(row);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < mv.getSize(); i++) {
        out.put(value(mv.getKeys(), i, m.getKeyType()), value(mv.getValues(), i, m.getValueType()));
      }
      return out;
    } else if (type instanceof StructType s) {
      List<Object> out = new ArrayList<>(s.length());
      for (int i = 0; i < s.length(); i++) {
        StructField f = s.at(i);
        out.add(value(v.getChild(i), row, f.getDataType()));
      }
      return out;
    }
    throw new AssertionError("unexpected Delta type " + type);
  }
}
