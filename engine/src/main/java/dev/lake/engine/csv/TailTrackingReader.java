package dev.lake.engine.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through to the CSV parser and remembers just enough about the end of the
 * text to tell whether the last field was a properly closed quoted field.
 *
 * <p>Why: FastCSV accepts a quoted field that runs into the end of the input ({@code "abc} with
 * no closing quote) as if it were closed, silently swallowing the rest of the file into one value.
 * That can only happen to the very last field, so the text's tail decides it: a closed quoted
 * field ends with an odd run of quotes ({@code "} plus doubled quotes), an unclosed one with an
 * even run, after one optional line ending. This costs O(1) per buffer read, not a second parse.
 *
 * <p>Also drops a leading byte-order mark (U+FEFF), which editors on Windows write.
 */
final class TailTrackingReader extends FilterReader {
  /** Positions (in characters from the start) and values of the last three non-quote chars. */
  private final long[] lastPos = {-1, -1, -1};

  private final char[] lastChar = new char[3];
  private long total;
  private boolean atStart = true;

  TailTrackingReader(Reader in) {
    super(in);
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
      track(buf, off, n);
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
    throw new UnsupportedOperationException("skipping would lose track of the text's tail");
  }

  private void track(char[] buf, int off, int n) {
    // The newest non-quote characters of this chunk, newest first, then the older ones.
    long[] pos = new long[3];
    char[] chars = new char[3];
    int found = 0;
    for (int j = off + n - 1; j >= off && found < 3; j--) {
      if (buf[j] != '"') {
        pos[found] = total + (j - off);
        chars[found] = buf[j];
        found++;
      }
    }
    for (int k = 0; found < 3; k++, found++) {
      pos[found] = lastPos[k];
      chars[found] = lastChar[k];
    }
    System.arraycopy(pos, 0, lastPos, 0, 3);
    System.arraycopy(chars, 0, lastChar, 0, 3);
    total += n;
  }

  /**
   * Whether the text read so far ends with a closed quoted field whose unquoted content is
   * {@code content} (optionally followed by one line ending). Call at the end of the input, for
   * the last field of the last record when that field was quoted.
   */
  boolean endsWithClosedQuotedField(String content) {
    long end = total;
    int next = 0;
    if (lastPos[0] == total - 1 && (lastChar[0] == '\n' || lastChar[0] == '\r')) {
      if (lastChar[0] == '\n' && lastPos[1] == total - 2 && lastChar[1] == '\r') {
        end = total - 2;
        next = 2;
      } else {
        end = total - 1;
        next = 1;
      }
    }
    long quoteRun = end - (lastPos[next] + 1);
    int trailingQuotes = 0;
    for (int i = content.length() - 1; i >= 0 && content.charAt(i) == '"'; i--) {
      trailingQuotes++;
    }
    // Content of only quotes: the opening quote joins the run.
    long closedRun = 2L * trailingQuotes + (trailingQuotes == content.length() ? 2 : 1);
    return quoteRun == closedRun;
  }
}
