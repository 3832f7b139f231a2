package dev.lake.jdbc.exec;

import dev.lake.engine.Snapshot;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.plan.ScanSpec;
import dev.lake.jdbc.schema.LakeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Runs a lake scan for generated code: reads the version the plan asked for (resolved once per
 * execution, see {@link StatementSnapshots}), streams the engine's batches and converts values
 * to Calcite's representation.
 */
public final class ScanRuntime {
  /**
   * Most rows a re-read scan keeps in memory to replay. Larger inner sides are read again from
   * storage each time; smaller ones (the common case of a nested-loop join's inner table) are
   * read once.
   */
  static final int REPLAY_LIMIT = 50_000;

  private ScanRuntime() {}

  /**
   * The rows: {@code Object[]} per row, or the bare value when the scan has one column and
   * Calcite chose a scalar row format.
   */
  public static Enumerable<Object> scan(DataContext root, LakeTable lakeTable, ScanSpec spec, boolean scalar) {
    return new ScanEnumerable(root, lakeTable, spec, scalar);
  }

  /**
   * One scan of one execution. Calcite may enumerate it many times (the inner side of a
   * nested-loop join is enumerated once per outer row); from the second enumeration on, a
   * complete pass is recorded and later passes replay it instead of reading Parquet again.
   */
  private static final class ScanEnumerable extends AbstractEnumerable<Object> {
    private final DataContext root;
    private final LakeTable lakeTable;
    private final ScanSpec spec;
    private final boolean scalar;
    private int enumerations;
    private List<Object> replay;

    ScanEnumerable(DataContext root, LakeTable lakeTable, ScanSpec spec, boolean scalar) {
      this.root = root;
      this.lakeTable = lakeTable;
      this.spec = spec;
      this.scalar = scalar;
    }

    @Override
    public Enumerator<Object> enumerator() {
      if (replay != null) {
        return Linq4j.enumerator(replay);
      }
      Enumerator<Object> rows = OwnClassLoader.call(this::open);
      // The first pass streams: most scans are read once, and holding their rows would only
      // cost memory.
      return ++enumerations >= 2 ? new Recording(rows, recorded -> replay = recorded) : rows;
    }

    private Enumerator<Object> open() {
      try {
        Snapshot snapshot = StatementSnapshots.resolve(root, lakeTable.table(), spec.asOf());
        Schema schema = snapshot.schema().project(spec.columns());
        Scan scan = snapshot.scan().select(spec.columns()).where(spec.predicate()).build();
        return new BatchEnumerator(scan.batches(), schema, scalar, cancelFlag(root));
      } catch (LakeException e) {
        throw Errors.toRuntime(e);
      }
    }
  }

  /** Passes rows through and, when the pass completes within the limit, hands them over. */
  private static final class Recording implements Enumerator<Object> {
    private final Enumerator<Object> rows;
    private final Consumer<List<Object>> onComplete;
    private List<Object> recorded = new ArrayList<>();

    Recording(Enumerator<Object> rows, Consumer<List<Object>> onComplete) {
      this.rows = rows;
      this.onComplete = onComplete;
    }

    @Override
    public Object current() {
      return rows.current();
    }

    @Override
    public boolean moveNext() {
      boolean more = rows.moveNext();
      if (recorded != null) {
        if (!more) {
          onComplete.accept(recorded);
          recorded = null;
        } else if (recorded.size() < REPLAY_LIMIT) {
          recorded.add(rows.current());
        } else {
          recorded = null;
        }
      }
      return more;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a lake scan cannot be rewound");
    }

    @Override
    public void close() {
      rows.close();
    }
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
