package dev.lake.engine.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.RecordType;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.error.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Lake's CSV dialect on top of FastCSV: RFC 4180 with ',' and '"', records ending in LF, CRLF or
 * CR, no comments, empty lines kept (in a one-column table an empty line is a NULL). Yields raw
 * records with NULL (empty unquoted) told apart from the empty string ({@code ""}), which is why
 * it uses FastCSV's callback API: its {@code addField} says whether a field was quoted.
 *
 * <p>A quoted field left open at the end of the input is an error (FastCSV 4.3+ reports it;
 * earlier versions took it as closed). Errors are {@link InvalidInputException}s naming the line;
 * read failures are {@link StorageException}s.
 */
final class CsvRecordSource implements Closeable {
  /**
   * The longest field (as written, quotes doubled) that reading accepts: FastCSV's default of 16
   * Mi characters raised so that large JSON and text values still read back, while an unclosed
   * quote in a huge file still ends in an error rather than exhausting memory.
   */
  static final int MAX_FIELD_CHARS = 64 << 20;

  private final Handler handler = new Handler();
  private final CsvReader<RawRecord> csv;
  private final CloseableIterator<RawRecord> records;
  private final RawRecord holder = new RawRecord();

  CsvRecordSource(Reader in) {
    this.csv =
        CsvReader.builder()
            .fieldSeparator(',')
            .quoteCharacter('"')
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(false)
            // Field counts are checked by the callers, with line numbers and column names.
            .allowExtraFields(true)
            .allowMissingFields(true)
            .allowUnclosedQuote(false)
            .maxBufferSize(MAX_FIELD_CHARS)
            .build(handler, in);
    this.records = csv.iterator();
  }

  /** Reads UTF-8 strictly: malformed bytes are an error, not U+FFFD. */
  static CsvRecordSource of(InputStream in) {
    return new CsvRecordSource(
        withoutBom(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT))));
  }

  /** Drops a leading byte-order mark, which spreadsheet exports often write. */
  private static Reader withoutBom(Reader in) {
    PushbackReader r = new PushbackReader(in, 1);
    try {
      int first = r.read();
      if (first != -1 && first != '\uFEFF') {
        r.unread(first);
      }
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("line 1: the input is not valid UTF-8", e);
    } catch (IOException e) {
      throw new StorageException("reading CSV failed: " + e.getMessage(), e);
    }
    return r;
  }

  static CsvRecordSource of(Path file) {
    try {
      return of(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no such file: " + file, e);
    } catch (IOException e) {
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The next record, or null at the end. The returned object is reused: it stays valid until the
   * next call.
   */
  RawRecord next() {
    handler.target = holder;
    try {
      return records.hasNext() ? records.next() : null;
    } catch (CsvParseException | UncheckedIOException e) {
      throw translate(e, handler.target.line);
    }
  }

  /** The line is where the failing record started (FastCSV reports the same). */
  private static LakeException translate(RuntimeException e, long line) {
    String where = line > 0 ? "line " + line + ": " : "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return new InvalidInputException(where + "the input is not valid UTF-8", e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return new StorageException("reading CSV failed near " + where + io.getMessage(), e);
      }
    }
    Throwable deepest = e;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return new InvalidInputException(where + "malformed CSV: " + deepest.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      csv.close();
    } catch (IOException e) {
      throw new StorageException("closing CSV input failed: " + e.getMessage(), e);
    }
  }

  /** Receives FastCSV's parse events into the current {@link RawRecord}. */
  private static final class Handler extends CsvCallbackHandler<RawRecord> {
    RawRecord target;

    @Override
    protected RecordType getRecordType() {
      return target.emptyLine ? RecordType.EMPTY : RecordType.DATA;
    }

    @Override
    protected int getFieldCount() {
      return target.count;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
      target.reset(startingLineNumber);
    }

    @Override
    protected void addField(char[] buf, int offset, int len, boolean quoted) {
      String value;
      if (len == 0) {
        value = quoted ? "" : null;
      } else {
        value = new String(buf, offset, len);
      }
      target.add(value, quoted);
    }

    @Override
    protected void setComment(char[] buf, int offset, int len) {
      throw new IllegalStateException("comments are not enabled");
    }

    @Override
    protected void setEmpty() {
      target.emptyLine = true;
      target.add(null, false);
    }

    @Override
    protected RawRecord buildRecord() {
      return target;
    }
  }
}
