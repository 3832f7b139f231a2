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
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private CsvDiff() {}

  /**
   * The changes from {@code base} to {@code edited}.
   *
   * @throws LakeException (InvalidInput, Schema, Constraint) naming the line of {@code edited}
   */
  static ChangeSet diff(Path base, Path edited, Schema schema, List<String> primaryKey) {
    try {
      Map<Long, Integer> baseCounts = new HashMap<>();
      String[] baseHeader = new String[1];
      try (Reader r = Files.newBufferedReader(base, StandardCharsets.UTF_8)) {
        CsvRecords.split(r, (text, line) -> {
          if (baseHeader[0] == null) {
            baseHeader[0] = text;
          } else {
            baseCounts.merge(hash(text), 1, Integer::sum);
          }
        });
      }
      String[] header = new String[1];
      List<String> added = new ArrayList<>();
      List<Long> addedLines = new ArrayList<>();
      try (Reader r = Files.newBufferedReader(edited, StandardCharsets.UTF_8)) {
        CsvRecords.split(r, (text, line) -> {
          if (header[0] == null) {
            header[0] = text;
            return;
          }
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
            addedLines.add(line);
          }
        });
      }
      List<String> removed = new ArrayList<>();
      if (!baseCounts.isEmpty()) {
        try (Reader r = Files.newBufferedReader(base, StandardCharsets.UTF_8)) {
          boolean[] first = {true};
          CsvRecords.split(r, (text, line) -> {
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
      }
      if (header[0] == null) {
        // An empty file: every row goes.
        header[0] = baseHeader[0];
      }
      List<Object[]> newRows = parse(header[0], added, addedLines, schema);
      List<Object[]> oldRows = parse(baseHeader[0], removed, null, schema);
      return changes(oldRows, newRows, schema, primaryKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** "line N" of the parsed text to the line in the user's file. */
  private static LakeException relabel(LakeException e, List<Long> lines) {
    if (lines == null) {
      return e;
    }
    Matcher m = LINE.matcher(e.getMessage());
    if (!m.find()) {
      return e;
    }
    int n = Integer.parseInt(m.group(1));
    String line = n == 1 ? "line 1 (the header)" : n - 2 < lines.size() ? "line " + lines.get(n - 2) : m.group();
    String msg = e.getMessage().substring(0, m.start()) + line + e.getMessage().substring(m.end());
    if (e instanceof dev.lake.engine.error.SchemaException) {
      return new dev.lake.engine.error.SchemaException(msg, e);
    }
    if (e instanceof dev.lake.engine.error.ConstraintViolationException) {
      return new dev.lake.engine.error.ConstraintViolationException(msg, e);
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
