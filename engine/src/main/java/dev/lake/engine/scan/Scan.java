package dev.lake.engine.scan;

import java.io.Closeable;
import java.util.Iterator;

/** A planned read of one snapshot: the selected columns of the rows matching a predicate. */
public interface Scan {
  /** The rows, batch by batch. Close the iterator (or exhaust it) to release files. */
  BatchIterator batches();

  /** What the scan has done so far (complete after the iterator is exhausted or closed). */
  ScanMetrics metrics();

  /** An iterator of batches that must be closed. */
  interface BatchIterator extends Iterator<RowBatch>, Closeable {
    @Override
    void close();
  }
}
