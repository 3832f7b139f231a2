package dev.lake.jdbc;

import dev.lake.engine.Lake;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link Lake} per location and options per process, shared by every connection (and by the
 * mount and the server when they run in the same JVM), so they share one Kernel engine.
 */
public final class LakeRegistry {
  private static final Map<String, Lake> LAKES = new ConcurrentHashMap<>();

  private LakeRegistry() {}

  /** The shared lake for a location and its storage options. */
  public static Lake open(String location, Map<String, String> storageOptions) {
    String key = location + "\u0000" + new java.util.TreeMap<>(storageOptions);
    return LAKES.computeIfAbsent(key, k -> Lake.open(location, storageOptions));
  }
}
