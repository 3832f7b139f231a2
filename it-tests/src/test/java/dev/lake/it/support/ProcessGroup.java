package dev.lake.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker processes started together, released together through a gate file, awaited together
 * and always killed on close (so a failing test leaves no JVM behind).
 */
public final class ProcessGroup implements AutoCloseable {
  private final List<JavaProcess> processes = new ArrayList<>();

  public JavaProcess start(String name, Class<?> mainClass, String... args) {
    JavaProcess p = JavaProcess.start(name, mainClass, args);
    processes.add(p);
    return p;
  }

  /** Starts a worker whose environment is the test's plus {@code env}. */
  public JavaProcess start(String name, java.util.Map<String, String> env, Class<?> mainClass, String... args) {
    JavaProcess p = JavaProcess.start(name, env, mainClass, args);
    processes.add(p);
    return p;
  }

  public List<JavaProcess> processes() {
    return List.copyOf(processes);
  }

  /**
   * Waits until every worker has printed {@code READY} (JVM up, table opened), then creates the
   * gate file so all of them start their commits at the same moment.
   */
  public void releaseWhenReady(Path gate, Duration timeout) throws InterruptedException {
    for (JavaProcess p : processes) {
      p.awaitLines(l -> l.equals("READY"), 1, timeout);
    }
    JavaProcess.openGate(gate);
  }

  /** Waits for every worker to exit with code 0; fails with the output of the first that did not. */
  public void awaitAllSuccess(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (JavaProcess p : processes) {
      long left = Math.max(1, deadline - System.nanoTime());
      p.awaitSuccess(Duration.ofNanos(left));
    }
  }

  @Override
  public void close() {
    for (JavaProcess p : processes) {
      p.close();
    }
  }
}
