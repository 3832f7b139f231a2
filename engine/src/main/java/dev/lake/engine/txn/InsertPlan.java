package dev.lake.engine.txn;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.ValueKey;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INSERT of a batch of rows. Without a primary key it is a blind append; with one, the batch's
 * keys must be unique and absent from the table, checked against the snapshot the commit is
 * based on (re-checked after any concurrent commit).
 */
public final class InsertPlan implements WritePlan {
  private final List<Object[]> rows;

  public InsertPlan(List<Object[]> rows) {
    this.rows = rows;
  }

  /** Without a primary key nothing is read: Kernel may rebase the commit. */
  @Override
  public boolean isBlindAppend(TableMeta meta) {
    return meta.primaryKey().isEmpty();
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    RowCoercer coercer = new RowCoercer(meta.schema());
    Object[][] coerced = new Object[rows.size()][];
    for (int i = 0; i < coerced.length; i++) {
      coerced[i] = coercer.coerce(rows.get(i), i + 1);
    }
    List<String> pk = meta.primaryKey();
    if (!pk.isEmpty()) {
      int[] pos = meta.primaryKeyPositions();
      Map<ValueKey, Integer> seen = new HashMap<>();
      for (int i = 0; i < coerced.length; i++) {
        ValueKey k = ValueKey.of(coerced[i], pos);
        KeyChecks.requireNonNull(pk, k, "row " + (i + 1));
        Integer prev = seen.putIfAbsent(k, i + 1);
        if (prev != null) {
          throw new ConstraintViolationException(
              "rows " + prev + " and " + (i + 1) + " have the same primary key " + KeyChecks.describe(pk, k));
        }
      }
      KeyChecks.requireAbsent(ctx, meta, pk, seen.keySet(), Set.of(), seen);
    }
    DataFileWriter writer = new DataFileWriter(ctx, txn, meta.schema(), meta.partitionColumns());
    for (Object[] r : coerced) {
      writer.add(r);
    }
    List<Row> adds = writer.finish();
    return new Planned("WRITE", adds, coerced.length, 0, 0, adds.size(), 0, writer.writtenPaths());
  }
}
