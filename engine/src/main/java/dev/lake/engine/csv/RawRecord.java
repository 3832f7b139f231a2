package dev.lake.engine.csv;

/**
 * One CSV record as the parser saw it, reused from record to record (no allocation per record
 * beyond the field strings). A field is {@code null} when it was empty and unquoted, lake's NULL;
 * a quoted empty field is the empty string.
 */
final class RawRecord {
  /** 1-based line on which the record starts. */
  long line;

  int count;
  String[] values = new String[16];
  boolean[] quoted = new boolean[16];

  /** True for an empty line: one NULL field. */
  boolean emptyLine;

  void reset(long line) {
    this.line = line;
    this.count = 0;
    this.emptyLine = false;
  }

  void add(String value, boolean wasQuoted) {
    if (count == values.length) {
      values = java.util.Arrays.copyOf(values, count * 2);
      quoted = java.util.Arrays.copyOf(quoted, count * 2);
    }
    values[count] = value;
    quoted[count] = wasQuoted;
    count++;
  }
}
