package dev.lake.engine.csv;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import java.io.Closeable;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads lake CSV (a header line, then one record per row) as rows of a {@link Schema}, streaming:
 * memory stays at one record whatever the size of the input.
 *
 * <p>The header must name each column of the schema exactly once, in any order and any case;
 * rows come out as {@code Object[]} in the schema's column order, values per {@link
 * dev.lake.engine.types.LakeType}'s Java convention, parsed by {@link CsvValueCodec}. An empty
 * unquoted field is NULL; {@code ""} is the empty string.
 *
 * <p>Errors name the 1-based line where the record starts and the column:
 *
 * <ul>
 *   <li>{@link InvalidInputException}: malformed CSV (an unclosed quote, text after a closing
 *       quote, invalid UTF-8), a header that does not match, a record with the wrong number of
 *       fields;
 *   <li>{@link SchemaException}: a value that is not of its column's type, e.g. {@code line 7,
 *       column 'price': 'abc' is not a DECIMAL(10,2)};
 *   <li>{@link dev.lake.engine.error.ConstraintViolationException}: NULL in a NOT NULL column.
 * </ul>
 *
 * A single field may be up to 64 Mi characters long. Not thread-safe. Close it to close the
 * underlying input.
 */
public final class CsvRowReader implements Iterator<Object[]>, Closeable {
  private final Schema schema;
  private final CsvRecordSource source;
  private final List<String> header;

  /** For each field position in the file, the schema column it holds. */
  private final int[] columnOfField;

  private Object[] nextRow;
  private long nextLine;
  private long line;
  private long rows;
  private boolean done;

  private CsvRowReader(CsvRecordSource source, Schema schema) {
    this.schema = schema;
    this.source = source;
    try {
      RawRecord first = source.next();
      if (first == null) {
        throw new InvalidInputException(
            "the CSV input is empty: expected a header line naming the columns "
                + String.join(", ", schema.columnNames()));
      }
      this.header = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(first.values).subList(0, first.count)));
      this.columnOfField = matchHeader(first, schema);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  /** Reads from a character stream; the caller's reader is closed by {@link #close()}. */
  public static CsvRowReader open(Reader in, Schema schema) {
    return new CsvRowReader(new CsvRecordSource(in), schema);
  }

  /** Reads UTF-8 bytes (strictly: malformed UTF-8 is an error); a leading BOM is skipped. */
  public static CsvRowReader open(InputStream in, Schema schema) {
    return new CsvRowReader(CsvRecordSource.of(in), schema);
  }

  /** Reads a UTF-8 file. */
  public static CsvRowReader open(Path file, Schema schema) {
    return new CsvRowReader(CsvRecordSource.of(file), schema);
  }

  /** The header line's fields as written (NULL header fields are null). */
  public List<String> header() {
    return header;
  }

  /** The schema rows are read with. */
  public Schema schema() {
    return schema;
  }

  /** The line on which the row last returned by {@link #next()} starts (1 is the header). */
  public long line() {
    return line;
  }

  /** How many rows {@link #next()} has returned. */
  public long rowCount() {
    return rows;
  }

  @Override
  public boolean hasNext() {
    if (nextRow == null && !done) {
      RawRecord r = source.next();
      if (r == null) {
        done = true;
      } else {
        nextLine = r.line;
        nextRow = toRow(r);
      }
    }
    return nextRow != null;
  }

  /** The next row, in schema column order. */
  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object[] row = nextRow;
    nextRow = null;
    line = nextLine;
    rows++;
    return row;
  }

  @Override
  public void close() {
    source.close();
  }

  private Object[] toRow(RawRecord r) {
    int n = columnOfField.length;
    if (r.count != n) {
      throw new InvalidInputException(
          "line "
              + r.line
              + ": expected "
              + n
              + (n == 1 ? " field" : " fields")
              + ", found "
              + (r.emptyLine ? "an empty line" : r.count + (r.count == 1 ? " field" : " fields")));
    }
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      int column = columnOfField[i];
      Field f = schema.field(column);
      String text = r.values[i];
      if (text == null) {
        if (!f.nullable()) {
          throw new ConstraintViolationException(
              "line " + r.line + ", column '" + f.name() + "': NULL (an empty unquoted field) in a NOT NULL column");
        }
        continue;
      }
      try {
        row[column] = CsvValueCodec.parse(f.type(), text);
      } catch (SchemaException e) {
        throw new SchemaException("line " + r.line + ", column '" + f.name() + "': " + e.getMessage(), e);
      } catch (ConstraintViolationException e) {
        throw new ConstraintViolationException("line " + r.line + ", column '" + f.name() + "': " + e.getMessage(), e);
      }
    }
    return row;
  }

  private static int[] matchHeader(RawRecord h, Schema schema) {
    int[] columnOfField = new int[h.count];
    boolean[] present = new boolean[schema.size()];
    List<String> unknown = new ArrayList<>();
    List<String> duplicate = new ArrayList<>();
    for (int i = 0; i < h.count; i++) {
      String name = h.values[i];
      if (name == null || name.isBlank()) {
        throw new InvalidInputException(
            "line " + h.line + ": field " + (i + 1) + " of the header is empty; it must name a column (the table has: "
                + String.join(", ", schema.columnNames()) + ")");
      }
      int column = schema.indexOf(name);
      if (column < 0) {
        unknown.add("'" + name + "'");
      } else if (present[column]) {
        duplicate.add("'" + name + "'");
      } else {
        present[column] = true;
      }
      columnOfField[i] = column;
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < present.length; c++) {
      if (!present[c]) {
        missing.add("'" + schema.field(c).name() + "'");
      }
    }
    if (!unknown.isEmpty() || !duplicate.isEmpty() || !missing.isEmpty()) {
      StringBuilder sb = new StringBuilder("line " + h.line + ": the header does not match the table's columns:");
      if (!unknown.isEmpty()) {
        sb.append(" unknown ").append(unknown.size() == 1 ? "column " : "columns ").append(String.join(", ", unknown)).append(';');
      }
      if (!missing.isEmpty()) {
        sb.append(" missing ").append(missing.size() == 1 ? "column " : "columns ").append(String.join(", ", missing)).append(';');
      }
      if (!duplicate.isEmpty()) {
        sb.append(" repeated ").append(duplicate.size() == 1 ? "column " : "columns ").append(String.join(", ", duplicate)).append(';');
      }
      sb.append(" the table has: ").append(String.join(", ", schema.columnNames()));
      throw new InvalidInputException(sb.toString());
    }
    return columnOfField;
  }
}
