package dev.lake.engine.maintenance;

import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.ScanFile;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The live rows (deletion vectors applied) of some files, in file order, pulled one at a time as
 * values in the scanner's column order: lets the Parquet writer stream a bin of files into new
 * ones without holding them in memory. Each file is closed when its rows are exhausted.
 */
final class LiveRows implements Iterator<Object[]> {
  private final FileScanner scanner;
  private final Iterator<ScanFile> files;
  private CloseableIterator<FilteredColumnarBatch> batches;
  private ColumnarBatch data;
  private Optional<ColumnVector> live = Optional.empty();
  private int row;
  private Object[] next;

  LiveRows(FileScanner scanner, List<ScanFile> files) {
    this.scanner = scanner;
    this.files = files.iterator();
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (data != null && row < data.getSize()) {
        int r = row++;
        if (live.isEmpty() || (!live.get().isNullAt(r) && live.get().getBoolean(r))) {
          next = scanner.values(data, r);
        }
      } else if (batches != null && batches.hasNext()) {
        FilteredColumnarBatch fb = batches.next();
        data = fb.getData();
        live = fb.getSelectionVector();
        row = 0;
      } else if (files.hasNext()) {
        closeFile();
        batches = scanner.read(files.next());
        data = null;
      } else {
        closeFile();
        return false;
      }
    }
    return true;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object[] out = next;
    next = null;
    return out;
  }

  private void closeFile() {
    if (batches != null) {
      try {
        batches.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      batches = null;
    }
  }
}
