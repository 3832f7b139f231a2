package dev.lake.engine.txn;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.write.MergeBatch;
import io.delta.kernel.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * MERGE of a keyed batch: upserts, inserts, updates and deletes by key, as one commit. Files
 * holding none of the batch's keys (by stats, then by a read of the key columns) are untouched.
 */
public final class MergePlan implements WritePlan {
  private final MergeBatch batch;

  public MergePlan(MergeBatch batch) {
    this.batch = batch;
  }

  /** One batch row, with whether it met an existing row in this attempt. */
  private static final class Entry {
    final MergeBatch.Action action;
    final Object[] row;
    final int number;
    boolean matched;

    Entry(MergeBatch.Action action, Object[] row, int number) {
      this.action = action;
      this.row = row;
      this.number = number;
    }
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    Schema table = meta.schema();
    List<String> keys = keyColumns(meta);
    int[] keyPos = keys.stream().mapToInt(table::require).toArray();
    RowCoercer coercer = new RowCoercer(table);
    Map<ValueKey, Entry> index = new LinkedHashMap<>();
    int n = 0;
    for (MergeBatch.Change c : batch.changes()) {
      n++;
      Object[] row = c.action() == MergeBatch.Action.DELETE ? keyOnly(c.row(), keyPos, table, n) : coercer.coerce(c.row(), n);
      ValueKey k = ValueKey.of(row, keyPos);
      KeyChecks.requireNonNull(keys, k, "merge row " + n);
      Entry prev = index.putIfAbsent(k, new Entry(c.action(), row, n));
      if (prev != null) {
        throw new ConstraintViolationException(
            "merge rows " + prev.number + " and " + n + " have the same key " + KeyChecks.describe(keys, k)
                + "; a merge batch may change each key once");
      }
    }
    // Keys to insert only if absent: look them up, and leave the files that hold them alone.
    Set<ValueKey> ifAbsent = new HashSet<>();
    index.forEach((k, e) -> {
      if (e.action == MergeBatch.Action.INSERT_IF_ABSENT) {
        ifAbsent.add(k);
      }
    });
    Set<ValueKey> present = KeyChecks.existing(ctx, meta, keys, ifAbsent);
    List<Object[]> absentInserts = new ArrayList<>();
    for (ValueKey k : ifAbsent) {
      Entry e = index.remove(k);
      if (!present.contains(k)) {
        absentInserts.add(e.row);
      }
    }
    RowChange change =
        new RowChange() {
          @Override
          public List<String> matchColumns() {
            return keys;
          }

          @Override
          public Optional<io.delta.kernel.expressions.Predicate> skipping(Schema t) {
            return KeyChecks.skipping(t, keys, index.keySet());
          }

          @Override
          public boolean affects(IntFunction<Object> values) {
            Object[] v = new Object[keys.size()];
            for (int i = 0; i < v.length; i++) {
              v[i] = values.apply(i);
            }
            return index.containsKey(ValueKey.of(v));
          }

          @Override
          public Object[] apply(Object[] row) {
            Entry e = index.get(ValueKey.of(row, keyPos));
            e.matched = true;
            switch (e.action) {
              case DELETE:
                return null;
              case INSERT:
                throw new ConstraintViolationException(
                    "merge row " + e.number + " inserts key " + KeyChecks.describe(keys, ValueKey.of(row, keyPos))
                        + ", which already exists");
              default:
                return e.row;
            }
          }
        };
    RowRewriter rewriter = new RowRewriter();
    DataFileWriter writer = new DataFileWriter(ctx, txn, table, meta.partitionColumns());
    if (!index.isEmpty()) {
      rewriter.run(ctx, meta, change, writer);
    }
    long inserted = absentInserts.size();
    absentInserts.forEach(writer::add);
    for (Map.Entry<ValueKey, Entry> me : index.entrySet()) {
      Entry e = me.getValue();
      if (e.matched) {
        continue;
      }
      if (e.action == MergeBatch.Action.UPSERT || e.action == MergeBatch.Action.INSERT) {
        writer.add(e.row);
        inserted++;
      } else {
        throw new ConstraintViolationException(
            "merge row " + e.number + " " + e.action.name().toLowerCase(Locale.ROOT) + "s key "
                + KeyChecks.describe(keys, me.getKey()) + ", which does not exist");
      }
    }
    return rewriter.planned("MERGE", inserted, writer).parameter("keys", String.join(",", keys));
  }

  private List<String> keyColumns(TableMeta meta) {
    List<String> pk = meta.primaryKey();
    List<String> named = batch.keyColumns();
    if (named.isEmpty()) {
      if (pk.isEmpty()) {
        throw new InvalidInputException("merge needs key columns: the table has no primary key, so name the columns to match on");
      }
      return pk;
    }
    if (!pk.isEmpty() && !sameColumns(pk, named)) {
      throw new InvalidInputException("merge keys " + named + " differ from the table's primary key " + pk);
    }
    for (String k : named) {
      meta.schema().require(k);
    }
    return named;
  }

  private static boolean sameColumns(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Object[] keyOnly(Object[] row, int[] keyPos, Schema table, int number) {
    if (row.length != table.size()) {
      throw new InvalidInputException(
          "merge row " + number + " has " + row.length + " values; the table has " + table.size() + " columns");
    }
    Object[] out = new Object[row.length];
    for (int p : keyPos) {
      try {
        out[p] = dev.lake.engine.types.Values.coerce(table.field(p).type(), row[p]);
      } catch (dev.lake.engine.error.SchemaException e) {
        throw new dev.lake.engine.error.SchemaException(
            "merge row " + number + ", column '" + table.field(p).name() + "': " + e.getMessage(), e);
      }
    }
    return out;
  }
}
