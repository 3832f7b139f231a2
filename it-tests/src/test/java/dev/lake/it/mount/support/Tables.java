package dev.lake.it.mount.support;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.support.LakeRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading tables back through the engine: rows, rendered CSV, versions, history. */
public final class Tables {
  private Tables() {}

  /** Creates a table from a column list (DDL syntax) with an optional key and inserts rows in one commit. */
  public static void create(Lake lake, String name, String columns, List<Object[]> rows, String... key) {
    TableDefinition def = TableDefinition.of(TypeParser.parseColumns(columns));
    if (key.length > 0) {
      def = def.withPrimaryKey(key);
    }
    dev.lake.engine.Table t = lake.createTable(name, def);
    if (!rows.isEmpty()) {
      t.insert(rows);
    }
  }

  /** Every row of the latest version, in canonical form, sorted by text. */
  public static List<List<Object>> rows(Lake lake, String table) {
    return LakeRows.all(lake.table(table).snapshot());
  }

  /** Every row of a version, in canonical form, sorted by text. */
  public static List<List<Object>> rowsAt(Lake lake, String table, long version) {
    return LakeRows.all(lake.table(table).snapshotAt(version));
  }

  /** The latest version. */
  public static long version(Lake lake, String table) {
    return lake.table(table).latestVersion();
  }

  /** The CSV the engine renders for a snapshot (what the mount must show byte for byte). */
  public static byte[] csv(Snapshot s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.write(s, out);
    return out.toByteArray();
  }

  /** The CSV of the latest version as text. */
  public static String csvText(Lake lake, String table) {
    return new String(csv(lake.table(table).snapshot()), StandardCharsets.UTF_8);
  }

  /** The last commit of a table. */
  public static HistoryEntry lastCommit(Lake lake, String table) {
    List<HistoryEntry> h = lake.table(table).history();
    return h.stream().max(java.util.Comparator.comparingLong(HistoryEntry::version)).orElseThrow();
  }

  /** "inserted/updated/deleted" of the last commit, for compact assertions. */
  public static String lastCounts(Lake lake, String table) {
    HistoryEntry e = lastCommit(lake, table);
    return "inserted=" + e.rowsInserted() + " updated=" + e.rowsUpdated() + " deleted=" + e.rowsDeleted();
  }

  /** A row as a canonical list (for expected values). */
  public static List<Object> row(Object... values) {
    return dev.lake.it.support.Canonical.row(values);
  }

  /** Canonical rows sorted like {@link #rows}. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    return dev.lake.it.support.Canonical.sorted(rows);
  }
}
