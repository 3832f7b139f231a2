package dev.lake.jdbc;

import dev.lake.engine.Lake;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link Lake} per location and options per process, shared by every open connection to it,
 * so they share one Kernel engine and its caches. A lake is closed and forgotten when its last
 * connection closes: a long-running tool that connects to many locations (DBeaver, a server)
 * does not keep them all open.
 */
public final class LakeRegistry {
  private static final Map<String, Entry> LAKES = new HashMap<>();

  private LakeRegistry() {}

  private static final class Entry {
    final Lake lake;
    int users;

    Entry(Lake lake) {
      this.lake = lake;
    }
  }

  /**
   * The shared lake for a location and its storage options, counted as used until
   * {@link #release} is called for it once.
   */
  public static synchronized Lake acquire(String location, Map<String, String> storageOptions) {
    String key = key(location, storageOptions);
    Entry e = LAKES.get(key);
    if (e == null) {
      // Opening may fail (bad location, unreachable storage): nothing is registered then.
      e = new Entry(Lake.open(location, storageOptions));
      LAKES.put(key, e);
    }
    e.users++;
    return e.lake;
  }

  /** Ends one use of a lake from {@link #acquire}; the last use closes it. */
  public static synchronized void release(Lake lake) {
    LAKES.entrySet().removeIf(
        kv -> {
          Entry e = kv.getValue();
          if (e.lake != lake || --e.users > 0) {
            return false;
          }
          e.lake.close();
          return true;
        });
  }

  /** How many lakes are open (for tests and diagnostics). */
  static synchronized int openLakes() {
    return LAKES.size();
  }

  private static String key(String location, Map<String, String> storageOptions) {
    return location + '\u0000' + new TreeMap<>(storageOptions);
  }
}
