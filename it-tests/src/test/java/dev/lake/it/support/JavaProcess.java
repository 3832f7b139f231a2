package dev.lake.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separate JVM running a main class of the test classpath, with the same JDK flags as the test
 * JVM. Its stdout is collected line by line (workers report results there) and its stderr is
 * kept and echoed to the test's output, prefixed with the process name, so a worker's stack trace
 * shows up next to the failing assertion. Always {@link #close()} it (try-with-resources): that
 * kills the process if it still runs.
 */
public final class JavaProcess implements AutoCloseable {
  /** How long a worker may run before the test gives up on it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final String name;
  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final Thread outPump;
  private final Thread errPump;

  private JavaProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.outPump = pump(process.getInputStream(), stdout, false);
    this.errPump = pump(process.getErrorStream(), stderr, true);
  }

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM.
   *
   * @param name a short label used in output and messages, e.g. {@code writer-3}
   */
  public static JavaProcess start(String name, Class<?> mainClass, String... args) {
    return start(name, java.util.Map.of(), mainClass, args);
  }

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM whose environment is the test's plus
   * {@code env} (e.g. storage credentials such as {@code AZURE_STORAGE_CONNECTION_STRING}).
   */
  public static JavaProcess start(String name, java.util.Map<String, String> env, Class<?> mainClass, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    try {
      return new JavaProcess(name, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
    }
  }

  /**
   * The flags of the test JVM ({@code lake.test.jvm} of the parent pom, passed by failsafe as
   * {@code lake.it.jvmFlags}), minus heap and GC choices, plus settings for small short-lived
   * workers: many of them run at once on a small machine.
   */
  static List<String> jvmFlags() {
    String configured = System.getProperty("lake.it.jvmFlags", "");
    List<String> flags = new ArrayList<>();
    for (String f : configured.trim().split("\\s+")) {
      if (f.isEmpty() || f.startsWith("-Xmx") || f.startsWith("-Xms") || f.matches("-XX:[+-]Use\\w*GC")) {
        continue;
      }
      flags.add(f);
    }
    if (flags.stream().noneMatch(f -> f.startsWith("--add-opens"))) {
      // Running from an IDE without the failsafe configuration: the flags Hadoop and Parquet need.
      flags.addAll(
          List.of(
              "--add-opens=java.base/java.lang=ALL-UNNAMED",
              "--add-opens=java.base/java.nio=ALL-UNNAMED",
              "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
              "--add-opens=java.base/java.util=ALL-UNNAMED"));
    }
    flags.add("-Xmx256m");
    flags.add("-XX:+UseSerialGC");
    flags.add("-XX:TieredStopAtLevel=1");
    // Kernel and Hadoop log expected events (a lost commit race, a missing optional .crc file)
    // as warnings with stack traces; only lake's own warnings and everyone's errors are shown.
    flags.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    flags.add("-Dorg.slf4j.simpleLogger.log.dev.lake=warn");
    return flags;
  }

  private Thread pump(InputStream in, List<String> sink, boolean echo) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (sink) {
                    sink.add(line);
                    sink.notifyAll();
                  }
                  if (echo) {
                    System.err.println("[" + name + "] " + line);
                  }
                }
              } catch (IOException e) {
                // The process died: what was read is all there is.
              }
            },
            name + (echo ? "-stderr" : "-stdout"));
    t.setDaemon(true);
    t.start();
    return t;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Lines printed on stdout so far. */
  public List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  /** Lines printed on stderr so far. */
  public List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** Lines of stdout that start with {@code prefix}. */
  public List<String> stdoutLines(String prefix) {
    return stdout().stream().filter(l -> l.startsWith(prefix)).toList();
  }

  /**
   * Waits until {@code count} stdout lines satisfy {@code test}, or fails if the process ends or
   * the timeout passes first.
   */
  public void awaitLines(Predicate<String> test, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (stdout) {
      while (stdout.stream().filter(test).count() < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(name + ": timed out after " + timeout + " waiting for " + count
              + " matching lines" + describe());
        }
        if (!process.isAlive() && !outPump.isAlive()) {
          throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing " + count
              + " matching lines" + describe());
        }
        stdout.wait(Math.min(left, 200));
      }
    }
  }

  /**
   * Waits for the process to end (failing after {@code timeout}) and for its output to be read.
   *
   * @return the exit code
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + timeout + describe());
    }
    outPump.join(10_000);
    errPump.join(10_000);
    return process.exitValue();
  }

  /** Waits for a normal end and fails (with the worker's output) on a non-zero exit code. */
  public void awaitSuccess(Duration timeout) throws InterruptedException {
    int code = awaitExit(timeout);
    if (code != 0) {
      throw new AssertionError(name + " failed with exit code " + code + describe());
    }
  }

  /** SIGKILL on Linux: the process gets no chance to clean up. Waits until it is gone. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError(name + " survived SIGKILL for a minute");
    }
    outPump.join(10_000);
    errPump.join(10_000);
    return process.exitValue();
  }

  /** The last lines of stdout and stderr, for failure messages. */
  public String describe() {
    List<String> out = stdout();
    List<String> err = stderr();
    return "\n--- " + name + " (pid " + process.pid() + ") stdout, last lines:\n"
        + String.join("\n", out.subList(Math.max(0, out.size() - 20), out.size()))
        + "\n--- " + name + " stderr, last lines:\n"
        + String.join("\n", err.subList(Math.max(0, err.size() - 60), err.size()));
  }

  @Override
  public void close() {
    kill(process);
  }

  /** Kills a process still running (SIGKILL) and waits for it to end, at most 30 s. */
  public static void kill(Process process) {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates the file workers wait for before they start their operations. */
  public static void openGate(Path gate) {
    try {
      Files.writeString(gate, "go");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
