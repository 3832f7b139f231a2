package dev.lake.engine.kernel;

import dev.lake.engine.error.UnsupportedFeatureException;
import java.util.Map;

/**
 * Refuses writes whose commit would break a table feature another engine (Spark, Databricks)
 * enabled and that Kernel itself lets through. Kernel checks which features it can write at all
 * (it refuses CHECK constraints, generated and identity columns, ...); what it cannot know is
 * how lake rewrites rows: a DELETE, UPDATE or MERGE is a copy-on-write commit that removes files
 * and adds rewritten ones, and some features give such a commit obligations lake does not meet:
 *
 * <ul>
 *   <li>{@code delta.appendOnly}: no commit may remove data;
 *   <li>{@code delta.enableChangeDataFeed}: a commit that changes existing rows must carry change
 *       data files ({@code _change_data/}), or change readers see every rewritten row as deleted
 *       and re-inserted;
 *   <li>{@code delta.enableRowTracking}: rewritten rows must keep their row ids, which requires
 *       writing the materialized row-id columns.
 * </ul>
 *
 * Appends are unaffected by all three. Every refusal names the property and happens before
 * anything is committed.
 */
public final class WriteFeatureGuard {
  private WriteFeatureGuard() {}

  /**
   * Checks a commit that removes (rewrites) data files.
   *
   * @param operation the user's operation (DELETE, UPDATE, MERGE...), for the message
   */
  public static void checkRewrite(TableMeta meta, String tableName, String operation) {
    Map<String, String> props = meta.properties();
    if (isTrue(props, "delta.appendOnly")) {
      throw refuse(tableName, operation, "is append-only (delta.appendOnly = true, table feature appendOnly)",
          "it would remove rows");
    }
    if (isTrue(props, "delta.enableChangeDataFeed")) {
      throw refuse(tableName, operation, "has the change data feed enabled (delta.enableChangeDataFeed, table feature changeDataFeed)",
          "lake cannot write the change data files this needs yet");
    }
    if (isTrue(props, "delta.enableRowTracking")) {
      throw refuse(tableName, operation, "uses row tracking (delta.enableRowTracking, table feature rowTracking)",
          "lake cannot keep the row ids of rewritten rows yet");
    }
  }

  /**
   * Checks a compaction (OPTIMIZE): a commit that moves rows into new files with
   * {@code dataChange = false}. Append-only tables and the change data feed allow it, as in
   * Delta (no row changes, so no change data); row tracking does not, because the moved rows
   * would lose their row ids.
   */
  public static void checkCompaction(TableMeta meta, String tableName, String operation) {
    if (isTrue(meta.properties(), "delta.enableRowTracking")) {
      throw refuse(tableName, operation, "uses row tracking (delta.enableRowTracking, table feature rowTracking)",
          "lake cannot keep the row ids of rewritten rows yet");
    }
  }

  /**
   * Checks a schema change lake writes as a new {@code metaData} action of its own: under column
   * mapping every new column needs a column id and a physical name, which lake does not assign.
   */
  public static void checkSchemaChange(TableMeta meta, String tableName) {
    String mode = meta.properties().getOrDefault("delta.columnMapping.mode", "none");
    if (!mode.equalsIgnoreCase("none")) {
      throw new UnsupportedFeatureException("table " + tableName + " uses column mapping (delta.columnMapping.mode = "
          + mode + ", table feature columnMapping): lake cannot change its schema yet; nothing was committed");
    }
  }

  private static boolean isTrue(Map<String, String> props, String key) {
    return "true".equalsIgnoreCase(props.getOrDefault(key, "false").trim());
  }

  private static UnsupportedFeatureException refuse(String table, String operation, String what, String why) {
    return new UnsupportedFeatureException(
        "table " + table + " " + what + ": lake refuses " + operation + " because " + why + "; nothing was committed");
  }
}
