package dev.lake.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One commit of a table's history.
 *
 * @param version the table version
 * @param timestamp the commit time Delta uses for time travel
 * @param operation the operation name (WRITE, DELETE, UPDATE, MERGE, CREATE TABLE, ... or what
 *     another engine wrote)
 * @param parameters operation parameters (e.g. the predicate)
 * @param metrics operation metrics as recorded (lake writes numInsertedRows, numUpdatedRows,
 *     numDeletedRows)
 * @param engineInfo the writer's name and version, if recorded
 * @param filesAdded add actions in the commit
 * @param filesRemoved remove actions in the commit
 * @param rowsInAddedFiles rows in the added files per their stats (-1 if unknown)
 * @param rowsInRemovedFiles rows in the removed files per their stats (-1 if unknown)
 */
public record HistoryEntry(
    long version,
    Instant timestamp,
    String operation,
    Map<String, String> parameters,
    Map<String, String> metrics,
    String engineInfo,
    int filesAdded,
    int filesRemoved,
    long rowsInAddedFiles,
    long rowsInRemovedFiles) {

  /** Rows inserted: lake's metric, else rows in added files when the commit removed none. */
  public long rowsInserted() {
    return metric("numInsertedRows", "numOutputRows", filesRemoved == 0 ? rowsInAddedFiles : -1);
  }

  /** Rows updated per the commit's metrics, -1 if unknown. */
  public long rowsUpdated() {
    return metric("numUpdatedRows", "numTargetRowsUpdated", filesRemoved == 0 ? 0 : -1);
  }

  /** Rows deleted per the commit's metrics, -1 if unknown. */
  public long rowsDeleted() {
    return metric("numDeletedRows", "numTargetRowsDeleted", filesRemoved == 0 ? 0 : -1);
  }

  private long metric(String lakeName, String deltaName, long fallback) {
    String v = metrics.getOrDefault(lakeName, metrics.get(deltaName));
    if (v != null) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
