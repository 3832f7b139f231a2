package dev.lake.engine.txn;

import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import io.delta.kernel.Transaction;

/**
 * A write, expressed as a function of the snapshot it starts from. The commit runner calls it
 * again on a newer snapshot when a concurrent commit got in first, so a plan must derive
 * everything it does from the snapshot it is given (never from an earlier attempt).
 */
@FunctionalInterface
public interface WritePlan {
  /**
   * Writes the data files for this write against {@code meta} and returns the actions to commit.
   */
  Planned plan(KernelContext ctx, TableMeta meta, Transaction txn);

  /**
   * True when the plan reads nothing of the table in {@code meta} (a blind append): Kernel may
   * then rebase its commit onto concurrent ones instead of the runner re-planning it.
   */
  default boolean isBlindAppend(TableMeta meta) {
    return false;
  }
}
