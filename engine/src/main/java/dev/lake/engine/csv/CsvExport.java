package dev.lake.engine.csv;

import dev.lake.engine.Snapshot;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.Schema;
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
  /**
   * The order in which a table's rows are shown: data files in the order they were written (by
   * modification time, then id), so that a table reads back in the order it was loaded and
   * appended to.
   */
  public static final Comparator<DataFile> FILE_ORDER =
      Comparator.comparingLong(DataFile::modificationTime).thenComparing(DataFile::id);

  private CsvExport() {}

  /**
   * Writes the whole snapshot to {@code out} (UTF-8): the header, then every data file's rows in
   * {@link #FILE_ORDER}, streaming batch by batch. The stream is flushed, not closed.
   *
   * @return the number of rows written
   */
  public static long write(Snapshot snapshot, OutputStream out) {
    writeHeader(snapshot.schema(), out);
    List<DataFile> files = new ArrayList<>(snapshot.dataFiles());
    files.sort(FILE_ORDER);
    long rows = 0;
    for (DataFile f : files) {
      rows += writeRows(snapshot, f, out);
    }
    return rows;
  }

  /** Writes the header line of {@code schema} to {@code out} (flushed, not closed). */
  public static void writeHeader(Schema schema, OutputStream out) {
    CsvBatchWriter writer = new CsvBatchWriter(out, schema);
    writer.writeHeader();
    writer.flush();
  }

  /**
   * Writes the rows of one data file of {@code snapshot} (no header), straight from the scan's
   * columns to UTF-8 — how the mount renders a table, one file at a time. The stream is flushed,
   * not closed.
   *
   * @return the number of rows written
   */
  public static long writeRows(Snapshot snapshot, DataFile file, OutputStream out) {
    CsvBatchWriter writer = new CsvBatchWriter(out, snapshot.schema());
    try (Scan.BatchIterator it = snapshot.readFile(file)) {
      while (it.hasNext()) {
        writer.writeBatch(it.next());
      }
    }
    writer.flush();
    return writer.rowsWritten();
  }
}
