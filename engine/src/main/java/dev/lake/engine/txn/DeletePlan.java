package dev.lake.engine.txn;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Transaction;
import java.util.List;

/** DELETE of the rows where a predicate holds: copy-on-write of the files that hold them. */
public final class DeletePlan implements WritePlan {
  private final Predicate where;
  private final String operation;

  /** @param operation DELETE, or TRUNCATE for deleting everything */
  public DeletePlan(Predicate where, String operation) {
    this.where = where;
    this.operation = operation;
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    Schema table = meta.schema();
    if (where instanceof Predicate.Constant c && !c.value()) {
      return new Planned(operation, List.of(), 0, 0, 0, 0, 0, List.of());
    }
    RowChange change =
        new PredicateChange(where, table) {
          @Override
          public Object[] apply(Object[] row) {
            return null;
          }

          @Override
          public boolean deletesEverything() {
            return matchesEverything();
          }
        };
    RowRewriter rewriter = new RowRewriter();
    DataFileWriter writer = new DataFileWriter(ctx, txn, table, meta.partitionColumns());
    rewriter.run(ctx, meta, change, writer);
    return rewriter.planned(operation, 0, writer).parameter("predicate", where.toString());
  }
}
