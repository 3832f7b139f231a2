package dev.lake.mount.fs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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

  /** Read failures per table that are still failing (logged once each), oldest first. */
  private final Map<String, Set<String>> failingReads = new ConcurrentHashMap<>();

  private static final int MAX_FAILING_READS = 64;

  /**
   * Records why {@code path} of the table could not be read — once while it keeps failing with
   * the same errno (every stat and read of the file repeats the failure, naming whichever missing
   * data file the parallel rendering hit first), again after it was read successfully in between
   * ({@link #readSucceeded}).
   */
  void recordRead(String table, String path, FsError error) {
    String key = path + " " + error.errno();
    Set<String> failing = failingReads.computeIfAbsent(table, t -> new LinkedHashSet<>());
    boolean added;
    synchronized (failing) {
      added = failing.add(key);
      if (added && failing.size() > MAX_FAILING_READS) {
        failing.remove(failing.iterator().next());
      }
    }
    if (added) {
      record(table, "read " + path, error);
    }
  }

  /** {@code path} was read: its next failure is logged. Cheap when nothing of the table failed. */
  void readSucceeded(String table, String path) {
    Set<String> failing = failingReads.get(table);
    if (failing != null) {
      synchronized (failing) {
        failing.removeIf(k -> k.startsWith(path + " "));
      }
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
