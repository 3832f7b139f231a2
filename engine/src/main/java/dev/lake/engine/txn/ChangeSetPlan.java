package dev.lake.engine.txn;

import dev.lake.engine.error.ConflictException;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.SkippingPredicates;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.write.ChangeSet;
import io.delta.kernel.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Applies a {@link ChangeSet}: finds each before-image in the table (by primary key, or by whole
 * row content as a multiset), replaces or removes it, adds the inserts, all in one commit. A
 * before-image that is not in the snapshot means another writer changed that row: the set fails
 * with a {@link ConflictException} and nothing is committed. Changes to different rows than a
 * concurrent writer's apply on top of its commit (the runner re-plans on the newer snapshot).
 */
public final class ChangeSetPlan implements WritePlan {
  private final ChangeSet changes;
  private final String operation;

  public ChangeSetPlan(ChangeSet changes, String operation) {
    this.changes = changes;
    this.operation = operation;
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    Schema table = meta.schema();
    RowCoercer coercer = new RowCoercer(table);
    List<String> pk = meta.primaryKey();
    int[] pkPos = meta.primaryKeyPositions();
    boolean byKey = pkPos.length > 0;
    int[] all = new int[table.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] matchPos = byKey ? pkPos : all;

    // Pending changes per matched identity, in order (content mode allows duplicates).
    Map<ValueKey, ArrayDeque<Object[][]>> pending = new HashMap<>();
    List<Object[]> inserts = new ArrayList<>();
    KeyMoves keys = new KeyMoves(pk);
    int n = 0;
    for (ChangeSet.Change c : changes.changes()) {
      n++;
      Object[] before = c.before() == null ? null : coercer.coerce(c.before(), n);
      Object[] after = c.after() == null ? null : coercer.coerce(c.after(), n);
      if (before == null) {
        inserts.add(after);
      } else {
        pending.computeIfAbsent(ValueKey.of(before, matchPos), k -> new ArrayDeque<>()).add(new Object[][] {before, after});
      }
      if (byKey) {
        ValueKey oldKey = before == null ? null : ValueKey.of(before, pkPos);
        ValueKey newKey = after == null ? null : ValueKey.of(after, pkPos);
        if (newKey != null) {
          KeyChecks.requireNonNull(pk, newKey, "change " + n);
        }
        if (!keys.move(oldKey, newKey)) {
          throw new ConstraintViolationException(
              "change " + n + " gives a second row the primary key " + KeyChecks.describe(pk, newKey));
        }
      }
    }
    // A key may be reused only if this same set vacates it.
    keys.requireFree(ctx, meta);

    RowRewriter rewriter = new RowRewriter();
    DataFileWriter writer = new DataFileWriter(ctx, txn, table, meta.partitionColumns());
    if (!pending.isEmpty()) {
      List<String> matchColumns = new ArrayList<>();
      for (int p : matchPos) {
        matchColumns.add(table.field(p).name());
      }
      Schema matchSchema = table.project(matchColumns);
      Optional<io.delta.kernel.expressions.Predicate> skipping = skipping(table, matchSchema, pending.keySet());
      rewriter.run(
          ctx,
          meta,
          new RowChange() {
            @Override
            public List<String> matchColumns() {
              return matchColumns;
            }

            @Override
            public Optional<io.delta.kernel.expressions.Predicate> skipping(Schema t) {
              return skipping;
            }

            @Override
            public boolean affects(IntFunction<Object> values) {
              Object[] v = new Object[matchColumns.size()];
              for (int i = 0; i < v.length; i++) {
                v[i] = values.apply(i);
              }
              ArrayDeque<Object[][]> q = pending.get(ValueKey.of(v));
              return q != null && !q.isEmpty();
            }

            @Override
            public Object[] apply(Object[] row) {
              ArrayDeque<Object[][]> q = pending.get(ValueKey.of(row, matchPos));
              if (q == null || q.isEmpty()) {
                return row; // its changes were used up by identical rows earlier in the file
              }
              Object[][] change = q.peekFirst();
              if (byKey && !ValueKey.of(change[0], all).equals(ValueKey.of(row, all))) {
                throw new ConflictException(
                    "the row with primary key " + KeyChecks.describe(pk, ValueKey.of(row, pkPos))
                        + " was changed by another writer since it was read; nothing was committed");
              }
              q.pollFirst();
              return change[1];
            }
          },
          writer);
      for (Map.Entry<ValueKey, ArrayDeque<Object[][]>> e : pending.entrySet()) {
        if (!e.getValue().isEmpty()) {
          throw new ConflictException(
              (byKey ? "the row with primary key " + KeyChecks.describe(pk, e.getKey()) : "a row " + e.getKey())
                  + " that this change read is no longer in the table (another writer changed or deleted it);"
                  + " nothing was committed");
        }
      }
    }
    for (Object[] row : inserts) {
      writer.add(row);
    }
    return rewriter.planned(operation, inserts.size(), writer);
  }

  /** Files that may hold a before-image: by the first match column's values. */
  private static Optional<io.delta.kernel.expressions.Predicate> skipping(
      Schema table, Schema match, Set<ValueKey> keys) {
    List<Object> first = new ArrayList<>();
    for (ValueKey k : keys) {
      Object v = k.values()[0];
      if (v == null) {
        return Optional.empty();
      }
      first.add(v);
    }
    if (match.field(0).type().isNested()) {
      return Optional.empty();
    }
    return SkippingPredicates.of(Predicate.in(match.field(0).name(), first), table);
  }
}
