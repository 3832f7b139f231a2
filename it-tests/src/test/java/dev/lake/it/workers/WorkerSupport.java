package dev.lake.it.workers;

import java.nio.file.Files;
import java.nio.file.Path;

/** What every worker main shares: the start gate, line output, failure exit. */
final class WorkerSupport {
  private WorkerSupport() {}

  /** Prints one result line and flushes, so the test sees it even if the process is killed next. */
  static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /**
   * Opens the lake a worker argument names: a location, optionally followed by {@code ?k=v&...}
   * storage options (as {@link dev.lake.it.storage.StorageEndpoint#withOptions} writes it).
   */
  static dev.lake.engine.Lake openLake(String spec) {
    var parsed = dev.lake.it.storage.StorageEndpoint.parseSpec(spec);
    return dev.lake.engine.Lake.open(parsed.getKey(), parsed.getValue());
  }

  /** Announces readiness and waits (polling) until the test creates the gate file. */
  static void awaitGate(Path gate) throws InterruptedException {
    say("READY");
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!Files.exists(gate)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the start gate " + gate + " never opened");
      }
      Thread.sleep(2);
    }
  }

  /** Runs a worker body; any exception is printed in full on stderr and exits with code 1. */
  static void run(String name, ThrowingRunnable body) {
    try {
      body.run();
      System.out.flush();
      System.exit(0);
    } catch (Throwable t) {
      System.err.println(name + " failed:");
      t.printStackTrace(System.err);
      System.err.flush();
      System.exit(1);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
