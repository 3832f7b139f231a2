package dev.lake.engine.txn;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.write.RowUpdate;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UPDATE of the rows where a predicate holds. When the update moves rows to new primary keys,
 * the new keys must be unique and not collide with rows the update leaves in place.
 */
public final class UpdatePlan implements WritePlan {
  private final Predicate where;
  private final RowUpdate update;

  public UpdatePlan(Predicate where, RowUpdate update) {
    this.where = where;
    this.update = update;
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    Schema table = meta.schema();
    RowCoercer coercer = new RowCoercer(table);
    List<String> pk = meta.primaryKey();
    int[] pkPos = meta.primaryKeyPositions();
    Set<ValueKey> vacated = new HashSet<>();
    Set<ValueKey> moved = new HashSet<>();
    long[] count = {0};
    RowChange change =
        new PredicateChange(where, table) {
          @Override
          public Object[] apply(Object[] row) {
            Object[] out = coercer.coerce(update.apply(row.clone(), table), ++count[0]);
            if (pkPos.length > 0) {
              ValueKey before = ValueKey.of(row, pkPos);
              ValueKey after = ValueKey.of(out, pkPos);
              if (!before.equals(after)) {
                vacated.add(before);
                if (!moved.add(after)) {
                  throw new ConstraintViolationException(
                      "the update gives two rows the primary key " + KeyChecks.describe(pk, after));
                }
              }
            }
            return out;
          }
        };
    RowRewriter rewriter = new RowRewriter();
    DataFileWriter writer = new DataFileWriter(ctx, txn, table, meta.partitionColumns());
    rewriter.run(ctx, meta, change, writer);
    if (!moved.isEmpty()) {
      // A moved key may land on a row the update did not touch, or on another row's old key
      // that the same update vacates (allowed).
      Set<ValueKey> collide = new HashSet<>(moved);
      collide.removeAll(vacated);
      KeyChecks.requireAbsent(ctx, meta, pk, collide, vacated);
    }
    List<Row> adds = writer.finish();
    List<Row> actions = new ArrayList<>(rewriter.removes);
    actions.addAll(adds);
    return new Planned(
            "UPDATE", actions, 0, rewriter.updated, 0, adds.size(), rewriter.removes.size(), writer.writtenPaths())
        .parameter("predicate", where.toString());
  }
}
