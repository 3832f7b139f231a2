package dev.lake.engine.kernel;

import dev.lake.engine.expr.BoundPredicate;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.parquet.BytesVector;
import dev.lake.engine.kernel.parquet.PrimitiveArrayVector;
import dev.lake.engine.kernel.parquet.UnscaledDecimalVector;
import dev.lake.engine.scan.ColumnArrays;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.scan.ScanMetrics;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** A {@link Scan} over Kernel: file skipping by Kernel, row filtering here, batch by batch. */
public final class BatchScan implements Scan {
  private final KernelContext ctx;
  private final String tableName;
  private final Snapshot snapshot;
  private final Schema output;
  private final Schema read;
  private final BoundPredicate predicate;
  private final Optional<io.delta.kernel.expressions.Predicate> skipping;

  private long filesTotal;
  private long filesRead;
  private long bytesRead;
  private long rowsRead;
  private long rowsReturned;
  private int[] identity = new int[0];

  /**
   * @param table the table's schema
   * @param columns the columns to return, in order
   */
  public BatchScan(
      KernelContext ctx, String tableName, Snapshot snapshot, Schema table, List<String> columns, Predicate where) {
    this.ctx = ctx;
    this.tableName = tableName;
    this.snapshot = snapshot;
    this.output = table.project(columns);
    BoundPredicate onTable = BoundPredicate.bind(where, table);
    List<String> readColumns = new ArrayList<>(output.columnNames());
    onTable.columns().stream()
        .mapToObj(i -> table.field(i).name())
        .filter(n -> output.indexOf(n) < 0)
        .forEach(readColumns::add);
    this.read = table.project(readColumns);
    this.predicate = BoundPredicate.bind(where, read);
    this.skipping = predicate.isAlwaysTrue() ? Optional.empty() : SkippingPredicates.of(where, table);
  }

  @Override
  public ScanMetrics metrics() {
    return new ScanMetrics(filesTotal, filesRead, Math.max(0, filesTotal - filesRead), bytesRead, rowsRead, rowsReturned);
  }

  @Override
  public BatchIterator batches() {
    try {
      return translating(open());
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private RuntimeException translate(RuntimeException e) {
    return KernelErrors.missingDataFile(e, tableName, snapshot.getVersion())
        .<RuntimeException>map(x -> x)
        .orElseGet(() -> KernelErrors.translate(e, tableName));
  }

  /** Reports failures while iterating (storage, corrupt files) as lake exceptions too. */
  private BatchIterator translating(BatchIterator inner) {
    return new BatchIterator() {
      @Override
      public boolean hasNext() {
        try {
          return inner.hasNext();
        } catch (RuntimeException e) {
          throw translate(e);
        }
      }

      @Override
      public RowBatch next() {
        try {
          return inner.next();
        } catch (NoSuchElementException e) {
          throw e;
        } catch (RuntimeException e) {
          throw translate(e);
        }
      }

      @Override
      public void close() {
        try {
          inner.close();
        } catch (RuntimeException e) {
          throw translate(e);
        }
      }
    };
  }

  private BatchIterator open() {
    FileScanner scanner = new FileScanner(ctx, snapshot, read, skipping);
    List<ScanFile> files = scanner.files();
    filesTotal = scanner.filesTotal();
    return over(scanner, files);
  }

  /** The rows of one data file of the snapshot (all selected columns, predicate applied). */
  public BatchIterator batchesOf(ScanFile file) {
    try {
      filesTotal = 1;
      return translating(over(new FileScanner(ctx, snapshot, read, skipping), List.of(file)));
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private BatchIterator over(FileScanner scanner, List<ScanFile> files) {
    Iterator<ScanFile> fileIt = files.iterator();
    return new BatchIterator() {
      private CloseableIterator<FilteredColumnarBatch> current;
      private RowBatch next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (current != null && current.hasNext()) {
            RowBatch b = filter(current.next());
            if (b.size() > 0) {
              next = b;
            }
            continue;
          }
          closeCurrent();
          if (!fileIt.hasNext()) {
            return false;
          }
          ScanFile f = fileIt.next();
          filesRead++;
          bytesRead += f.status().getSize();
          current = scanner.read(f);
        }
        return true;
      }

      @Override
      public RowBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RowBatch b = next;
        next = null;
        return b;
      }

      @Override
      public void close() {
        closeCurrent();
      }

      private void closeCurrent() {
        if (current != null) {
          try {
            current.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          current = null;
        }
      }
    };
  }

  private RowBatch filter(FilteredColumnarBatch fb) {
    ColumnarBatch data = fb.getData();
    Optional<ColumnVector> live = fb.getSelectionVector();
    int n = data.getSize();
    ColumnVector[] vectors = new ColumnVector[read.size()];
    for (int c = 0; c < vectors.length; c++) {
      vectors[c] = data.getColumnVector(c);
    }
    boolean all = predicate.isAlwaysTrue();
    if (all && live.isEmpty()) {
      // Every row: row ids from one shared array (batches only read it), no loop per row.
      rowsRead += n;
      rowsReturned += n;
      return new VectorRowBatch(output, vectors, everyRow(n), n);
    }
    int[] selected = new int[n];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (live.isPresent() && (live.get().isNullAt(r) || !live.get().getBoolean(r))) {
        continue;
      }
      rowsRead++;
      final int row = r;
      if (all || predicate.test(c -> KernelValues.get(vectors[c], row, read.field(c).type()))) {
        selected[count++] = r;
      }
    }
    rowsReturned += count;
    return new VectorRowBatch(output, vectors, selected, count);
  }

  /** Row ids 0..n-1 (at least), shared by the batches that keep every row; never changed once filled. */
  private int[] everyRow(int n) {
    if (identity.length < n) {
      int[] ids = new int[n];
      for (int r = 0; r < n; r++) {
        ids[r] = r;
      }
      identity = ids;
    }
    return identity;
  }

  /** Visible rows of a Kernel batch through a selection of row ids. */
  private static final class VectorRowBatch implements RowBatch {
    private final Schema schema;
    private final ColumnVector[] vectors;
    private final LakeType.Kind[] kinds;
    private final int[] rows;
    private final int size;

    VectorRowBatch(Schema schema, ColumnVector[] vectors, int[] rows, int size) {
      this.schema = schema;
      this.vectors = vectors;
      this.rows = rows;
      this.size = size;
      this.kinds = new LakeType.Kind[schema.size()];
      for (int c = 0; c < kinds.length; c++) {
        kinds[c] = schema.field(c).type().kind();
      }
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean isNull(int column, int row) {
      return vectors[column].isNullAt(rows[row]);
    }

    @Override
    public Object get(int column, int row) {
      return KernelValues.get(vectors[column], rows[row], schema.field(column).type());
    }

    @Override
    public long getLong(int column, int row) {
      ColumnVector v = vectors[column];
      int r = rows[row];
      switch (kinds[column]) {
        case INT8:
          return v.getByte(r);
        case INT16:
        case UINT8:
          return v.getShort(r);
        case INT32:
        case UINT16:
        case DATE:
          return v.getInt(r);
        default:
          return v.getLong(r);
      }
    }

    @Override
    public double getDouble(int column, int row) {
      ColumnVector v = vectors[column];
      return kinds[column] == LakeType.Kind.FLOAT32 ? v.getFloat(rows[row]) : v.getDouble(rows[row]);
    }

    @Override
    public boolean getBoolean(int column, int row) {
      return vectors[column].getBoolean(rows[row]);
    }

    @Override
    public long getUnscaledDecimal(int column, int row) {
      if (vectors[column] instanceof UnscaledDecimalVector v
          && v.scale() == ((LakeType.Decimal) schema.field(column).type()).scale()) {
        return v.getUnscaled(rows[row]);
      }
      return RowBatch.super.getUnscaledDecimal(column, row);
    }

    @Override
    public ColumnArrays arrays(int column) {
      ColumnVector v = vectors[column];
      LakeType.Kind kind = kinds[column];
      if (v instanceof PrimitiveArrayVector a && arraysServe(a.values(), kind)) {
        return new ColumnArrays(a.values(), a.nulls(), rows);
      } else if (v instanceof BytesVector a && kind == LakeType.Kind.STRING) {
        return new ColumnArrays(a.slices(), null, rows);
      } else if (v instanceof UnscaledDecimalVector a
          && kind == LakeType.Kind.DECIMAL
          && a.scale() == ((LakeType.Decimal) schema.field(column).type()).scale()) {
        return new ColumnArrays(a.unscaled(), a.nulls(), rows);
      }
      return null;
    }

    /** Whether the array is what {@link ColumnArrays} promises for the kind (not TIMESTAMP's longs). */
    private static boolean arraysServe(Object values, LakeType.Kind kind) {
      return values instanceof long[]
          ? kind == LakeType.Kind.INT64
          : values instanceof int[] ? kind == LakeType.Kind.INT32 || kind == LakeType.Kind.DATE : kind == LakeType.Kind.BOOLEAN;
    }

    @Override
    public byte[] getStoredUtf8(int column, int row) {
      return vectors[column] instanceof BytesVector v && kinds[column] == LakeType.Kind.STRING
          ? v.getBytes(rows[row])
          : null;
    }
  }
}
