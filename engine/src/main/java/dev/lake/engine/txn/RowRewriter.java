package dev.lake.engine.txn;

import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelValues;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.Schema;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    try (CloseableIterator<FilteredColumnarBatch> it = scanner.read(f)) {
      while (it.hasNext()) {
        FilteredColumnarBatch fb = it.next();
        ColumnarBatch data = fb.getData();
        Optional<ColumnVector> live = fb.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
          if (!isLive(live, r)) {
            continue;
          }
          final int row = r;
          if (change.affects(c -> KernelValues.get(data.getColumnVector(c), row, match.field(c).type()))) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rewrite(FileScanner scanner, ScanFile f, Schema table, RowChange change, DataFileWriter writer) {
    int[] matchPositions = change.matchColumns().stream().mapToInt(table::require).toArray();
    try (CloseableIterator<FilteredColumnarBatch> it = scanner.read(f)) {
      while (it.hasNext()) {
        FilteredColumnarBatch fb = it.next();
        ColumnarBatch data = fb.getData();
        Optional<ColumnVector> live = fb.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
          if (!isLive(live, r)) {
            continue;
          }
          Object[] row = new Object[table.size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = KernelValues.get(data.getColumnVector(c), r, table.field(c).type());
          }
          if (!change.affects(i -> row[matchPositions[i]])) {
            writer.add(row);
            continue;
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
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long liveRows(FileScanner scanner, ScanFile f) {
    Optional<Long> n = f.numRecords();
    if (n.isPresent() && !f.hasDeletionVector()) {
      return n.get();
    }
    long count = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = scanner.read(f)) {
      while (it.hasNext()) {
        FilteredColumnarBatch fb = it.next();
        for (int r = 0; r < fb.getData().getSize(); r++) {
          if (isLive(fb.getSelectionVector(), r)) {
            count++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  static boolean isLive(Optional<ColumnVector> selection, int r) {
    return selection.isEmpty() || (!selection.get().isNullAt(r) && selection.get().getBoolean(r));
  }
}
