package dev.lake.jdbc.plan;

import java.time.Instant;

/**
 * Which version a scan reads: the latest, a version number or the version current at a time.
 *
 * @param version the version, or -1
 * @param timestamp the time in epoch milliseconds (UTC), or null
 */
public record AsOf(long version, Long timestamp) {
  /** The latest version at execution time. */
  public static final AsOf LATEST = new AsOf(-1, null);

  public static AsOf version(long v) {
    return new AsOf(v, null);
  }

  public static AsOf timestamp(long millis) {
    return new AsOf(-1, millis);
  }

  public boolean isLatest() {
    return version < 0 && timestamp == null;
  }

  @Override
  public String toString() {
    if (version >= 0) {
      return "VERSION " + version;
    }
    return timestamp == null ? "LATEST" : "TIMESTAMP " + Instant.ofEpochMilli(timestamp);
  }
}
