package dev.lake.it.mount.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line with {@code bash -c} in a directory (usually a table directory of the
 * mount), capturing exit status, stdout and stderr. {@code LC_ALL=C} so that sort and friends
 * order bytes exactly as Java does.
 */
public final class Shell {
  /** How long one command may take before the test gives up on it (a hung mount, an editor waiting for input). */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Shell() {}

  /** What a command did. */
  public record Result(String command, int exit, byte[] stdoutBytes, String stderr) {
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** Fails unless the command exited 0. */
    public Result ok() {
      if (exit != 0) {
        throw new AssertionError(describe());
      }
      return this;
    }

    public String describe() {
      return "`" + command + "` exited " + exit + "\n--- stdout:\n" + abbreviate(stdout()) + "\n--- stderr:\n" + stderr;
    }

    private static String abbreviate(String s) {
      return s.length() > 4000 ? s.substring(0, 4000) + "... (" + s.length() + " chars)" : s;
    }
  }

  /** Runs {@code script} with {@code bash -c} in {@code cwd}. */
  public static Result run(Path cwd, String script) {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(cwd.toFile());
    pb.environment().put("LC_ALL", "C");
    pb.environment().remove("VIMINIT");
    pb.environment().remove("EXINIT");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start bash for: " + script, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = pump(p.getInputStream(), out);
    Thread e = pump(p.getErrorStream(), err);
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        o.join(5_000);
        e.join(5_000);
        throw new AssertionError("`" + script + "` did not finish within " + TIMEOUT + "\n--- stdout:\n"
            + out.toString(StandardCharsets.UTF_8) + "\n--- stderr:\n" + err.toString(StandardCharsets.UTF_8));
      }
      o.join(10_000);
      e.join(10_000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new AssertionError("interrupted while running " + script, ie);
    }
    synchronized (out) {
      synchronized (err) {
        return new Result(script, p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
      }
    }
  }

  /** Runs {@code script} and fails unless it exits 0. */
  public static Result ok(Path cwd, String script) {
    return run(cwd, script).ok();
  }

  /** Single-quotes a string for bash. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[65536];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (sink) {
            sink.write(buf, 0, n);
          }
        }
      } catch (IOException ignored) {
        // process gone
      }
    }, "shell-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
