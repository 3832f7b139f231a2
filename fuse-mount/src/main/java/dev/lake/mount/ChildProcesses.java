package dev.lake.mount;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** Reaps child processes that this process did not start through Java (libfuse's helpers). */
final class ChildProcesses {
  private static volatile POSIX posix;

  private ChildProcesses() {}

  /**
   * Waits for child {@code pid}, which has been sent SIGKILL, to end and removes its process
   * table entry. Best effort: without the native C library nothing happens (the entry stays until
   * this process exits).
   */
  static void reap(long pid) {
    try {
      POSIX p = posix;
      if (p == null) {
        p = posix = POSIXFactory.getNativePOSIX();
      }
      p.waitpid(pid, null, 0);
    } catch (RuntimeException | LinkageError e) {
      // left as a zombie entry until this process exits
    }
  }
}
