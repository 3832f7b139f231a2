package dev.lake.mount.fs;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;

/**
 * Makes the JVM's young generation resident before the first real rendering. A fresh JVM has
 * never touched most of its eden: the first rendering of a 1M-row table allocates some 70 MB
 * there and took ~3,800 minor page faults doing so, about a tenth of its time, where later
 * renderings reuse pages already mapped (docs/BENCHMARKS.md). Allocating short-lived arrays until
 * the first collection leaves the whole eden touched, and empty.
 */
final class YoungGeneration {
  /**
   * The largest eden filled. A larger one (the JVM's default heap on a machine with much memory)
   * is left to be touched as it is used: filling gigabytes up front would show as resident memory
   * long before the mount needs it, for a gain of a tenth of one rendering.
   */
  static final long MAX_EDEN = 256L << 20;

  private static final int CHUNK = 1 << 20;
  /** Where each array goes, so that no compiler drops the allocations. */
  private static volatile byte[] sink;

  private YoungGeneration() {}

  /** {@link #fillOnce(long)} of an eden up to {@link #MAX_EDEN}. */
  static long fillOnce() {
    return fillOnce(MAX_EDEN);
  }

  /**
   * Allocates 1 MiB arrays until a collection has run, or twice the eden's committed size has
   * been allocated; returns the bytes allocated: 0 when the eden is larger than {@code maxEden}
   * or the collector has none (e.g. ZGC).
   */
  static long fillOnce(long maxEden) {
    long eden = edenBytes();
    if (eden <= 0 || eden > maxEden) {
      return 0;
    }
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    long before = collections(collectors);
    long allocated = 0;
    while (allocated < 2 * eden && collections(collectors) == before) {
      sink = new byte[CHUNK];
      allocated += CHUNK;
    }
    sink = null;
    return allocated;
  }

  /** The committed size of the eden (the pool every collector with one names so). */
  static long edenBytes() {
    long eden = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Eden")) {
        eden += Math.max(0, pool.getUsage().getCommitted());
      }
    }
    return eden;
  }

  static long collections(List<GarbageCollectorMXBean> collectors) {
    long n = 0;
    for (GarbageCollectorMXBean c : collectors) {
      n += Math.max(0, c.getCollectionCount());
    }
    return n;
  }
}
