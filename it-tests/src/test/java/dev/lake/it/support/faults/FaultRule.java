package dev.lake.it.support.faults;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One line of a {@link FaultProxy}'s script: requests with this method whose decoded path
 * matches {@code path} (and whose decoded query contains every fragment of {@code query}) get
 * {@code fault}, for the next {@code times} of them ({@link #FOREVER} for all). It counts the
 * requests it applied its fault to, so a test can assert the client really met the fault and
 * retried past it.
 */
public final class FaultRule {
  /** A rule that never runs out. */
  public static final int FOREVER = Integer.MAX_VALUE;

  private final String method;
  private final Pattern path;
  private final String[] query;
  private final Fault fault;
  private final int times;
  private final AtomicInteger remaining;
  private final AtomicInteger hits = new AtomicInteger();
  private volatile Runnable beforeFirst;

  FaultRule(String method, Pattern path, String[] query, Fault fault, int times) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.fault = fault;
    this.times = times;
    this.remaining = new AtomicInteger(times);
  }

  /**
   * Runs {@code action} (on the proxy's thread, before the fault) the first time the rule
   * applies: e.g. another writer commits while this writer's request is "in flight".
   */
  public FaultRule beforeFirst(Runnable action) {
    this.beforeFirst = action;
    return this;
  }

  /** How many requests got this rule's fault so far. */
  public int hits() {
    return hits.get();
  }

  /**
   * How many requests the rule was written for ({@link #FOREVER} for all): a rule met exactly
   * this often proves the client retried past every fault it scripted.
   */
  public int times() {
    return times;
  }

  /** The fault. */
  public Fault fault() {
    return fault;
  }

  boolean matches(String m, String decodedPath, String decodedQuery) {
    if (!method.equals(m) || !path.matcher(decodedPath).matches()) {
      return false;
    }
    for (String q : query) {
      if (!decodedQuery.contains(q)) {
        return false;
      }
    }
    return true;
  }

  /** Takes one application of the rule if any is left (atomically: racing requests each get their own). */
  boolean take() {
    while (true) {
      int r = remaining.get();
      if (r <= 0) {
        return false;
      }
      if (r == FOREVER || remaining.compareAndSet(r, r - 1)) {
        int n = hits.incrementAndGet();
        Runnable first = beforeFirst;
        if (n == 1 && first != null) {
          first.run();
        }
        return true;
      }
    }
  }

  @Override
  public String toString() {
    return method + " " + path + (query.length == 0 ? "" : " ?" + String.join("&", query)) + " -> " + fault
        + " (hits " + hits + ")";
  }
}
