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
import java.util.List;

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
    KeyMoves keys = new KeyMoves(pk);
    long[] count = {0};
    RowChange change =
        new PredicateChange(where, table) {
          @Override
          public Object[] apply(Object[] row) {
            Object[] out = coercer.coerce(update.apply(row.clone(), table), ++count[0]);
            if (pkPos.length > 0) {
              ValueKey after = ValueKey.of(out, pkPos);
              if (!keys.move(ValueKey.of(row, pkPos), after)) {
                throw new ConstraintViolationException(
                    "the update gives two rows the primary key " + KeyChecks.describe(pk, after));
              }
            }
            return out;
          }
        };
    RowRewriter rewriter = new RowRewriter();
    DataFileWriter writer = new DataFileWriter(ctx, txn, table, meta.partitionColumns());
    rewriter.run(ctx, meta, change, writer);
    // A moved key may land on a row the update did not touch, or on another row's old key that
    // the same update vacates (allowed).
    keys.requireFree(ctx, meta);
    return rewriter.planned("UPDATE", 0, writer).parameter("predicate", where.toString());
  }
}
