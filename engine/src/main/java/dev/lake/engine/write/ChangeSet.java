package dev.lake.engine.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Row changes stated as before/after images, applied as one commit by {@code Table.apply}: the
 * primitive behind SQL UPDATE/DELETE/MERGE over arbitrary queries and behind edits of a table's
 * CSV text. Each change names the row as it was read ({@code before}) and what it becomes
 * ({@code after}):
 *
 * <ul>
 *   <li>insert: before = null, after = the new row;
 *   <li>delete: before = the row, after = null;
 *   <li>update: both.
 * </ul>
 *
 * Rows are full rows in table column order. Existing rows are found by primary key when the
 * table has one (and must still equal {@code before}), otherwise by whole-row content, as a
 * multiset: two identical rows are two rows. A before-image that is no longer in the table —
 * another writer changed or deleted it — fails the whole set with a conflict.
 */
public final class ChangeSet {
  /** One change. */
  public record Change(Object[] before, Object[] after) {}

  private final List<Change> changes = new ArrayList<>();

  /** Adds a new row. */
  public ChangeSet insert(Object[] row) {
    changes.add(new Change(null, row.clone()));
    return this;
  }

  /** Removes a row as read. */
  public ChangeSet delete(Object[] before) {
    changes.add(new Change(before.clone(), null));
    return this;
  }

  /** Replaces a row as read with a new one. */
  public ChangeSet update(Object[] before, Object[] after) {
    changes.add(new Change(before.clone(), after.clone()));
    return this;
  }

  /** Appends every change of {@code other}, in order. */
  public ChangeSet addAll(ChangeSet other) {
    changes.addAll(other.changes);
    return this;
  }

  /** The changes in order. */
  public List<Change> changes() {
    return List.copyOf(changes);
  }

  /** Number of changes. */
  public int size() {
    return changes.size();
  }

  /** True when there is nothing to do. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
