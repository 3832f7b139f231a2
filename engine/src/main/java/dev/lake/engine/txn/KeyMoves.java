package dev.lake.engine.txn;

import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.ValueKey;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The primary keys one change moves (an UPDATE, a change set): the keys rows leave and the keys
 * rows take. A key may be taken by one row only, and only if no other row of the table holds it
 * — unless this same change vacates it (two rows swapping keys is allowed).
 */
final class KeyMoves {
  private final List<String> keyColumns;
  private final Set<ValueKey> vacated = new HashSet<>();
  private final Set<ValueKey> taken = new LinkedHashSet<>();

  KeyMoves(List<String> keyColumns) {
    this.keyColumns = keyColumns;
  }

  /**
   * A row's key goes from {@code from} (null for an inserted row) to {@code to} (null for a
   * deleted row); nothing moves when they are equal.
   *
   * @return false when another row of this change already took {@code to}
   */
  boolean move(ValueKey from, ValueKey to) {
    if (from != null && !from.equals(to)) {
      vacated.add(from);
    }
    return to == null || to.equals(from) || taken.add(to);
  }

  /** Fails unless every key taken is free in the table or vacated by this change. */
  void requireFree(KernelContext ctx, TableMeta meta) {
    if (taken.isEmpty()) {
      return;
    }
    Set<ValueKey> collide = new LinkedHashSet<>(taken);
    collide.removeAll(vacated);
    KeyChecks.requireAbsent(ctx, meta, keyColumns, collide, vacated);
  }
}
