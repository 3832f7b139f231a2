package dev.lake.engine.txn;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.kernel.UncommittedFiles;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.write.RowSource;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * INSERT of rows as one commit. Without a primary key it is a blind append; with one, the rows'
 * keys must be unique and absent from the table, checked against the snapshot the commit is
 * based on (re-checked after any concurrent commit). The rows stream through: they are coerced,
 * checked and written to data files as they come, so that memory holds one batch of rows and,
 * with a primary key, the keys — never all the rows. Should anything fail, the files written so
 * far are deleted again.
 */
public final class InsertPlan implements WritePlan {
  private final RowSource rows;

  public InsertPlan(List<Object[]> rows) {
    this(rows::stream);
  }

  public InsertPlan(RowSource rows) {
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
    List<String> pk = meta.primaryKey();
    int[] pos = pk.isEmpty() ? null : meta.primaryKeyPositions();
    Map<ValueKey, Integer> seen = new HashMap<>();
    DataFileWriter writer = new DataFileWriter(ctx, txn, meta.schema(), meta.partitionColumns());
    int n = 0;
    try (Stream<Object[]> stream = rows.open()) {
      Iterator<Object[]> it = stream.iterator();
      while (it.hasNext()) {
        Object[] row = coercer.coerce(it.next(), ++n);
        if (pos != null) {
          ValueKey k = ValueKey.of(row, pos);
          KeyChecks.requireNonNull(pk, k, "row " + n);
          Integer prev = seen.putIfAbsent(k, n);
          if (prev != null) {
            throw new ConstraintViolationException(
                "rows " + prev + " and " + n + " have the same primary key " + KeyChecks.describe(pk, k));
          }
        }
        writer.add(row);
      }
      if (pos != null) {
        KeyChecks.requireAbsent(ctx, meta, pk, seen.keySet(), Set.of(), seen);
      }
      List<Row> adds = writer.finish();
      return new Planned("WRITE", adds, n, 0, 0, adds.size(), 0, writer.writtenPaths());
    } catch (RuntimeException | Error e) {
      UncommittedFiles.deleteQuietly(ctx, writer.writtenPaths());
      throw e;
    }
  }
}
