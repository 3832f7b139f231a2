package dev.lake.engine.txn;

import io.delta.kernel.data.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of planning a write against one snapshot: the actions to commit (data files are
 * already written) and what they amount to.
 */
public final class Planned {
  final String operation;
  final List<Row> actions;
  final long inserted;
  final long updated;
  final long deleted;
  final int filesAdded;
  final int filesRemoved;
  final List<String> writtenPaths;
  final Map<String, String> parameters = new LinkedHashMap<>();
  /**
   * Set for commits that change the table's metadata behind Kernel's back: Kernel's checksum and
   * checkpoint hooks would write the metadata it believes in, which is the old one.
   */
  boolean skipPostCommitHooks;

  Planned(
      String operation,
      List<Row> actions,
      long inserted,
      long updated,
      long deleted,
      int filesAdded,
      int filesRemoved,
      List<String> writtenPaths) {
    this.operation = operation;
    this.actions = actions;
    this.inserted = inserted;
    this.updated = updated;
    this.deleted = deleted;
    this.filesAdded = filesAdded;
    this.filesRemoved = filesRemoved;
    this.writtenPaths = writtenPaths;
  }

  /** Adds an operation parameter recorded in the commit (e.g. the predicate). */
  Planned parameter(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  boolean isEmpty() {
    return actions.isEmpty();
  }
}
