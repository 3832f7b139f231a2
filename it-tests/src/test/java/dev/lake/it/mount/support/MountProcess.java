package dev.lake.it.mount.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code lake} command line ({@code dev.lake.cli.LakeCli}) in a separate JVM with the test
 * class path and the project's JVM flags: {@code lake mount LOCATION MOUNTPOINT} as a server
 * to kill, or any other command run to completion. Output goes to a log file (shown in failure
 * messages). {@link #close()} kills the process if it still runs and lazily unmounts.
 */
public final class MountProcess implements AutoCloseable {
  private final Process process;
  private final Path mountPoint;
  private final Path log;

  private MountProcess(Process process, Path mountPoint, Path log) {
    this.process = process;
    this.mountPoint = mountPoint;
    this.log = log;
  }

  /** The JVM flags of the test JVM (failsafe passes them as lake.it.jvmFlags), for small short-lived JVMs. */
  static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String f : System.getProperty("lake.it.jvmFlags", "").trim().split("\\s+")) {
      if (f.isEmpty() || f.startsWith("-Xmx") || f.startsWith("-Xms") || f.matches("-XX:[+-]Use\\w*GC")) {
        continue;
      }
      flags.add(f);
    }
    if (flags.stream().noneMatch(f -> f.startsWith("--add-opens"))) {
      flags.addAll(List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED"));
    }
    flags.add("-Xmx384m");
    flags.add("-XX:+UseSerialGC");
    flags.add("-XX:TieredStopAtLevel=1");
    flags.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
    flags.add("-Dorg.slf4j.simpleLogger.log.dev.lake=warn");
    return flags;
  }

  private static Process startCli(Path log, List<String> extraJvmFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags());
    cmd.addAll(extraJvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.lake.cli.LakeCli");
    cmd.addAll(List.of(args));
    try {
      return new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  /** Runs {@code lake ARGS...} to completion and fails unless it exits 0. */
  public static String runCli(Path log, String... args) throws InterruptedException {
    Process p = startCli(log, List.of(), args);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("lake " + String.join(" ", args) + " did not finish\n" + read(log));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("lake " + String.join(" ", args) + " exited " + p.exitValue() + "\n" + read(log));
    }
    return read(log);
  }

  /**
   * Starts {@code lake mount LOCATION MOUNTPOINT} and waits (bounded) until /proc/mounts lists
   * the mount point. The process's temp directory (where the mount stages renders and writes)
   * is a fresh directory next to {@code log}, so a killed mount leaves nothing in /tmp.
   */
  public static MountProcess mount(Path lakeDir, Path mountPoint, Path log) {
    try {
      Path jvmTmp = Files.createTempDirectory(log.toAbsolutePath().getParent(), "jvm-tmp-");
      return mount(lakeDir, mountPoint, log, List.of("-Djava.io.tmpdir=" + jvmTmp));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #mount(Path, Path, Path)}, with more JVM flags (e.g. -Djava.io.tmpdir). */
  public static MountProcess mount(Path lakeDir, Path mountPoint, Path log, List<String> jvmFlags) {
    try {
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = startCli(log, jvmFlags, "mount", lakeDir.toString(), mountPoint.toString());
    MountProcess mp = new MountProcess(p, mountPoint, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!ProcMounts.isFuseMounted(mountPoint)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        mp.close();
        throw new AssertionError("lake mount did not come up (alive=" + p.isAlive() + ")\n" + read(log));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        mp.close();
        throw new AssertionError(e);
      }
    }
    return mp;
  }

  public Process process() {
    return process;
  }

  /** The process's output so far. */
  public String output() {
    return read(log);
  }

  /** Waits (bounded) for the process to end and returns its exit code. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("lake mount did not end within " + limit + "\n" + output());
    }
    return process.exitValue();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    dev.lake.it.support.JavaProcess.kill(process);
    if (mountPoint != null && !ProcMounts.await(mountPoint, false, Duration.ofSeconds(10))) {
      ProcMounts.forceUnmount(mountPoint);
    }
  }
}
