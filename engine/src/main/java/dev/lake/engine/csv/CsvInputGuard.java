package dev.lake.engine.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the input and FastCSV 4.0.0, following RFC 4180 quote state as characters pass,
 * to cover two gaps of that parser without a second parse:
 *
 * <ol>
 *   <li><b>Unclosed quote at the end.</b> FastCSV 4.0.0 takes a quoted field that runs into the
 *       end of the input as if it were closed, silently turning the rest of the file into one
 *       value. {@link #endsInsideQuotes()} tells the caller, which reports it.
 *   <li><b>Lost records after a bare CR.</b> In FastCSV 4.0.0 a CR inside a quoted field sets a
 *       "last char was CR" flag that the closing quote does not clear, so an LF ending that record
 *       is swallowed as the second half of a CRLF and the whole quoted field is dropped ({@code
 *       "a\rb"\nc} reads as one record {@code [c]}; fixed upstream in 4.3.0, commit a6d3de5).
 *       Here such a record-ending LF is handed to FastCSV as a CR, which ends the record the same
 *       way; so are LFs right after it (empty lines), which FastCSV would otherwise merge into a
 *       CRLF. Record terminators are not data, so no value changes, and line numbers stay right.
 * </ol>
 *
 * It also drops a leading byte-order mark (U+FEFF), which Windows editors write.
 *
 * <p>The state machine mirrors FastCSV's strict parser: a quote opens a quoted field only at the
 * start of a field; inside one, {@code ""} is a quote and a single quote closes it; the
 * "stale CR" flag is set by CR and cleared by LF or by an escaped quote, as FastCSV does.
 */
final class CsvInputGuard extends FilterReader {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  /** After a record-ending LF was turned into CR: further LFs get the same treatment. */
  private static final int AFTER_REWRITE = 4;

  private int state = FIELD_START;
  private boolean staleCr;
  private boolean atStart = true;

  CsvInputGuard(Reader in) {
    super(in);
  }

  /** True when the input read so far ends inside a quoted field (an unclosed quote at EOF). */
  boolean endsInsideQuotes() {
    return state == QUOTED;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    int n;
    do {
      n = in.read(buf, off, len);
      if (n > 0 && atStart) {
        atStart = false;
        if (buf[off] == '\uFEFF') {
          System.arraycopy(buf, off + 1, buf, off, n - 1);
          n--;
        }
      }
    } while (n == 0 && len > 0);
    if (n > 0) {
      scan(buf, off, off + n);
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0];
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("skipping would lose the quote state");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void scan(char[] b, int from, int to) {
    int st = state;
    boolean stale = staleCr;
    int i = from;
    while (i < to) {
      // The two long-running states get tight loops; the others look at one character.
      if (st == UNQUOTED) {
        while (i < to) {
          char c = b[i++];
          if (c <= ',' && (c == ',' || c == '\n' || c == '\r')) {
            st = FIELD_START;
            break;
          }
        }
        continue;
      }
      if (st == QUOTED) {
        while (i < to) {
          char c = b[i++];
          if (c <= '"') {
            if (c == '"') {
              st = QUOTE_SEEN;
              break;
            } else if (c == '\r') {
              stale = true;
            } else if (c == '\n') {
              stale = false;
            }
          }
        }
        continue;
      }
      char c = b[i];
      if (st == QUOTE_SEEN) {
        if (c == '"') {
          st = QUOTED; // an escaped quote; FastCSV re-enters quoted mode with the flag cleared
        } else if (c == '\n' && stale) {
          b[i] = '\r';
          st = AFTER_REWRITE;
        } else if (c == ',' || c == '\n' || c == '\r') {
          st = FIELD_START;
        } else {
          st = UNQUOTED; // FastCSV rejects text after a closing quote
        }
        stale = false;
      } else if (c == '\n' && st == AFTER_REWRITE) {
        b[i] = '\r';
      } else if (c == '"') {
        st = QUOTED;
        stale = false;
      } else if (c == ',' || c == '\n' || c == '\r') {
        st = FIELD_START;
      } else {
        st = UNQUOTED;
      }
      i++;
    }
    state = st;
    staleCr = stale;
  }
}
