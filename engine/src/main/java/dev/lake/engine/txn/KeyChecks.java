package dev.lake.engine.txn;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.SkippingPredicates;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Primary-key checks: keys of a batch are unique and non-null, and absent from the table. */
final class KeyChecks {
  private KeyChecks() {}

  /** Describes a key for messages: {@code (id, region)=(5, 'eu')}. */
  static String describe(List<String> columns, ValueKey key) {
    return key.describe(columns);
  }

  /** Throws if a key column of the row is NULL. */
  static void requireNonNull(List<String> columns, ValueKey key, String where) {
    if (key.hasNull()) {
      throw new ConstraintViolationException(where + ": primary key " + String.join(", ", columns) + " cannot be NULL");
    }
  }

  /** A predicate that matches (at least) the rows holding any of the keys, for file skipping. */
  static Optional<io.delta.kernel.expressions.Predicate> skipping(
      Schema table, List<String> keyColumns, Collection<ValueKey> keys) {
    List<Object> first = new ArrayList<>(keys.size());
    for (ValueKey k : keys) {
      first.add(k.values()[0]);
    }
    return first.isEmpty() ? Optional.empty() : SkippingPredicates.of(Predicate.in(keyColumns.get(0), first), table);
  }

  /**
   * Throws if the table holds any of {@code keys}, except keys in {@code vacated} (rows that this
   * same commit moves to another key).
   */
  static void requireAbsent(
      KernelContext ctx, TableMeta meta, List<String> keyColumns, Set<ValueKey> keys, Set<ValueKey> vacated) {
    requireAbsent(ctx, meta, keyColumns, keys, vacated, java.util.Map.of());
  }

  /** As above; {@code rowNumbers} (key to 1-based row of the batch) lets the error name the row. */
  static void requireAbsent(
      KernelContext ctx,
      TableMeta meta,
      List<String> keyColumns,
      Set<ValueKey> keys,
      Set<ValueKey> vacated,
      java.util.Map<ValueKey, Integer> rowNumbers) {
    for (ValueKey k : existing(ctx, meta, keyColumns, keys)) {
      if (!vacated.contains(k)) {
        Integer row = rowNumbers.get(k);
        throw new ConstraintViolationException(
            (row == null ? "" : "row " + row + ": ") + "duplicate primary key " + describe(keyColumns, k)
                + ": the table already has a row with this key");
      }
    }
  }

  /** Which of {@code keys} the table holds (reading only key columns of files that may hold them). */
  static Set<ValueKey> existing(KernelContext ctx, TableMeta meta, List<String> keyColumns, Set<ValueKey> keys) {
    Set<ValueKey> found = new java.util.HashSet<>();
    if (keys.isEmpty()) {
      return found;
    }
    Schema keySchema = meta.schema().project(keyColumns);
    FileScanner scanner = new FileScanner(ctx, meta.kernel(), keySchema, skipping(meta.schema(), keyColumns, keys));
    for (ScanFile f : scanner.files()) {
      scanner.forEachLiveRow(
          f,
          (data, row) -> {
            ValueKey k = ValueKey.of(scanner.values(data, row));
            if (keys.contains(k)) {
              found.add(k);
            }
            return true;
          });
    }
    return found;
  }
}
