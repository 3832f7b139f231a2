package dev.lake.engine.csv;

import dev.lake.engine.Snapshot;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.scan.RowBatch;
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
   * Writes the whole snapshot to {@code out} (UTF-8), streaming batch by batch. The stream is
   * flushed, not closed.
   *
   * @return the number of rows written
   */
  public static long write(Snapshot snapshot, OutputStream out) {
    CsvRowWriter writer = CsvRowWriter.open(new NonClosingOutputStream(out), snapshot.schema());
    writer.writeHeader();
    // Rows in the order their files were written (as the mount shows them): a table reads back
    // in the order it was loaded and appended to.
    List<DataFile> files = new ArrayList<>(snapshot.dataFiles());
    files.sort(Comparator.comparingLong(DataFile::modificationTime).thenComparing(DataFile::id));
    for (DataFile f : files) {
      try (Scan.BatchIterator it = snapshot.readFile(f)) {
        while (it.hasNext()) {
          RowBatch b = it.next();
          for (int r = 0; r < b.size(); r++) {
            writer.writeRow(b.row(r));
          }
        }
      }
    }
    writer.close();
    return writer.rowsWritten();
  }

  /** Lets the writer close its encoder without closing the caller's stream (e.g. stdout). */
  private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      out.flush();
    }
  }
}
