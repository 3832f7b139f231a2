package dev.lake.engine.txn;

import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelValues;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.Schema;
import io.delta.kernel.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copy-on-write execution of a {@link RowChange}: finds the files that hold affected rows (stats
 * first, then a narrow read of the match columns), rewrites only those files with the change
 * applied, and returns the remove actions for them. The new files go to the given writer, so the
 * caller commits removes and adds together.
 */
final class RowRewriter {
  long updated;
  long deleted;
  final List<Row> removes = new ArrayList<>();

  /**
   * The commit of what {@link #run} did and {@code writer} holds (after the caller's own rows,
   * {@code inserted} of them): the removes, then the adds of every file written.
   */
  Planned planned(String operation, long inserted, DataFileWriter writer) {
    List<Row> adds = writer.finish();
    List<Row> actions = new ArrayList<>(removes);
    actions.addAll(adds);
    return new Planned(operation, actions, inserted, updated, deleted, adds.size(), removes.size(), writer.writtenPaths());
  }

  /** Applies {@code change} to the table in {@code meta}, writing survivors to {@code writer}. */
  void run(KernelContext ctx, TableMeta meta, RowChange change, DataFileWriter writer) {
    Schema table = meta.schema();
    Schema match = table.project(change.matchColumns());
    FileScanner narrow = new FileScanner(ctx, meta.kernel(), match, change.skipping(table));
    List<ScanFile> candidates = narrow.files();
    if (change.deletesEverything()) {
      for (ScanFile f : candidates) {
        removes.add(f.removeAction());
        deleted += liveRows(narrow, f);
      }
      return;
    }
    FileScanner full = new FileScanner(ctx, meta.kernel(), table, Optional.empty());
    for (ScanFile f : candidates) {
      if (!anyAffected(narrow, f, match, change)) {
        continue;
      }
      removes.add(f.removeAction());
      rewrite(full, f, table, change, writer);
    }
  }

  private static boolean anyAffected(FileScanner scanner, ScanFile f, Schema match, RowChange change) {
    boolean[] found = {false};
    scanner.forEachLiveRow(
        f,
        (data, row) -> {
          found[0] = change.affects(c -> KernelValues.get(data.getColumnVector(c), row, match.field(c).type()));
          return !found[0];
        });
    return found[0];
  }

  private void rewrite(FileScanner scanner, ScanFile f, Schema table, RowChange change, DataFileWriter writer) {
    int[] matchPositions = change.matchColumns().stream().mapToInt(table::require).toArray();
    scanner.forEachLiveRow(
        f,
        (data, r) -> {
          Object[] row = scanner.values(data, r);
          if (!change.affects(i -> row[matchPositions[i]])) {
            writer.add(row);
            return true;
          }
          Object[] out = change.apply(row);
          if (out == null) {
            deleted++;
          } else {
            if (out != row) {
              updated++;
            }
            writer.add(out);
          }
          return true;
        });
  }

  private static long liveRows(FileScanner scanner, ScanFile f) {
    Optional<Long> n = f.numRecords();
    if (n.isPresent() && !f.hasDeletionVector()) {
      return n.get();
    }
    long[] count = {0};
    scanner.forEachLiveRow(f, (data, row) -> ++count[0] > 0);
    return count[0];
  }
}
