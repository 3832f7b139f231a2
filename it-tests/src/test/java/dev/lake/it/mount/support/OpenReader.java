package dev.lake.it.mount.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A file of the mount held open for reading by another process (like {@code less} or
 * {@code tail -f} in another terminal): {@code bash} opens it and waits, using builtins only
 * (a forked command would inherit and close the descriptor). Not by this JVM on purpose: an
 * in-process mount whose own JVM holds a descriptor of the mount can deadlock (see
 * MountConcurrencyIT). {@link #close()} ends the process, which closes the file.
 */
public final class OpenReader implements AutoCloseable {
  private final Process process;

  private OpenReader(Process process) {
    this.process = process;
  }

  /** Opens {@code file} for reading in a new bash process; returns once it is open. */
  public static OpenReader open(Path file, Path scratchDir) {
    Path marker = scratchDir.resolve("reader-open-" + System.nanoTime());
    Path fifo = scratchDir.resolve("reader-fifo-" + System.nanoTime());
    Shell.ok(scratchDir, "mkfifo " + Shell.quote(fifo.toString()));
    String script = "exec 4<>" + Shell.quote(fifo.toString()) + "; exec 3<" + Shell.quote(file.toString())
        + " || exit 1; echo open > " + Shell.quote(marker.toString()) + "; read -t 300 -u 4 _";
    Process p;
    try {
      p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OpenReader r = new OpenReader(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(marker)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        r.close();
        throw new AssertionError("could not hold " + file + " open (alive=" + p.isAlive() + ")");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r.close();
        throw new AssertionError(e);
      }
    }
    return r;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
