package dev.lake.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Buffers rows and commits them in batches, so a stream of small inserts costs few commits:
 * one commit per {@code autoFlushRows} rows, per explicit {@link #flush()}, and on {@link
 * #close()}. Not thread-safe. A failed flush keeps its rows buffered and commits nothing.
 */
public final class TableWriter implements AutoCloseable {
  /** Rows per automatic commit unless configured otherwise. */
  public static final int DEFAULT_AUTO_FLUSH_ROWS = 1000;

  private final Table table;
  private final int autoFlushRows;
  private final List<Object[]> buffer = new ArrayList<>();
  private final List<CommitResult> commits = new ArrayList<>();

  TableWriter(Table table, int autoFlushRows) {
    if (autoFlushRows < 1) {
      throw new IllegalArgumentException("autoFlushRows must be at least 1");
    }
    this.table = table;
    this.autoFlushRows = autoFlushRows;
  }

  /** Adds a row; commits when the buffer reaches the auto-flush size. */
  public void write(Object... row) {
    buffer.add(row.clone());
    if (buffer.size() >= autoFlushRows) {
      flush();
    }
  }

  /** Commits the buffered rows (if any) as one commit. */
  public CommitResult flush() {
    if (buffer.isEmpty()) {
      return null;
    }
    CommitResult r = table.insert(new ArrayList<>(buffer));
    buffer.clear();
    commits.add(r);
    return r;
  }

  /** Rows waiting for the next commit. */
  public int buffered() {
    return buffer.size();
  }

  /** The commits made so far. */
  public List<CommitResult> commits() {
    return List.copyOf(commits);
  }

  /** Flushes the remaining rows. */
  @Override
  public void close() {
    flush();
  }
}
