package dev.lake.jdbc.exec;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.jdbc.plan.AsOf;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;

/**
 * The versions one execution of a statement reads: each (table, AS OF) resolves to a snapshot
 * once per execution, so a self-join, a sub-query or the inner side of a nested-loop join all
 * read the same version even when another writer commits meanwhile. The next execution of a
 * prepared statement resolves afresh and sees newer commits.
 *
 * <p>Calcite creates one {@link DataContext} per execution and hands it to every scan of that
 * execution, so it is the key; weak, because nothing tells lake when an execution ends.
 */
final class StatementSnapshots {
  private static final Map<DataContext, Map<String, Snapshot>> BY_EXECUTION =
      Collections.synchronizedMap(new WeakHashMap<>());

  private StatementSnapshots() {}

  /** The snapshot of {@code table} this execution reads for {@code asOf}. */
  static Snapshot resolve(DataContext execution, Table table, AsOf asOf) {
    Map<String, Snapshot> snapshots = BY_EXECUTION.computeIfAbsent(execution, k -> new HashMap<>());
    String key = table.name() + '\u0000' + asOf;
    synchronized (snapshots) {
      Snapshot s = snapshots.get(key);
      if (s == null) {
        s = open(table, asOf);
        snapshots.put(key, s);
      }
      return s;
    }
  }

  private static Snapshot open(Table table, AsOf asOf) {
    if (asOf.version() >= 0) {
      return table.snapshotAt(asOf.version());
    }
    if (asOf.timestamp() != null) {
      return table.snapshotAsOf(Instant.ofEpochMilli(asOf.timestamp()));
    }
    return table.snapshot();
  }
}
