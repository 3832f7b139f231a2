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
  /** Operation metrics beyond the row and file counts every commit records. */
  final Map<String, String> metrics = new LinkedHashMap<>();
  /**
   * False for a rearrangement of rows that changes no data (OPTIMIZE): its actions carry
   * {@code dataChange = false}, it records no row counts, and the feature checks are those of a
   * compaction (see {@link dev.lake.engine.kernel.WriteFeatureGuard#checkCompaction}).
   */
  boolean dataChange = true;
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

  /**
   * A commit that only rearranges rows into other files (compaction, clustering): removes and
   * adds, all with {@code dataChange = false}, and no row counts.
   *
   * @param writtenPaths data files written for it, deleted again if the commit fails
   */
  public static Planned rearrangement(
      String operation, List<Row> actions, int filesAdded, int filesRemoved, List<String> writtenPaths) {
    Planned p = new Planned(operation, actions, 0, 0, 0, filesAdded, filesRemoved, writtenPaths);
    p.dataChange = false;
    return p;
  }

  /** Adds an operation metric recorded in the commit's {@code operationMetrics}. */
  public Planned metric(String key, long value) {
    metrics.put(key, Long.toString(value));
    return this;
  }

  /** Adds an operation parameter recorded in the commit (e.g. the predicate). */
  public Planned parameter(String key, String value) {
    parameters.put(key, value);
    return this;
  }

  boolean isEmpty() {
    return actions.isEmpty();
  }
}
