package dev.lake.engine.write;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of keyed row changes applied as one commit by {@code Table.merge}. Rows are full rows
 * in table column order; for DELETE only the key values matter (other values may be null).
 * Within a batch each key may appear once.
 */
public final class MergeBatch {
  /** What to do with one row of the batch. */
  public enum Action {
    /** Replace the row with this key, or insert it if there is none. */
    UPSERT,
    /** Insert; fails if the key exists. */
    INSERT,
    /** Replace the row with this key; fails if there is none. */
    UPDATE,
    /** Delete the row with this key; fails if there is none. */
    DELETE,
    /** Insert unless a row with this key exists (then leave that row as it is). */
    INSERT_IF_ABSENT
  }

  /** One row of the batch. */
  public record Change(Action action, Object[] row) {}

  private final List<String> keyColumns;
  private final List<Change> changes = new ArrayList<>();

  private MergeBatch(List<String> keyColumns) {
    this.keyColumns = List.copyOf(keyColumns);
  }

  /** A batch matched on the table's primary key. */
  public static MergeBatch onPrimaryKey() {
    return new MergeBatch(List.of());
  }

  /** A batch matched on these columns (for tables without a primary key, or equal to it). */
  public static MergeBatch on(String... keyColumns) {
    return new MergeBatch(List.of(keyColumns));
  }

  /** Key columns named for this batch; empty means the table's primary key. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The changes in order. */
  public List<Change> changes() {
    return changes;
  }

  public MergeBatch add(Action action, Object... row) {
    changes.add(new Change(action, row.clone()));
    return this;
  }

  public MergeBatch upsert(Object... row) {
    return add(Action.UPSERT, row);
  }

  public MergeBatch insert(Object... row) {
    return add(Action.INSERT, row);
  }

  public MergeBatch update(Object... row) {
    return add(Action.UPDATE, row);
  }

  public MergeBatch insertIfAbsent(Object... row) {
    return add(Action.INSERT_IF_ABSENT, row);
  }

  public MergeBatch delete(Object... row) {
    return add(Action.DELETE, row);
  }

  /** Number of changes. */
  public int size() {
    return changes.size();
  }
}
