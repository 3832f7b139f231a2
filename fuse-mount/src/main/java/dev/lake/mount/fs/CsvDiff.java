package dev.lake.mount.fs;

import dev.lake.engine.csv.CsvRowReader;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.write.ChangeSet;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference between the CSV a writer started from (the rendering of a version) and the CSV
 * it wrote, as row changes: records are compared as text by a 64-bit hash (unchanged records are
 * never parsed), the changed ones are parsed, rows whose values did not really change cancel
 * out, and with a primary key a removed and an added row with the same key become an update.
 * Memory holds one hash count per distinct record, plus the changed rows.
 */
final class CsvDiff {

  private CsvDiff() {}

  /**
   * The changes from {@code base} to {@code edited}.
   *
   * @throws LakeException (InvalidInput, Schema, Constraint) naming the line of {@code edited}
   */
  static ChangeSet diff(
      java.util.function.Supplier<java.io.InputStream> base, Path edited, Schema schema, List<String> primaryKey) {
    Path baseFile = null;
    try {
      baseFile = Files.createTempFile(edited.getParent(), "base-", ".csv");
      try (java.io.InputStream in = base.get()) {
        Files.copy(in, baseFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return diff(baseFile, edited, schema, primaryKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (baseFile != null) {
        try {
          Files.deleteIfExists(baseFile);
        } catch (IOException e) {
          // a temp file in the staging area; removed at unmount
        }
      }
    }
  }

  /**
   * The changes from the CSV file {@code base} to {@code edited}. Most edits touch a few rows
   * (sed, an editor): the common leading and trailing records are skipped by comparing bytes,
   * and only the records in between are hashed and parsed.
   */
  static ChangeSet diff(Path base, Path edited, Schema schema, List<String> primaryKey) throws IOException {
    Region r = Region.of(base, edited);
    String header = withoutBom(firstRecord(edited));
    String baseHeader = firstRecord(base);
    Map<Long, Integer> baseCounts = new HashMap<>();
    boolean[] first = {r.headerChanged()};
    split(base, r.baseStart, r.baseEnd, (text, line) -> {
      if (first[0]) {
        first[0] = false;
        return;
      }
      baseCounts.merge(hash(text), 1, Integer::sum);
    });
    List<String> added = new ArrayList<>();
    List<Long> addedLines = new ArrayList<>();
    first[0] = r.headerChanged();
    long firstLine = r.editedStartLine;
    split(edited, r.editedStart, r.editedEnd, (text, line) -> {
      if (first[0]) {
        first[0] = false;
        return;
      }
      text = line == 1 && r.editedStart == 0 ? withoutBom(text) : text;
      long h = hash(text);
      Integer n = baseCounts.get(h);
      if (n != null && n > 0) {
        if (n == 1) {
          baseCounts.remove(h);
        } else {
          baseCounts.put(h, n - 1);
        }
      } else {
        added.add(text);
        addedLines.add(firstLine + line - 1);
      }
    });
    List<String> removed = new ArrayList<>();
    if (!baseCounts.isEmpty()) {
      first[0] = r.headerChanged();
      split(base, r.baseStart, r.baseEnd, (text, line) -> {
        if (first[0]) {
          first[0] = false;
          return;
        }
        long h = hash(text);
        Integer n = baseCounts.get(h);
        if (n != null && n > 0) {
          baseCounts.put(h, n - 1);
          removed.add(text);
        }
      });
    }
    List<Object[]> newRows = parse(header == null ? baseHeader : header, added, addedLines, schema);
    List<Object[]> oldRows = parse(baseHeader, removed, null, schema);
    lastKeyLines.remove();
    if (!primaryKey.isEmpty()) {
      // Remember where each new key was written, to name the line of a key violation.
      int[] pk = primaryKey.stream().mapToInt(schema::require).toArray();
      Map<String, Long> where = new HashMap<>();
      for (int i = 0; i < newRows.size(); i++) {
        where.putIfAbsent(ValueKey.of(newRows.get(i), pk).describe(primaryKey), addedLines.get(i));
      }
      lastKeyLines.set(where);
    }
    return changes(oldRows, newRows, schema, primaryKey);
  }

  /** The records of {@code file} between two byte offsets (which are record boundaries). */
  private static void split(Path file, long from, long to, CsvRecords.Sink sink) throws IOException {
    try (FileChannelRange in = new FileChannelRange(file, from, to);
        Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      CsvRecords.split(r, sink);
    }
  }

  /** Spreadsheet exports start with a byte-order mark; it is not part of the header. */
  private static String withoutBom(String s) {
    return s != null && s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String firstRecord(Path file) throws IOException {
    String[] h = new String[1];
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRecords.split(r, (text, line) -> {
        h[0] = text;
        throw new StopSplit();
      });
    } catch (StopSplit e) {
      // header read
    }
    return h[0];
  }

  /** Ends a split early. */
  private static final class StopSplit extends IOException {
    StopSplit() {
      super(null, null);
    }
  }

  /**
   * The byte ranges of two CSV files that differ, widened to whole records: everything before
   * {@code baseStart}/{@code editedStart} and after {@code baseEnd}/{@code editedEnd} is equal.
   */
  record Region(long baseStart, long baseEnd, long editedStart, long editedEnd, long editedStartLine) {
    /** True when the header itself lies in the differing range (it is then its first record). */
    boolean headerChanged() {
      return editedStart == 0;
    }

    static Region of(Path base, Path edited) throws IOException {
      try (FileChannel a = FileChannel.open(base); FileChannel b = FileChannel.open(edited)) {
        long la = a.size();
        long lb = b.size();
        // Common prefix, cut back to the end of the last whole record before the first difference.
        ByteBuffer ba = ByteBuffer.allocate(1 << 16);
        ByteBuffer bb = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        long boundary = 0;
        long lines = 1;
        long boundaryLine = 1;
        boolean quoted = false;
        scan:
        while (pos < la && pos < lb) {
          ba.clear();
          bb.clear();
          int na = a.read(ba, pos);
          int nb = b.read(bb, pos);
          int n = Math.min(na, nb);
          for (int i = 0; i < n; i++) {
            byte x = ba.get(i);
            if (x != bb.get(i)) {
              break scan;
            }
            if (x == '"') {
              quoted = !quoted;
            } else if (x == '\n') {
              lines++;
              if (!quoted) {
                boundary = pos + i + 1;
                boundaryLine = lines;
              }
            }
          }
          pos += n;
        }
        if (pos == la && pos == lb) {
          return new Region(la, la, lb, lb, lines); // identical
        }
        long start = boundary;
        // Common suffix (not overlapping the prefix).
        long suffix = 0;
        long max = Math.min(la, lb) - start;
        while (suffix < max) {
          int n = (int) Math.min(1 << 16, max - suffix);
          ba.clear().limit(n);
          bb.clear().limit(n);
          a.read(ba, la - suffix - n);
          b.read(bb, lb - suffix - n);
          int i = n - 1;
          while (i >= 0 && ba.get(i) == bb.get(i)) {
            i--;
          }
          if (i >= 0) {
            suffix += n - 1 - i;
            break;
          }
          suffix += n;
        }
        // Both differing ranges must end on the same record boundary inside the common suffix:
        // extend the edited range to the next newline outside quotes, and check that quotes
        // balance the same way in both ranges (else fall back to everything after the prefix).
        long[] endB = extendToBoundary(b, start, lb - suffix, lb);
        long[] endA = extendToBoundary(a, start, la - suffix, la);
        long extraB = endB[0] - (lb - suffix);
        long extraA = endA[0] - (la - suffix);
        if (endA[1] != endB[1] || extraA != extraB) {
          return new Region(start, la, start, lb, boundaryLine);
        }
        return new Region(start, endA[0], start, endB[0], boundaryLine);
      }
    }

    /**
     * From {@code from} (a record boundary), the first record boundary at or after {@code min};
     * returns {boundary, quote parity of the bytes in between}.
     */
    private static long[] extendToBoundary(FileChannel ch, long from, long min, long size) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      boolean quoted = false;
      long pos = from;
      long parityAtMin = -1;
      while (pos < size) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          long at = pos + i;
          if (at == min) {
            parityAtMin = quoted ? 1 : 0;
          }
          byte x = buf.get(i);
          if (x == '"') {
            quoted = !quoted;
          } else if (x == '\n' && !quoted && at >= min) {
            return new long[] {at + 1, parityAtMin < 0 ? (quoted ? 1 : 0) : parityAtMin};
          }
        }
        pos += n;
      }
      return new long[] {size, parityAtMin < 0 ? (quoted ? 1 : 0) : parityAtMin};
    }
  }

  /**
   * Rows of records, parsed with the file's header; errors name the file's line.
   *
   * @param lines the file line of each record, or null when errors cannot happen (base)
   */
  static List<Object[]> parse(String header, List<String> records, List<Long> lines, Schema schema) {
    List<Object[]> rows = new ArrayList<>(records.size());
    if (records.isEmpty() && header != null) {
      // Still check the header: a file with a wrong header and no rows must not pass.
      try (CsvRowReader reader = CsvRowReader.open(new StringReader(header + "\n"), schema)) {
        while (reader.hasNext()) {
          reader.next();
        }
      } catch (LakeException e) {
        throw relabel(e, lines);
      }
      return rows;
    }
    StringBuilder text = new StringBuilder(header).append('\n');
    for (String r : records) {
      text.append(r).append('\n');
    }
    try (CsvRowReader reader = CsvRowReader.open(new StringReader(text.toString()), schema)) {
      while (reader.hasNext()) {
        rows.add(reader.next());
      }
    } catch (LakeException e) {
      throw relabel(e, lines);
    }
    return rows;
  }

  /** Per thread: the file line of each key the last diff wrote (key text to line). */
  private static final ThreadLocal<Map<String, Long>> lastKeyLines = new ThreadLocal<>();

  /** A key violation of the last diff's changes, with the line that wrote the key. */
  static LakeException withKeyLine(LakeException e) {
    Map<String, Long> where = lastKeyLines.get();
    if (where == null || e.kind() != dev.lake.engine.error.ErrorKind.CONSTRAINT) {
      return e;
    }
    for (Map.Entry<String, Long> w : where.entrySet()) {
      if (e.getMessage().contains(w.getKey())) {
        return new dev.lake.engine.error.ConstraintViolationException("line " + w.getValue() + ": " + e.getMessage(), e);
      }
    }
    return e;
  }

  /**
   * Every "line N" (and "record starting at line N") of the parsed text, and "row N" of the
   * engine, to the line in the user's file.
   */
  static LakeException relabel(LakeException e, List<Long> lines) {
    if (lines == null) {
      return e;
    }
    Matcher m = Pattern.compile("(record starting at )?line (\\d+)|row (\\d+)").matcher(e.getMessage());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int n = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
      // Parsed text: line 1 is the header, line k+1 the k-th record; engine rows count from 1.
      int index = m.group(3) != null ? n - 1 : n - 2;
      String where;
      if (m.group(3) == null && n == 1) {
        where = "line 1 (the header)";
      } else if (index >= 0 && index < lines.size()) {
        where = "line " + lines.get(index);
      } else {
        where = m.group();
      }
      m.appendReplacement(sb, Matcher.quoteReplacement((m.group(1) != null ? m.group(1) : "") + where));
    }
    m.appendTail(sb);
    String msg = sb.toString();
    if (e instanceof dev.lake.engine.error.SchemaException) {
      return new dev.lake.engine.error.SchemaException(msg, e);
    }
    if (e instanceof dev.lake.engine.error.ConstraintViolationException) {
      return new dev.lake.engine.error.ConstraintViolationException(msg, e);
    }
    if (e instanceof dev.lake.engine.error.ConflictException) {
      return new dev.lake.engine.error.ConflictException(msg, e);
    }
    return new InvalidInputException(msg, e);
  }

  /** Cancels rows that did not change in value, pairs the rest by key into updates. */
  static ChangeSet changes(List<Object[]> oldRows, List<Object[]> newRows, Schema schema, List<String> primaryKey) {
    int[] all = new int[schema.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Map<ValueKey, Integer> pendingOld = new HashMap<>();
    for (Object[] r : oldRows) {
      pendingOld.merge(ValueKey.of(r, all), 1, Integer::sum);
    }
    List<Object[]> inserts = new ArrayList<>();
    for (Object[] r : newRows) {
      ValueKey k = ValueKey.of(r, all);
      Integer n = pendingOld.get(k);
      if (n != null && n > 0) {
        pendingOld.put(k, n - 1); // same values, other spelling (e.g. 1.5 for 1.50): no change
      } else {
        inserts.add(r);
      }
    }
    List<Object[]> deletes = new ArrayList<>();
    for (Object[] r : oldRows) {
      ValueKey k = ValueKey.of(r, all);
      Integer n = pendingOld.get(k);
      if (n != null && n > 0) {
        pendingOld.put(k, n - 1);
        deletes.add(r);
      }
    }
    ChangeSet set = new ChangeSet();
    if (primaryKey.isEmpty()) {
      deletes.forEach(set::delete);
      inserts.forEach(set::insert);
      return set;
    }
    int[] pk = primaryKey.stream().mapToInt(schema::require).toArray();
    Map<ValueKey, Object[]> deletedByKey = new LinkedHashMap<>();
    for (Object[] r : deletes) {
      deletedByKey.put(ValueKey.of(r, pk), r);
    }
    for (Object[] r : inserts) {
      Object[] before = deletedByKey.remove(ValueKey.of(r, pk));
      if (before != null) {
        set.update(before, r);
      } else {
        set.insert(r);
      }
    }
    for (Iterator<Object[]> it = deletedByKey.values().iterator(); it.hasNext(); ) {
      set.delete(it.next());
    }
    return set;
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** A 64-bit hash of a record's text (MD5's first 8 bytes: collisions are astronomically rare). */
  static long hash(String text) {
    byte[] d = MD5.get().digest(text.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }
}
