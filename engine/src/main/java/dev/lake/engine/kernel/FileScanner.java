package dev.lake.engine.kernel;

import dev.lake.engine.types.Schema;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the data files of a snapshot that may hold rows of interest (Kernel prunes by partition
 * values and stats) and reads each one as columnar batches of the requested columns, with
 * deletion vectors applied as a selection. Knows nothing about row predicates: callers evaluate
 * those on the batches.
 */
public final class FileScanner {
  private final KernelContext ctx;
  private final Snapshot snapshot;
  private final Schema readSchema;
  private final Optional<Predicate> skipping;
  private Scan scan;
  private Row scanState;
  private long filesTotal = -1;

  /**
   * @param readSchema the columns to read (a subset of the table's, any order)
   * @param skipping a Kernel predicate used only to skip files; empty reads every file
   */
  public FileScanner(KernelContext ctx, Snapshot snapshot, Schema readSchema, Optional<Predicate> skipping) {
    this.ctx = ctx;
    this.snapshot = snapshot;
    this.readSchema = readSchema;
    this.skipping = skipping;
  }

  /** The columns each batch holds, in order. */
  public Schema readSchema() {
    return readSchema;
  }

  /**
   * The files to read. Materialised as a list: file entries are small, and closing Kernel's
   * iterator early would lose its scan report (which counts the files skipped).
   */
  public List<ScanFile> files() {
    ensureScan();
    List<ScanFile> out = new ArrayList<>();
    KernelEngine.withScanListener(
        report -> filesTotal = report.getScanMetrics().getNumActiveAddFiles(),
        () -> {
          try (CloseableIterator<FilteredColumnarBatch> it = scan.getScanFiles(ctx.engine(), true)) {
            while (it.hasNext()) {
              try (CloseableIterator<Row> rows = it.next().getRows()) {
                while (rows.hasNext()) {
                  out.add(new ScanFile(rows.next()));
                }
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    if (filesTotal < out.size()) {
      filesTotal = out.size();
    }
    return out;
  }

  private void ensureScan() {
    if (scan != null) {
      return;
    }
    ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(kernelReadSchema());
    if (skipping.isPresent()) {
      builder = builder.withFilter(skipping.get());
    }
    scan = builder.build();
    scanState = scan.getScanState(ctx.engine());
  }

  /**
   * The read schema as Kernel needs it: the table's own fields, picked by name, so that each
   * keeps its metadata. Under column mapping that metadata (column ids and physical names, also
   * of nested fields) is how Kernel finds the columns in the Parquet files and tells partition
   * columns from data columns; a schema rebuilt from lake's types would lose it.
   */
  private StructType kernelReadSchema() {
    StructType table = snapshot.getSchema();
    List<StructField> fields = new ArrayList<>(readSchema.size());
    for (String name : readSchema.columnNames()) {
      int i = table.indexOf(name);
      if (i < 0) {
        return KernelTypes.toKernel(readSchema);
      }
      fields.add(table.at(i));
    }
    return new StructType(fields);
  }

  /** Active files in the snapshot, known after {@link #files()} ran. */
  public long filesTotal() {
    return filesTotal;
  }

  /**
   * Reads one file (which may come from another scanner of the same snapshot: a file entry does
   * not depend on the columns read). Each batch's selection (if present) marks the rows still live after the
   * file's deletion vector.
   */
  public CloseableIterator<FilteredColumnarBatch> read(ScanFile file) {
    ensureScan();
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
    CloseableIterator<ColumnarBatch> data;
    try {
      data =
          ctx.engine()
              .getParquetHandler()
              .readParquetFiles(Utils.singletonCloseableIterator(file.status()), physical, Optional.empty())
              .map(FileReadResult::getData);
      return Scan.transformPhysicalData(ctx.engine(), scanState, file.row(), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Receives the live rows of a file, one at a time. */
  @FunctionalInterface
  public interface RowVisitor {
    /**
     * @param data the batch holding the row (columns in {@link #readSchema()} order)
     * @param row the row's index in the batch
     * @return false to stop reading the file
     */
    boolean visit(ColumnarBatch data, int row);
  }

  /**
   * Reads one file and hands each live row (deletion vectors applied) to {@code visitor}, until
   * it returns false.
   *
   * @return false if the visitor stopped early
   */
  public boolean forEachLiveRow(ScanFile file, RowVisitor visitor) {
    try (CloseableIterator<FilteredColumnarBatch> it = read(file)) {
      while (it.hasNext()) {
        FilteredColumnarBatch fb = it.next();
        ColumnarBatch data = fb.getData();
        Optional<io.delta.kernel.data.ColumnVector> live = fb.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
          boolean isLive = live.isEmpty() || (!live.get().isNullAt(r) && live.get().getBoolean(r));
          if (isLive && !visitor.visit(data, r)) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values of one row of a batch this scanner read, in {@link #readSchema()} order. */
  public Object[] values(ColumnarBatch data, int row) {
    Object[] v = new Object[readSchema.size()];
    for (int c = 0; c < v.length; c++) {
      v[c] = KernelValues.get(data.getColumnVector(c), row, readSchema.field(c).type());
    }
    return v;
  }
}
