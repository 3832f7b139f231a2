package dev.lake.engine.csv;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rows of a {@link Schema} given as arrays of values as lake CSV (UTF-8), streaming: a
 * header line of column names (when asked), then one record per row, each ended by {@code "\n"}.
 *
 * <p>The text, the quoting and the errors are {@link CsvBatchWriter}'s, the one CSV encoder: each
 * row goes to it as a one-row batch, so rows written here and tables the mount renders are the
 * same bytes. A row that fails (a value of the wrong class, NULL in a NOT NULL column, a string
 * with an unpaired surrogate that UTF-8 cannot encode) leaves nothing behind and the writer stays
 * usable. The output sees large writes only.
 *
 * <p>Not thread-safe. {@link #close()} flushes and closes the output.
 */
public final class CsvRowWriter implements Closeable, Flushable {
  private final CsvBatchWriter encoder;
  private final OneRowBatch oneRow;
  private final int columns;
  private boolean closed;

  private CsvRowWriter(OutputStream out, Schema schema) {
    this.encoder = new CsvBatchWriter(out, schema);
    this.oneRow = new OneRowBatch(schema);
    this.columns = schema.size();
  }

  /** Writes UTF-8 bytes to a stream; {@link #close()} closes it. */
  public static CsvRowWriter open(OutputStream out, Schema schema) {
    return new CsvRowWriter(out, schema);
  }

  /** Creates (or truncates) a UTF-8 file. */
  public static CsvRowWriter open(Path file, Schema schema) {
    try {
      return open(Files.newOutputStream(file), schema);
    } catch (IOException e) {
      throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the header line: the column names in schema order, quoted where needed. */
  public CsvRowWriter writeHeader() {
    checkOpen();
    encoder.writeHeader();
    return this;
  }

  /**
   * Writes one row: {@code row[i]} is the value of the schema's i-th column (Java convention of
   * {@link LakeType}; null for NULL).
   *
   * @throws SchemaException if the row has the wrong length or a value does not fit its column
   * @throws ConstraintViolationException for NULL in a NOT NULL column
   */
  public CsvRowWriter writeRow(Object[] row) {
    checkOpen();
    if (row.length != columns) {
      throw new SchemaException(
          "row " + (rowsWritten() + 1) + ": has " + row.length + " values but the table has " + columns + " columns");
    }
    try {
      encoder.writeBatch(oneRow.set(row));
    } finally {
      oneRow.set(null); // keep no reference to the caller's values
    }
    return this;
  }

  /** Rows written so far (the header is not a row). */
  public long rowsWritten() {
    return encoder.rowsWritten();
  }

  /** Bytes written so far (header included), whether or not they have reached the output yet. */
  public long bytesWritten() {
    return encoder.bytesWritten();
  }

  @Override
  public void flush() {
    checkOpen();
    encoder.flush();
  }

  @Override
  public void close() {
    closed = true;
    encoder.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the CSV writer is closed");
    }
  }
}
