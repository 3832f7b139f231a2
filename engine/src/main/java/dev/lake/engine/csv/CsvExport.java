package dev.lake.engine.csv;

import dev.lake.engine.Snapshot;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.scan.Scan;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a table version as CSV (header first), rows in the order their data files were
 * written — the text the mount shows for a table it sees for the first time, and that import
 * reads back: exporting, then importing or writing the same bytes back, changes nothing.
 */
public final class CsvExport {
  private CsvExport() {}

  /**
   * Writes the whole snapshot to {@code out} (UTF-8), streaming batch by batch straight from the
   * scan's columns (as the mount renders a table). The stream is flushed, not closed.
   *
   * @return the number of rows written
   */
  public static long write(Snapshot snapshot, OutputStream out) {
    CsvBatchWriter writer = new CsvBatchWriter(out, snapshot.schema());
    writer.writeHeader();
    // Rows in the order their files were written (as the mount shows them): a table reads back
    // in the order it was loaded and appended to.
    List<DataFile> files = new ArrayList<>(snapshot.dataFiles());
    files.sort(Comparator.comparingLong(DataFile::modificationTime).thenComparing(DataFile::id));
    for (DataFile f : files) {
      try (Scan.BatchIterator it = snapshot.readFile(f)) {
        while (it.hasNext()) {
          writer.writeBatch(it.next());
        }
      }
    }
    writer.flush(); // not close: the caller's stream (e.g. stdout) stays open
    return writer.rowsWritten();
  }
}
