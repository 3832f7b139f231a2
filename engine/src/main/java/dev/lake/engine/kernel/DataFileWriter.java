package dev.lake.engine.kernel;

import dev.lake.engine.csv.CsvSizeTag;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns rows (already coerced to the table's types) into Parquet data files with stats, and
 * collects their {@code add} actions for one transaction. Rows are buffered per partition and
 * written in batches, so memory stays bounded by {@link #BATCH_ROWS} rows per open partition.
 */
public final class DataFileWriter {
  /** Rows handed to the Parquet writer at a time. */
  static final int BATCH_ROWS = 65_536;

  private final KernelContext ctx;
  private final Row txnState;
  private final Schema schema;
  private final StructType kernelSchema;
  private final int[] partitionPositions;
  private final Map<ValueKey, List<Object[]>> buffers = new LinkedHashMap<>();
  private final List<Row> actions = new ArrayList<>();
  private final List<String> writtenPaths = new ArrayList<>();
  // Each file's size as lake CSV, so that the mount's stat need not render it (CsvSizeTag).
  private final CsvSizeTag.Meter csvSizes;
  private final ArrayDeque<Map<String, String>> fileTags = new ArrayDeque<>();
  private long rowsWritten;

  public DataFileWriter(KernelContext ctx, Transaction txn, Schema schema, List<String> partitionColumns) {
    this.ctx = ctx;
    this.txnState = txn.getTransactionState(ctx.engine());
    this.schema = schema;
    this.kernelSchema = dataSchema(ctx, txn, schema);
    this.csvSizes = new CsvSizeTag.Meter(schema);
    this.partitionPositions = new int[partitionColumns.size()];
    for (int i = 0; i < partitionPositions.length; i++) {
      partitionPositions[i] = schema.require(partitionColumns.get(i));
    }
  }

  /**
   * The schema the data is handed to Kernel in: the table's own when it has lake's columns.
   * Kernel checks the data's schema against the table's, field metadata included, and tables
   * other engines wrote carry metadata lake's types do not model (type-widening history
   * {@code delta.typeChanges}, column comments...): a schema rebuilt from lake's types would be
   * refused as "doesn't match the table schema".
   */
  private static StructType dataSchema(KernelContext ctx, Transaction txn, Schema schema) {
    StructType own = txn.getSchema(ctx.engine());
    return own.fieldNames().equals(schema.columnNames()) ? own : KernelTypes.toKernel(schema);
  }

  /** Adds one row (values in schema order, already coerced and validated). */
  public void add(Object[] row) {
    ValueKey partition = ValueKey.of(row, partitionPositions);
    List<Object[]> buf = buffers.computeIfAbsent(partition, k -> new ArrayList<>());
    buf.add(row);
    if (buf.size() >= BATCH_ROWS) {
      write(partition, buf);
      buf.clear();
    }
  }

  /** Writes what is buffered and returns every add action produced so far. */
  public List<Row> finish() {
    for (Map.Entry<ValueKey, List<Object[]>> e : buffers.entrySet()) {
      if (!e.getValue().isEmpty()) {
        write(e.getKey(), e.getValue());
      }
    }
    buffers.clear();
    return actions;
  }

  /** Rows written to files so far. */
  public long rowsWritten() {
    return rowsWritten;
  }

  /** Paths of the data files written (to clean up if the commit never happens). */
  public List<String> writtenPaths() {
    return writtenPaths;
  }

  /**
   * Writes rows that all belong to one partition as one stream, bypassing the buffers: the
   * Parquet writer starts a new file only when one reaches its target size
   * ({@code delta.kernel.default.parquet.writer.targetMaxFileSize}), so a stream of rows
   * becomes as few files as possible — what compaction needs. Rows are pulled lazily,
   * {@link #BATCH_ROWS} at a time. Nothing is written for an empty iterator.
   */
  public void writeOnePartition(java.util.Iterator<Object[]> rows) {
    if (!rows.hasNext()) {
      return;
    }
    Object[] first = rows.next();
    ValueKey partition = ValueKey.of(first, partitionPositions);
    java.util.Iterator<List<Object[]>> batches =
        new java.util.Iterator<>() {
          private Object[] pending = first;

          @Override
          public boolean hasNext() {
            return pending != null || rows.hasNext();
          }

          @Override
          public List<Object[]> next() {
            List<Object[]> batch = new ArrayList<>();
            if (pending != null) {
              batch.add(pending);
              pending = null;
            }
            while (batch.size() < BATCH_ROWS && rows.hasNext()) {
              batch.add(rows.next());
            }
            return batch;
          }
        };
    writeBatches(partition, batches);
  }

  private void write(ValueKey partition, List<Object[]> rows) {
    writeBatches(partition, List.of(rows).iterator());
  }

  private void writeBatches(ValueKey partition, java.util.Iterator<List<Object[]>> rowBatches) {
    Map<String, Literal> partitionValues = new HashMap<>();
    Object[] pv = partition.values();
    for (int i = 0; i < partitionPositions.length; i++) {
      int pos = partitionPositions[i];
      Literal lit =
          pv[i] == null
              ? Literal.ofNull(KernelTypes.toKernel(schema.field(pos).type()))
              : SkippingPredicates.literal(schema.field(pos).type(), pv[i]);
      partitionValues.put(schema.field(pos).name(), lit);
    }
    CloseableIterator<FilteredColumnarBatch> logical =
        KernelIterators.of(rowBatches).map(rows -> new FilteredColumnarBatch(toBatch(rows), Optional.empty()));
    CloseableIterator<FilteredColumnarBatch> physical =
        Transaction.transformLogicalData(ctx.engine(), txnState, logical, partitionValues);
    DataWriteContext writeContext = Transaction.getWriteContext(ctx.engine(), txnState, partitionValues);
    WithoutHadoopDefaults.run(() -> writeFiles(physical, writeContext));
  }

  private VectorBatch toBatch(List<Object[]> rows) {
    List<ColumnVector> vectors = new ArrayList<>(schema.size());
    for (int c = 0; c < schema.size(); c++) {
      List<Object> column = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        column.add(r[c]);
      }
      vectors.add(new JavaValueVector(schema.field(c).type(), column));
    }
    csvSizes.startBatch();
    for (Object[] r : rows) {
      csvSizes.add(r);
    }
    rowsWritten += rows.size();
    return new VectorBatch(kernelSchema, vectors, rows.size());
  }

  private void writeFiles(CloseableIterator<FilteredColumnarBatch> physical, DataWriteContext writeContext) {
    try (CloseableIterator<DataFileStatus> files =
            ctx.engine()
                .getParquetHandler()
                .writeParquetFiles(writeContext.getTargetDirectory(), physical, writeContext.getStatisticsColumns());
        CloseableIterator<Row> adds =
            Transaction.generateAppendActions(ctx.engine(), txnState, recording(files), writeContext)) {
      while (adds.hasNext()) {
        // Kernel makes one add action per file status, in order.
        actions.add(AddActions.withTags(adds.next(), fileTags.remove()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CloseableIterator<DataFileStatus> recording(CloseableIterator<DataFileStatus> files) {
    return files.map(
        f -> {
          writtenPaths.add(f.getPath());
          // The Parquet writer cuts files from the rows in order: this file holds the next rows.
          fileTags.add(
              csvSizes.nextFile(
                  f.getStatistics().map(s -> OptionalLong.of(s.getNumRecords())).orElse(OptionalLong.empty())));
          return f;
        });
  }
}
