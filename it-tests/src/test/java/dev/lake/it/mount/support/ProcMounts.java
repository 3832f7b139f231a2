package dev.lake.it.mount.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What /proc/mounts says about a mount point, and the last-resort lazy unmount. */
public final class ProcMounts {
  private ProcMounts() {}

  /** /proc/mounts escapes blanks, tabs, newlines and backslashes as octal. */
  static String escape(String path) {
    return path.replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011").replace("\n", "\\012");
  }

  /** The /proc/mounts line of the mount at {@code mountPoint}, or null. */
  public static String entry(Path mountPoint) {
    String target = escape(mountPoint.toAbsolutePath().normalize().toString());
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/mounts"));
      for (String line : lines) {
        String[] f = line.split(" ");
        if (f.length > 2 && f[1].equals(target)) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when a FUSE file system is mounted at {@code mountPoint}. */
  public static boolean isFuseMounted(Path mountPoint) {
    String e = entry(mountPoint);
    return e != null && e.split(" ")[2].startsWith("fuse");
  }

  /**
   * Polls /proc/mounts until {@code mounted} holds or {@code limit} passes (not a timing
   * assertion: a bounded wait for an asynchronous kernel/daemon step).
   *
   * @return whether the state was reached
   */
  public static boolean await(Path mountPoint, boolean mounted, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      if (isFuseMounted(mountPoint) == mounted) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * The last resort so that no test leaves a mount behind: {@code umount -f} (for FUSE this
   * aborts the connection, so processes blocked on a hung file system get ENOTCONN; needs root),
   * then {@code fusermount -u -z}.
   */
  public static void forceUnmount(Path mountPoint) {
    if (entry(mountPoint) == null) {
      return;
    }
    run("umount", "-f", mountPoint.toAbsolutePath().toString());
    if (entry(mountPoint) != null) {
      run("fusermount", "-u", "-z", mountPoint.toAbsolutePath().toString());
    }
    if (entry(mountPoint) != null) {
      System.err.println("could not unmount " + mountPoint);
    }
  }

  private static void run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      System.err.println(String.join(" ", cmd) + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
