package dev.lake.mount.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits CSV text into raw records (the text between record terminators, quoted line breaks
 * kept), with the line each record starts on. The diff compares records as text and parses only
 * the ones that changed.
 */
final class CsvRecords {
  /** Receives one record. */
  interface Sink {
    void record(String text, long line) throws IOException;
  }

  private CsvRecords() {}

  /** Reads every record; terminators are LF, CRLF or CR outside quotes. */
  static void split(Reader in, Sink sink) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    StringBuilder cur = new StringBuilder(128);
    boolean quoted = false;
    long line = 1;
    long start = 1;
    boolean any = false;
    int c;
    while ((c = r.read()) != -1) {
      any = true;
      if (c == '"') {
        quoted = !quoted;
        cur.append('"');
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (c == '\r') {
          r.mark(1);
          if (r.read() != '\n') {
            r.reset();
          }
        }
        sink.record(cur.toString(), start);
        cur.setLength(0);
        line++;
        start = line;
        any = false;
      } else {
        if (c == '\n' || (c == '\r')) {
          line++;
        }
        cur.append((char) c);
      }
    }
    if (any) {
      sink.record(cur.toString(), start);
    }
  }
}
