package dev.lake.jdbc.exec;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.plan.AsOf;
import dev.lake.jdbc.plan.ScanSpec;
import dev.lake.jdbc.schema.LakeTable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Runs a lake scan for generated code: opens the version the plan asked for (the latest one at
 * execution time, so a prepared statement sees new commits), streams the engine's batches and
 * converts values to Calcite's representation.
 */
public final class ScanRuntime {
  private ScanRuntime() {}

  /**
   * The rows: {@code Object[]} per row, or the bare value when the scan has one column and
   * Calcite chose a scalar row format.
   */
  public static Enumerable<Object> scan(DataContext root, LakeTable lakeTable, ScanSpec spec, boolean scalar) {
    return new AbstractEnumerable<Object>() {
      @Override
      public Enumerator<Object> enumerator() {
        return OwnClassLoader.call(() -> open());
      }

      private Enumerator<Object> open() {
        try {
          Snapshot snapshot = snapshot(lakeTable.table(), spec.asOf());
          Schema schema = snapshot.schema().project(spec.columns());
          Scan scan = snapshot.scan().select(spec.columns()).where(spec.predicate()).build();
          return new BatchEnumerator(scan.batches(), schema, scalar, cancelFlag(root));
        } catch (LakeException e) {
          throw Errors.toRuntime(e);
        }
      }
    };
  }

  /** The snapshot a scan reads. */
  public static Snapshot snapshot(Table table, AsOf asOf) {
    if (asOf.version() >= 0) {
      return table.snapshotAt(asOf.version());
    }
    if (asOf.timestamp() != null) {
      return table.snapshotAsOf(Instant.ofEpochMilli(asOf.timestamp()));
    }
    return table.snapshot();
  }

  private static AtomicBoolean cancelFlag(DataContext root) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    return flag instanceof AtomicBoolean b ? b : new AtomicBoolean();
  }

  /** Engine batches to Calcite rows. */
  private static final class BatchEnumerator implements Enumerator<Object> {
    private final Scan.BatchIterator batches;
    private final LakeType[] types;
    private final boolean scalar;
    private final AtomicBoolean cancel;
    private RowBatch batch;
    private int row = -1;
    private Object current;

    BatchEnumerator(Scan.BatchIterator batches, Schema schema, boolean scalar, AtomicBoolean cancel) {
      this.batches = batches;
      this.types = new LakeType[schema.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = schema.field(i).type();
      }
      this.scalar = scalar;
      this.cancel = cancel;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      return OwnClassLoader.call(this::advance);
    }

    private boolean advance() {
      try {
        while (batch == null || ++row >= batch.size()) {
          if (cancel.get()) {
            throw Errors.runtime("the statement was cancelled", "57014");
          }
          if (!batches.hasNext()) {
            return false;
          }
          batch = batches.next();
          row = -1;
        }
        if (scalar) {
          current = CalciteValues.toCalcite(types[0], batch.get(0, row));
        } else {
          Object[] values = new Object[types.length];
          for (int c = 0; c < values.length; c++) {
            values[c] = CalciteValues.toCalcite(types[c], batch.get(c, row));
          }
          current = values;
        }
        return true;
      } catch (LakeException e) {
        throw Errors.toRuntime(e);
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a lake scan cannot be rewound");
    }

    @Override
    public void close() {
      batches.close();
    }
  }
}
