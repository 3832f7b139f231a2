package dev.lake.engine.csv;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes rows of a {@link Schema} as lake CSV, streaming: a header line of column names (when
 * asked), then one record per row, each ended by {@code "\n"}.
 *
 * <p>Fields are separated by ',' and are the canonical text of {@link CsvValueCodec}. A field is
 * quoted ({@code "} doubled inside) only when it is the empty string or contains ',', '"', CR or
 * LF; NULL is written as nothing (an empty unquoted field). So {@code a,,""} is the string "a",
 * a NULL and the empty string. The same rows always give the same bytes, which is what lets a
 * file be read, edited and written back with nothing else changing.
 *
 * <p>Each row is formatted whole into a buffer before any of it reaches the output, so a row that
 * fails (a value of the wrong class, NULL in a NOT NULL column, a string with an unpaired
 * surrogate that UTF-8 cannot encode) leaves nothing behind and the writer stays usable. The
 * output sees large writes only; there is no allocation per row beyond the text of non-string
 * values that the JDK builds.
 *
 * <p>Not thread-safe. {@link #close()} flushes and closes the output.
 */
public final class CsvRowWriter implements Closeable, Flushable {
  private static final int FLUSH_AT = 1 << 16;

  private final Writer out;
  private final Field[] fields;
  private final LakeType.Kind[] kinds;
  private final StringBuilder scratch = new StringBuilder(64);
  private char[] buf = new char[FLUSH_AT + 4096];
  private int pos;
  private long rows;
  private boolean closed;

  /** Writes to a character stream; {@link #close()} closes it. */
  public CsvRowWriter(Writer out, Schema schema) {
    this.out = out;
    this.fields = schema.fields().toArray(new Field[0]);
    this.kinds = new LakeType.Kind[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = fields[i].type().kind();
    }
  }

  /** Writes UTF-8 bytes to a stream. */
  public static CsvRowWriter open(OutputStream out, Schema schema) {
    return new CsvRowWriter(
        new OutputStreamWriter(
            out,
            StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        schema);
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
    int rowStart = pos;
    try {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          put(',');
        }
        putText(fields[i].name());
      }
      put('\n');
    } catch (RuntimeException e) {
      pos = rowStart;
      throw new SchemaException("the header: " + e.getMessage(), e);
    }
    maybeFlush();
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
    if (row.length != fields.length) {
      throw new SchemaException(
          "row " + (rows + 1) + ": has " + row.length + " values but the table has " + fields.length + " columns");
    }
    int rowStart = pos;
    int i = 0;
    try {
      for (; i < fields.length; i++) {
        if (i > 0) {
          put(',');
        }
        writeValue(i, row[i]);
      }
      put('\n');
    } catch (SchemaException e) {
      pos = rowStart;
      throw new SchemaException(where(i) + e.getMessage(), e);
    } catch (ConstraintViolationException e) {
      pos = rowStart;
      throw new ConstraintViolationException(where(i) + e.getMessage(), e);
    } catch (RuntimeException e) {
      pos = rowStart;
      throw e;
    }
    rows++;
    maybeFlush();
    return this;
  }

  /** Rows written so far (the header is not a row). */
  public long rowsWritten() {
    return rows;
  }

  @Override
  public void flush() {
    checkOpen();
    try {
      drain();
      out.flush();
    } catch (IOException e) {
      throw new StorageException("writing CSV failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Writer w = out) {
      drain();
      w.flush();
    } catch (IOException e) {
      throw new StorageException("writing CSV failed: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void writeValue(int i, Object value) {
    if (value == null) {
      if (!fields[i].nullable()) {
        throw new ConstraintViolationException("NULL in a NOT NULL column");
      }
      return; // NULL: nothing between the separators
    }
    switch (kinds[i]) {
      case STRING -> {
        if (!(value instanceof String s)) {
          throw new SchemaException("a STRING value must be a String, not " + value.getClass().getName());
        }
        putText(s);
      }
      // JSON text can hold any character, and an empty BINARY is the empty string.
      case LIST, MAP, STRUCT, BINARY -> {
        scratch.setLength(0);
        CsvValueCodec.appendTo(scratch, fields[i].type(), value);
        putText(scratch);
      }
      default -> {
        // Numbers, booleans, dates and timestamps never contain a character that needs quotes.
        scratch.setLength(0);
        CsvValueCodec.appendTo(scratch, fields[i].type(), value);
        int n = scratch.length();
        ensure(n);
        scratch.getChars(0, n, buf, pos);
        pos += n;
      }
    }
  }

  /** Appends text, quoted when it is empty or holds ',', '"', CR or LF. */
  private void putText(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      put('"');
      put('"');
      return;
    }
    int quotes = 0;
    boolean special = false;
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (c <= ',') {
        if (c == '"') {
          quotes++;
          special = true;
        } else if (c == ',' || c == '\n' || c == '\r') {
          special = true;
        }
      } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        checkSurrogatePair(s, k);
      }
    }
    if (!special) {
      ensure(n);
      if (s instanceof String str) {
        str.getChars(0, n, buf, pos);
      } else {
        ((StringBuilder) s).getChars(0, n, buf, pos);
      }
      pos += n;
      return;
    }
    ensure(n + quotes + 2);
    buf[pos++] = '"';
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (c == '"') {
        buf[pos++] = '"';
      }
      buf[pos++] = c;
    }
    buf[pos++] = '"';
  }

  private static void checkSurrogatePair(CharSequence s, int k) {
    char c = s.charAt(k);
    boolean paired =
        Character.isHighSurrogate(c)
            ? k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))
            : k > 0 && Character.isHighSurrogate(s.charAt(k - 1));
    if (!paired) {
      throw new SchemaException(
          String.format("the text has an unpaired surrogate U+%04X at index %d, which UTF-8 cannot encode", (int) c, k));
    }
  }

  private void put(char c) {
    ensure(1);
    buf[pos++] = c;
  }

  /** Room for n more chars; grows rather than flushes, so that a row is never half written. */
  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  private void maybeFlush() {
    if (pos >= FLUSH_AT) {
      try {
        drain();
      } catch (IOException e) {
        throw new StorageException("writing CSV failed: " + e.getMessage(), e);
      }
      if (buf.length > 4 * FLUSH_AT) {
        buf = new char[FLUSH_AT + 4096]; // a huge row grew it; do not keep the memory
      }
    }
  }

  private void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }

  private String where(int column) {
    return "row " + (rows + 1) + (column < fields.length ? ", column '" + fields[column].name() + "'" : "") + ": ";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the CSV writer is closed");
    }
  }
}
