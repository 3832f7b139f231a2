package dev.lake.jdbc.dml;

import dev.lake.engine.CommitResult;
import dev.lake.engine.Lake;
import dev.lake.engine.write.ChangeSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Open transactions of connections with auto-commit off. Each buffers, per table, the changes
 * its statements made; {@code commit()} applies each table's changes as one Delta commit (in
 * the order the tables were first written), {@code rollback()} drops them. Statements inside a
 * transaction read committed data, not the transaction's own pending changes. A commit across
 * several tables is one commit per table, not atomic across them.
 */
public final class Transactions {
  private static final Map<Object, Transaction> OPEN = new WeakHashMap<>();
  private static final Map<Object, Boolean> IN_BATCH = new WeakHashMap<>();

  private Transactions() {}

  /** The pending changes of one connection. */
  static final class Transaction {
    final Lake lake;
    final Map<String, ChangeSet> byTable = new LinkedHashMap<>();

    Transaction(Lake lake) {
      this.lake = lake;
    }
  }

  /** Adds changes to the open transaction of {@code connection}. */
  static synchronized void buffer(Object connection, Lake lake, String table, ChangeSet changes) {
    OPEN.computeIfAbsent(connection, c -> new Transaction(lake))
        .byTable
        .computeIfAbsent(table, t -> new ChangeSet())
        .addAll(changes);
  }

  /** Starts buffering a JDBC batch of an auto-commit connection, to commit it as one. */
  public static synchronized void beginBatch(Object connection) {
    IN_BATCH.put(connection, Boolean.TRUE);
  }

  /** Ends a batch started by {@link #beginBatch}. */
  public static synchronized void endBatch(Object connection) {
    IN_BATCH.remove(connection);
  }

  /** True when writes of this connection are buffered (auto-commit off, or inside a batch). */
  static synchronized boolean isBuffering(Object connection, boolean autoCommit) {
    return !autoCommit || IN_BATCH.containsKey(connection);
  }

  /** True when the connection has uncommitted changes. */
  public static synchronized boolean hasPending(Object connection) {
    Transaction t = OPEN.get(connection);
    return t != null && !t.byTable.isEmpty();
  }

  /**
   * Commits the connection's pending changes: one Delta commit per table. The transaction ends
   * whether or not this succeeds; an exception names the table that failed (earlier tables
   * stay committed).
   */
  public static void commit(Object connection) {
    Transaction t;
    synchronized (Transactions.class) {
      t = OPEN.remove(connection);
    }
    if (t == null) {
      return;
    }
    for (Map.Entry<String, ChangeSet> e : t.byTable.entrySet()) {
      CommitResult unused = t.lake.table(e.getKey()).apply(e.getValue(), "WRITE");
    }
  }

  /** Drops the connection's pending changes. */
  public static synchronized void discard(Object connection) {
    OPEN.remove(connection);
  }
}
