package dev.lake.engine.csv;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.scan.ByteSlices;
import dev.lake.engine.scan.ColumnArrays;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The lake CSV encoder: writes a header line and rows as UTF-8 bytes, straight from {@link
 * RowBatch}es' columns, without building a row array, boxing integers or passing the text through
 * a character encoder. The mount renders tables with it; {@link CsvRowWriter} writes rows given as
 * arrays through it (as one-row batches), so every CSV the engine writes comes from this class.
 *
 * <p>Fields are separated by ',' and are the canonical text of {@link CsvValueCodec}. A field is
 * quoted ({@code "} doubled inside) only when it is the empty string or contains ',', '"', CR or
 * LF; NULL is written as nothing (an empty unquoted field). So {@code a,,""} is the string "a",
 * a NULL and the empty string. The same rows always give the same bytes, which is what lets a
 * file be read, edited and written back with nothing else changing.
 *
 * <p>Integers, booleans, dates (from the day number), decimals of up to 18 digits (from the
 * unscaled long), plain strings and stored ASCII text take fast paths that write the codec's
 * bytes; every other value is formatted by {@link CsvValueCodec}. A batch of 64 rows or more is
 * written column by column, in one loop over the column's array when the batch has one ({@link
 * RowBatch#arrays}): its values are measured, each row gets its place in the output, and each
 * column is then written straight into the rows (a column that cannot be measured is formatted
 * into a buffer of its own and copied); should any value fail, the batch is written row by row
 * instead, so that output and error are the same.
 *
 * <p>A row that fails (a value of the wrong class, NULL in a NOT NULL column, a string with an
 * unpaired surrogate that UTF-8 cannot encode) leaves nothing behind, and the writer stays
 * usable. Errors name the row (counted from 1 over the rows this writer wrote) and the column:
 * {@code row 3, column 'price': ...}. Not thread-safe; {@link #close()} flushes and closes the
 * output.
 */
public final class CsvBatchWriter implements Closeable, Flushable {
  private static final int FLUSH_AT = 1 << 16;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final long FIRST_4_DIGIT_DAY = LocalDate.of(1000, 1, 1).toEpochDay();
  private static final long LAST_4_DIGIT_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
  private static final long[] POW10 = new long[19];
  /** The tens and ones digits of 0..99: two digits per division without another division. */
  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];
  /** Dates recently written, by day number modulo the size: rows of a table share few days. */
  private static final int DAY_CACHE = 1024;
  /** Batches this large are formatted column by column; smaller ones row by row. */
  private static final int COLUMN_MAJOR_ROWS = 64;

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final OutputStream out;
  private final Field[] fields;
  private final LakeType.Kind[] kinds;
  private final StringBuilder scratch = new StringBuilder(64);
  private byte[] buf = new byte[FLUSH_AT + 8192];
  private final int[] cachedDays = new int[DAY_CACHE];
  private final byte[] cachedDayText = new byte[DAY_CACHE * 10]; // yyyy-MM-dd of cachedDays[i]
  private final boolean[] dayCached = new boolean[DAY_CACHE];
  // Column-major writing of a batch (see writeInPlace): per column, whether its values are
  // written straight into their rows, the batch's arrays, each value's length (0 for NULL), and
  // for the other columns their text, formatted beforehand, with the end of each value in it.
  private final boolean[] placed;
  private final ColumnArrays[] arrays;
  private final int[][] valueLengths;
  private final byte[][] columnText;
  private final int[][] columnEnds;
  private int[] rowLengths = new int[0];
  private int[] rowCursors = new int[0];
  private int pos;
  private long rows;
  private long drained;
  private boolean closed;

  /** Writes to {@code out}; {@link #close()} closes it. */
  public CsvBatchWriter(OutputStream out, Schema schema) {
    this.out = out;
    this.fields = schema.fields().toArray(new Field[0]);
    this.kinds = new LakeType.Kind[fields.length];
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = fields[i].type().kind();
    }
    this.placed = new boolean[fields.length];
    this.arrays = new ColumnArrays[fields.length];
    this.valueLengths = new int[fields.length][];
    this.columnText = new byte[fields.length][];
    this.columnEnds = new int[fields.length][];
  }

  /**
   * Writes the header line: the column names in schema order, quoted as values are.
   *
   * @throws SchemaException if a name cannot be written (an unpaired surrogate); nothing is
   *     written then
   */
  public CsvBatchWriter writeHeader() {
    checkOpen();
    int start = pos;
    try {
      for (int c = 0; c < fields.length; c++) {
        if (c > 0) {
          put((byte) ',');
        }
        putText(fields[c].name());
      }
      put((byte) '\n');
    } catch (RuntimeException e) {
      pos = start;
      throw new SchemaException("the header: " + e.getMessage(), e);
    }
    if (pos >= FLUSH_AT) {
      drainQuietly();
    }
    return this;
  }

  /**
   * Writes every row of {@code batch}, whose columns are this writer's schema in order.
   *
   * @throws SchemaException if a value does not fit its column
   * @throws ConstraintViolationException for NULL in a NOT NULL column
   */
  public void writeBatch(RowBatch batch) {
    checkOpen();
    if (batch.schema().size() != fields.length) {
      throw new SchemaException(
          "the batch has " + batch.schema().size() + " columns but the table has " + fields.length);
    }
    int n = batch.size();
    if (n >= COLUMN_MAJOR_ROWS && measureColumns(batch)) {
      writeInPlace(n);
      return;
    }
    for (int r = 0; r < n; r++) {
      writeRow(batch, r);
      if (pos >= FLUSH_AT) {
        drainQuietly();
      }
    }
  }

  // ------------------------------------------------------------------------ column-major

  /**
   * Measures every value of the batch: a column whose values can be written in place (integers,
   * dates of 4-digit years, booleans, decimals of up to 18 digits, ASCII strings, from the
   * column's array) gets each value's length; any other column is formatted into its own buffer
   * ({@code columnText[c]}, value r at [{@code columnEnds[c][r]}, {@code columnEnds[c][r + 1]})),
   * one loop over its array when the batch has one, else value by value with the row path's
   * formatting. False (nothing written) when some value fails: the row path then writes the
   * batch, so that the rows before the bad one and the error are the same.
   */
  private boolean measureColumns(RowBatch b) {
    int n = b.size();
    int[] rowLength = rowLengths = atLeast(rowLengths, n);
    Arrays.fill(rowLength, 0, n, fields.length); // a separator after each value
    byte[] main = buf;
    int mainPos = pos;
    try {
      for (int c = 0; c < fields.length; c++) {
        ColumnArrays a = b.arrays(c);
        int[] lengths = valueLengths[c] = atLeast(valueLengths[c], n);
        arrays[c] = a;
        int measured = a == null ? 0 : measure(a, c, n, lengths, rowLength);
        placed[c] = measured == n;
        if (!placed[c]) {
          for (int r = 0; r < measured; r++) {
            rowLength[r] -= lengths[r]; // measured before the value that stopped it
          }
          int[] ends = columnEnds[c] = atLeast(columnEnds[c], n + 1);
          buf = columnText[c] == null ? new byte[8 * n] : columnText[c];
          pos = 0;
          formatColumn(b, c, n, ends);
          columnText[c] = buf;
          for (int r = 0; r < n; r++) {
            int len = ends[r + 1] - ends[r];
            lengths[r] = len;
            rowLength[r] += len;
          }
        }
      }
      return true;
    } catch (RuntimeException e) {
      Arrays.fill(arrays, null);
      return false;
    } finally {
      buf = main;
      pos = mainPos;
    }
  }

  private static int[] atLeast(int[] a, int n) {
    return a != null && a.length >= n ? a : new int[n];
  }

  /**
   * The written length of each value of a column that can be written in place (0 for NULL),
   * added to its row's length as well (one pass over the column); the rows measured, {@code n}
   * when the column can be written in place, fewer when the column, or the value at that row, is
   * to be formatted instead (a date of another than 4 digits, a decimal its column cannot hold,
   * text that is not ASCII, other types).
   */
  private int measure(ColumnArrays a, int c, int n, int[] lengths, int[] rowLength) {
    int[] at = a.rows();
    boolean[] nulls = a.nulls();
    boolean nullable = fields[c].nullable();
    switch (kinds[c]) {
      case INT64 -> {
        long[] v = (long[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          int len;
          if (nulls != null && nulls[i]) {
            len = nullLength(nullable);
          } else if (v[i] == Long.MIN_VALUE) {
            return r;
          } else {
            len = v[i] < 0 ? 1 + digitCount(-v[i]) : digitCount(v[i]);
          }
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      case INT32 -> {
        int[] v = (int[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          int len = nulls != null && nulls[i] ? nullLength(nullable) : v[i] < 0 ? 1 + digitCount(-(long) v[i]) : digitCount(v[i]);
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      case DATE -> {
        int[] v = (int[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          int len;
          if (nulls != null && nulls[i]) {
            len = nullLength(nullable);
          } else if (v[i] >= FIRST_4_DIGIT_DAY && v[i] <= LAST_4_DIGIT_DAY) {
            len = 10;
          } else {
            return r;
          }
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      case BOOLEAN -> {
        boolean[] v = (boolean[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          // 4 is "true" and 5 "false": placeColumn writes a boolean from its length alone.
          int len = nulls != null && nulls[i] ? nullLength(nullable) : v[i] ? 4 : 5;
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      case DECIMAL -> {
        long[] v = (long[]) a.values();
        LakeType.Decimal type = (LakeType.Decimal) fields[c].type();
        if (type.precision() > 18) {
          return 0;
        }
        for (int r = 0; r < n; r++) {
          int i = at[r];
          int len;
          if (nulls != null && nulls[i]) {
            len = nullLength(nullable);
          } else if ((len = decimalLength(v[i], type)) < 0) {
            return r;
          }
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      case STRING -> {
        ByteSlices v = (ByteSlices) a.values();
        byte[][] texts = v.arrays();
        int[] offsets = v.offsets();
        int[] sizes = v.lengths();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          int len;
          if (texts[i] == null) {
            len = nullLength(nullable);
          } else if ((len = asciiTextLength(texts[i], offsets[i], sizes[i])) < 0) {
            return r;
          }
          lengths[r] = len;
          rowLength[r] += len;
        }
      }
      default -> {
        return 0;
      }
    }
    return n;
  }

  private static int nullLength(boolean nullable) {
    if (!nullable) {
      throw new ConstraintViolationException("NULL in a NOT NULL column");
    }
    return 0;
  }

  private void formatColumn(RowBatch b, int c, int n, int[] ends) {
    ColumnArrays a = b.arrays(c);
    if (a == null) {
      for (int r = 0; r < n; r++) {
        writeValue(b, c, r);
        ends[r + 1] = pos;
      }
      return;
    }
    int[] at = a.rows();
    boolean[] nulls = a.nulls();
    boolean nullable = fields[c].nullable();
    switch (kinds[c]) {
      case INT64 -> {
        long[] v = (long[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          if (nulls == null || !nulls[i]) {
            putLong(v[i]);
          } else if (!nullable) {
            throw new ConstraintViolationException("NULL in a NOT NULL column");
          }
          ends[r + 1] = pos;
        }
      }
      case INT32, DATE -> {
        int[] v = (int[]) a.values();
        boolean date = kinds[c] == LakeType.Kind.DATE;
        for (int r = 0; r < n; r++) {
          int i = at[r];
          if (nulls == null || !nulls[i]) {
            if (!date) {
              putLong(v[i]);
            } else if (v[i] >= FIRST_4_DIGIT_DAY && v[i] <= LAST_4_DIGIT_DAY) {
              putEpochDay(v[i]);
            } else {
              viaCodec(b, c, r);
            }
          } else if (!nullable) {
            throw new ConstraintViolationException("NULL in a NOT NULL column");
          }
          ends[r + 1] = pos;
        }
      }
      case BOOLEAN -> {
        boolean[] v = (boolean[]) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          if (nulls == null || !nulls[i]) {
            putBytes(v[i] ? TRUE : FALSE);
          } else if (!nullable) {
            throw new ConstraintViolationException("NULL in a NOT NULL column");
          }
          ends[r + 1] = pos;
        }
      }
      case DECIMAL -> {
        long[] v = (long[]) a.values();
        LakeType.Decimal type = (LakeType.Decimal) fields[c].type();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          if (nulls == null || !nulls[i]) {
            if (type.precision() > 18 || !putUnscaled(v[i], type)) {
              viaCodec(b, c, r);
            }
          } else if (!nullable) {
            throw new ConstraintViolationException("NULL in a NOT NULL column");
          }
          ends[r + 1] = pos;
        }
      }
      case STRING -> {
        ByteSlices v = (ByteSlices) a.values();
        for (int r = 0; r < n; r++) {
          int i = at[r];
          byte[] s = v.arrays()[i];
          if (s == null || !putAsciiText(s, v.offsets()[i], v.lengths()[i])) {
            writeValue(b, c, r); // NULL or not ASCII: as the row path
          }
          ends[r + 1] = pos;
        }
      }
      default -> {
        for (int r = 0; r < n; r++) {
          writeValue(b, c, r);
          ends[r + 1] = pos;
        }
      }
    }
  }

  /**
   * Writes the measured batch: each row gets its place in the output from its values' lengths,
   * then each column is written into the rows, value and separator, in one loop over the column —
   * no value is copied twice, which matters most under C1 (the mount's JIT), where every
   * System.arraycopy of a few bytes is a call. A run of rows at a time, so that the buffer stays
   * near its flush size.
   */
  private void writeInPlace(int n) {
    int[] rowLength = rowLengths;
    int[] cursor = rowCursors = atLeast(rowCursors, n);
    int last = fields.length - 1;
    for (int from = 0; from < n; ) {
      int end = pos;
      int to = from;
      do {
        cursor[to] = end;
        end += rowLength[to++];
      } while (to < n && end - pos < FLUSH_AT);
      ensure(end - pos);
      for (int c = 0; c <= last; c++) {
        placeColumn(c, from, to, c == last ? (byte) '\n' : (byte) ',');
      }
      pos = end;
      rows += to - from;
      if (pos >= FLUSH_AT) {
        drainQuietly();
      }
      from = to;
    }
    Arrays.fill(arrays, null); // the batch's arrays are not kept past the batch
  }

  /**
   * Writes column c of rows [from, to) at the rows' cursors, each value followed by {@code sep},
   * and moves each row's cursor past them.
   */
  private void placeColumn(int c, int from, int to, byte sep) {
    byte[] out = buf;
    int[] cursor = rowCursors;
    int[] lengths = valueLengths[c];
    if (!placed[c]) {
      byte[] text = columnText[c];
      int[] ends = columnEnds[c];
      for (int r = from; r < to; r++) {
        int p = cursor[r];
        int len = lengths[r];
        System.arraycopy(text, ends[r], out, p, len);
        out[p + len] = sep;
        cursor[r] = p + len + 1;
      }
      return;
    }
    int[] at = arrays[c].rows();
    Object values = arrays[c].values();
    // One loop per kind, with no call per value but the writing itself, and the separator in the
    // same pass. A length of 0 is a NULL (nothing to write): every value is at least one byte (""
    // is written quoted).
    switch (kinds[c]) {
      case INT64 -> {
        long[] v = (long[]) values;
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r];
          if (len > 0) {
            placeLong(out, p, len, v[at[r]]);
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      case INT32 -> {
        int[] v = (int[]) values;
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r];
          if (len > 0) {
            placeLong(out, p, len, v[at[r]]);
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      case DATE -> {
        int[] v = (int[]) values;
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r];
          if (len > 0) {
            System.arraycopy(cachedDayText, dayText(v[at[r]]), out, p, 10);
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      case BOOLEAN -> {
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r]; // the value itself: 4 is "true", 5 "false" (see measure)
          if (len == 4) {
            out[p] = 't';
            out[p + 1] = 'r';
            out[p + 2] = 'u';
            out[p + 3] = 'e';
          } else if (len == 5) {
            out[p] = 'f';
            out[p + 1] = 'a';
            out[p + 2] = 'l';
            out[p + 3] = 's';
            out[p + 4] = 'e';
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      case DECIMAL -> {
        long[] v = (long[]) values;
        int scale = ((LakeType.Decimal) fields[c].type()).scale();
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r];
          if (len > 0) {
            placeUnscaled(out, p, len, v[at[r]], scale);
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      case STRING -> {
        ByteSlices v = (ByteSlices) values;
        byte[][] texts = v.arrays();
        int[] offsets = v.offsets();
        int[] sizes = v.lengths();
        for (int r = from; r < to; r++) {
          int p = cursor[r];
          int len = lengths[r];
          if (len > 0) {
            int i = at[r];
            placeAsciiText(out, p, len, texts[i], offsets[i], sizes[i]);
          }
          out[p + len] = sep;
          cursor[r] = p + len + 1;
        }
      }
      default -> throw new IllegalStateException("no in-place writing for " + kinds[c]);
    }
  }

  /** Rows written so far. */
  public long rowsWritten() {
    return rows;
  }

  /** Bytes written so far (header included), whether or not they have reached the output yet. */
  public long bytesWritten() {
    return drained + pos;
  }

  private void writeRow(RowBatch b, int r) {
    int rowStart = pos;
    int c = 0;
    try {
      for (; c < fields.length; c++) {
        if (c > 0) {
          put((byte) ',');
        }
        writeValue(b, c, r);
      }
      put((byte) '\n');
    } catch (SchemaException e) {
      pos = rowStart;
      throw new SchemaException(where(c) + e.getMessage(), e);
    } catch (ConstraintViolationException e) {
      pos = rowStart;
      throw new ConstraintViolationException(where(c) + e.getMessage(), e);
    } catch (RuntimeException e) {
      pos = rowStart;
      throw e;
    }
    rows++;
  }

  private void writeValue(RowBatch b, int c, int r) {
    if (b.isNull(c, r)) {
      if (!fields[c].nullable()) {
        throw new ConstraintViolationException("NULL in a NOT NULL column");
      }
      return; // NULL: nothing between the separators
    }
    switch (kinds[c]) {
      case INT8, INT16, INT32, INT64 -> putLong(b.getLong(c, r));
      case UINT8 -> putUnsigned(b, c, r, 255);
      case UINT16 -> putUnsigned(b, c, r, 65_535);
      case UINT32 -> putUnsigned(b, c, r, 4_294_967_295L);
      case BOOLEAN -> putBytes(b.getBoolean(c, r) ? TRUE : FALSE);
      case DATE -> {
        long day = b.getLong(c, r);
        if (day >= FIRST_4_DIGIT_DAY && day <= LAST_4_DIGIT_DAY) {
          putEpochDay((int) day);
        } else {
          viaCodec(b, c, r); // years with other than 4 digits: TemporalText's forms
        }
      }
      case DECIMAL -> {
        LakeType.Decimal type = (LakeType.Decimal) fields[c].type();
        if (type.precision() > 18 || !putDecimal(b, c, r, type)) {
          viaCodec(b, c, r);
        }
      }
      case STRING -> {
        byte[] stored = b.getStoredUtf8(c, r);
        if (stored == null || !putAsciiText(stored, 0, stored.length)) {
          Object v = b.get(c, r);
          if (!(v instanceof String s)) {
            throw new SchemaException("a STRING value must be a String, not " + v.getClass().getName());
          }
          putText(s);
        }
      }
      default -> viaCodec(b, c, r);
    }
  }

  /** Unsigned integers in their range; anything else goes to the codec, which says why not. */
  private void putUnsigned(RowBatch b, int c, int r, long max) {
    long v = b.getLong(c, r);
    if (v >= 0 && v <= max) {
      putLong(v);
    } else {
      viaCodec(b, c, r);
    }
  }

  private void viaCodec(RowBatch b, int c, int r) {
    scratch.setLength(0);
    CsvValueCodec.appendTo(scratch, fields[c].type(), b.get(c, r));
    switch (kinds[c]) {
      // JSON text can hold any character, and an empty BINARY is the empty string.
      case LIST, MAP, STRUCT, BINARY -> putText(scratch);
      // Numbers, booleans, dates and timestamps never contain a character that needs quotes.
      default -> putUtf8(scratch, 0, scratch.length());
    }
  }

  // ------------------------------------------------------------------------------ encoding

  /**
   * A DECIMAL of at most 18 digits from its unscaled long: the plain text {@code
   * BigDecimal.toPlainString} gives at the column's scale. False (nothing written) for a value
   * the column cannot hold, which the codec then reports.
   */
  private boolean putDecimal(RowBatch b, int c, int r, LakeType.Decimal type) {
    long u;
    try {
      u = b.getUnscaledDecimal(c, r);
    } catch (ArithmeticException e) {
      return false;
    }
    return putUnscaled(u, type);
  }

  /** {@link #putDecimal} of the unscaled value {@code u}. */
  private boolean putUnscaled(long u, LakeType.Decimal type) {
    int len = decimalLength(u, type);
    if (len < 0) {
      return false;
    }
    ensure(len);
    placeUnscaled(buf, pos, len, u, type.scale());
    pos += len;
    return true;
  }

  /**
   * The length of the plain text of unscaled {@code u} at the column's scale: sign, integer
   * digits (at least one), point and {@code scale} digits; -1 when the column cannot hold it.
   */
  private static int decimalLength(long u, LakeType.Decimal type) {
    if (u <= -POW10[type.precision()] || u >= POW10[type.precision()]) {
      return -1;
    }
    int scale = type.scale();
    // The whole part has the unscaled value's digits but the scale's, and at least one ("0.05").
    int whole = Math.max(1, digitCount(Math.abs(u)) - scale);
    return (u < 0 ? 1 : 0) + whole + (scale == 0 ? 0 : 1 + scale);
  }

  /** Writes the {@code len} bytes {@link #decimalLength} measured for {@code u} at {@code p}. */
  private static void placeUnscaled(byte[] out, int p, int len, long u, int scale) {
    if (u < 0) {
      out[p] = '-';
      u = -u;
    }
    int end = p + len;
    if (scale == 0) {
      placeDigits(out, end, u);
      return;
    }
    int k = end;
    if (u <= Integer.MAX_VALUE) {
      // The fraction's digits from the right, then the whole part: no division at all.
      int x = (int) u;
      for (int i = 0; i < scale; i++) {
        int q = div10(x);
        out[--k] = (byte) ('0' + x - q * 10);
        x = q;
      }
      out[--k] = '.';
      placeDigits(out, k, x);
      return;
    }
    long whole = u / POW10[scale];
    long frac = u - whole * POW10[scale];
    for (int i = 0; i < scale; i++) {
      out[--k] = (byte) ('0' + (int) (frac % 10));
      frac /= 10;
    }
    out[--k] = '.';
    placeDigits(out, k, whole);
  }

  /**
   * Stored UTF-8 that is plain ASCII, with putText's quoting; false (nothing written) for any
   * other byte, which then goes through the decoded String like every other text.
   */
  private boolean putAsciiText(byte[] s, int from, int n) {
    int len = asciiTextLength(s, from, n);
    if (len < 0) {
      return false;
    }
    ensure(len);
    placeAsciiText(buf, pos, len, s, from, n);
    pos += len;
    return true;
  }

  /**
   * The written length of stored UTF-8 that is plain ASCII: quoted (and '"' doubled) when it is
   * empty or holds ',', '"', CR or LF; -1 for any other byte.
   */
  private static int asciiTextLength(byte[] s, int from, int n) {
    boolean special = n == 0;
    int quotes = 0;
    for (int k = from, end = from + n; k < end; k++) {
      byte ch = s[k];
      if (ch < 0) {
        return -1;
      }
      if (ch <= ',' && (ch == '"' || ch == ',' || ch == '\n' || ch == '\r')) {
        special = true;
        if (ch == '"') {
          quotes++;
        }
      }
    }
    return special ? n + quotes + 2 : n;
  }

  /**
   * Writes ASCII text (the {@code n} bytes of {@code s} from {@code from}) at {@code p} as the
   * {@code len} bytes {@link #asciiTextLength} measured.
   */
  private static void placeAsciiText(byte[] out, int p, int len, byte[] s, int from, int n) {
    if (len == n) {
      System.arraycopy(s, from, out, p, n);
      return;
    }
    out[p++] = '"';
    for (int k = from, end = from + n; k < end; k++) {
      if (s[k] == '"') {
        out[p++] = '"';
      }
      out[p++] = s[k];
    }
    out[p] = '"';
  }

  /** Appends text, quoted when it is empty or holds ',', '"', CR or LF. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the ASCII copy
  private void putText(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      put((byte) '"');
      put((byte) '"');
      return;
    }
    boolean special = false;
    boolean ascii = true;
    for (int k = 0; k < n; k++) {
      char ch = s.charAt(k);
      if (ch <= ',') {
        if (ch == '"' || ch == ',' || ch == '\n' || ch == '\r') {
          special = true;
        }
      } else if (ch >= 0x80) {
        ascii = false;
        if (ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE) {
          checkSurrogatePair(s, k);
        }
      }
    }
    if (!special) {
      if (ascii && s instanceof String str) {
        ensure(n);
        str.getBytes(0, n, buf, pos); // ASCII: the low byte of each char is its UTF-8 byte
        pos += n;
      } else {
        putUtf8(s, 0, n);
      }
      return;
    }
    put((byte) '"');
    int from = 0;
    for (int k = 0; k < n; k++) {
      if (s.charAt(k) == '"') {
        putUtf8(s, from, k + 1);
        put((byte) '"');
        from = k + 1;
      }
    }
    putUtf8(s, from, n);
    put((byte) '"');
  }

  /** UTF-8 of chars [from, to); surrogates come in pairs (checked by the callers that need it). */
  private void putUtf8(CharSequence s, int from, int to) {
    ensure((to - from) * 3);
    byte[] b = buf;
    int p = pos;
    for (int k = from; k < to; k++) {
      char ch = s.charAt(k);
      if (ch < 0x80) {
        b[p++] = (byte) ch;
      } else if (ch < 0x800) {
        b[p++] = (byte) (0xc0 | (ch >> 6));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      } else if (Character.isHighSurrogate(ch) && k + 1 < to && Character.isLowSurrogate(s.charAt(k + 1))) {
        int cp = Character.toCodePoint(ch, s.charAt(++k));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(ch)) {
        throw new SchemaException(
            String.format("the text has an unpaired surrogate U+%04X at index %d, which UTF-8 cannot encode", (int) ch, k));
      } else {
        b[p++] = (byte) (0xe0 | (ch >> 12));
        b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      }
    }
    pos = p;
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

  /** The decimal text of {@code v}, as {@link StringBuilder#append(long)} writes it. */
  private void putLong(long v) {
    if (v == Long.MIN_VALUE) {
      putUtf8("-9223372036854775808", 0, 20);
      return;
    }
    int len = v < 0 ? 1 + digitCount(-v) : digitCount(v);
    ensure(len);
    placeLong(buf, pos, len, v);
    pos += len;
  }

  /** Writes {@code v} (not Long.MIN_VALUE) at {@code p} as its {@code len} bytes of text. */
  private static void placeLong(byte[] out, int p, int len, long v) {
    if (v < 0) {
      out[p] = '-';
      v = -v;
    }
    placeDigits(out, p + len, v);
  }

  /** The digits of {@code v >= 0}, ending just before {@code end}. */
  private static void placeDigits(byte[] b, int end, long v) {
    int p = end;
    // Two digits per division, and int arithmetic once the rest fits an int.
    while (v > Integer.MAX_VALUE) {
      long q = v / 100;
      int pair = (int) (v - q * 100);
      b[--p] = ONES[pair];
      b[--p] = TENS[pair];
      v = q;
    }
    int iv = (int) v;
    while (iv >= 100) {
      int q = div100(iv);
      int pair = iv - q * 100;
      b[--p] = ONES[pair];
      b[--p] = TENS[pair];
      iv = q;
    }
    if (iv >= 10) {
      b[--p] = ONES[iv];
      b[--p] = TENS[iv];
    } else {
      b[--p] = (byte) ('0' + iv);
    }
  }

  // Division by a constant as a multiplication and a shift, exact for every int >= 0 (checked
  // over all of them): C1, the mount's JIT, divides with the CPU's divide instruction, which
  // costs tens of cycles per digit pair.
  private static int div100(int v) {
    return (int) ((v * 1374389535L) >>> 37);
  }

  private static int div10(int v) {
    return (int) ((v * 3435973837L) >>> 35);
  }

  /**
   * The number of decimal digits of {@code v >= 0}, by comparisons: at most five up to 10 digits
   * (the values of a column are alike, so the branches are predicted), which under C1 costs less
   * than a bit-length estimate (numberOfLeadingZeros is a call there) and its correction.
   */
  private static int digitCount(long v) {
    assert v >= 0 : v;
    if (v < 100_000) {
      return v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10_000 ? 4 : 5;
    }
    if (v < 10_000_000_000L) {
      return v < 10_000_000 ? (v < 1_000_000 ? 6 : 7) : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
    }
    int d = 11;
    while (d < 19 && v >= POW10[d]) {
      d++;
    }
    return d;
  }

  /**
   * {@code yyyy-MM-dd} of a day number whose year is 1000..9999 (TemporalText's form for them),
   * by the civil-from-days arithmetic of the proleptic Gregorian calendar (as LocalDate), without
   * making a LocalDate; the text of recent days is cached (the rows of a table share few days).
   */
  private void putEpochDay(int epochDay) {
    ensure(10);
    System.arraycopy(cachedDayText, dayText(epochDay), buf, pos, 10);
    pos += 10;
  }

  /** Where the 10 bytes of {@code epochDay}'s text are in {@code cachedDayText} (formatted if missing). */
  private int dayText(int epochDay) {
    int slot = epochDay & (DAY_CACHE - 1);
    int at = slot * 10;
    if (!dayCached[slot] || cachedDays[slot] != epochDay) {
      formatDay(epochDay, cachedDayText, at);
      cachedDays[slot] = epochDay;
      dayCached[slot] = true;
    }
    return at;
  }

  private static void formatDay(int epochDay, byte[] b, int p) {
    int z = epochDay + 719_468; // days since 0000-03-01: positive for the years written here
    int era = z / 146_097;
    int doe = z - era * 146_097; // day of the 400-year era
    int yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
    int mp = (5 * doy + 2) / 153;
    int day = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    int y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    b[p] = TENS[y / 100];
    b[p + 1] = ONES[y / 100];
    b[p + 2] = TENS[y % 100];
    b[p + 3] = ONES[y % 100];
    b[p + 4] = '-';
    b[p + 5] = TENS[m];
    b[p + 6] = ONES[m];
    b[p + 7] = '-';
    b[p + 8] = TENS[day];
    b[p + 9] = ONES[day];
  }

  private void putBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  private void put(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  /** Room for n more bytes; grows rather than flushes, so that a row is never half written. */
  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (IOException e) {
      throw new StorageException("writing CSV failed: " + e.getMessage(), e);
    }
    if (buf.length > 4 * FLUSH_AT) {
      buf = new byte[FLUSH_AT + 8192]; // a huge row grew it; do not keep the memory
    }
  }

  private void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      drained += pos;
      pos = 0;
    }
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
    try (OutputStream o = out) {
      drain();
      o.flush();
    } catch (IOException e) {
      throw new StorageException("writing CSV failed: " + e.getMessage(), e);
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
