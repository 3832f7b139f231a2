package dev.lake.mount.fs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why writes (and renderings) failed, per table, readable as {@code <table>/errors.log}: bash
 * ignores errors from close() on {@code >>}, so this file is where a user learns which line was
 * refused and why; {@code cat} of a table that cannot be read only says "Input/output error".
 * Keeps the latest entries in memory (the mount's lifetime) and also logs them to stderr.
 */
final class ErrorLog {
  private static final int MAX_ENTRIES = 1000;

  private final Map<String, Deque<String>> byTable = new ConcurrentHashMap<>();

  /** The latest read failure recorded per table, so that a repeated stat logs it once. */
  private final Map<String, String> lastRead = new ConcurrentHashMap<>();

  /**
   * Records why a file of the table could not be read; the same read failing with the same
   * errno again (every stat of the file repeats it, naming whichever missing data file the
   * parallel rendering hit first) is not recorded twice in a row.
   */
  void recordRead(String table, String operation, FsError error) {
    String key = operation + " " + error.errno();
    if (!key.equals(lastRead.put(table, key))) {
      record(table, operation, error);
    }
  }

  void record(String table, String operation, FsError error) {
    String line = Instant.now() + " " + operation + " " + error.errno() + ": " + error.getMessage() + "\n";
    Deque<String> q = byTable.computeIfAbsent(table, t -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(line);
      while (q.size() > MAX_ENTRIES) {
        q.removeFirst();
      }
    }
    System.err.print("lake mount: " + table + ": " + line);
  }

  /** The log's text for a table. */
  byte[] text(String table) {
    Deque<String> q = byTable.get(table);
    if (q == null) {
      return new byte[0];
    }
    StringBuilder sb = new StringBuilder();
    synchronized (q) {
      q.forEach(sb::append);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
