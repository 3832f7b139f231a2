package dev.lake.engine.csv;

import dev.lake.engine.Snapshot;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import java.io.OutputStream;

/**
 * Renders a table version as CSV (header first), the exact text the mount shows and import
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
    Scan scan = snapshot.scan().build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          writer.writeRow(b.row(r));
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
