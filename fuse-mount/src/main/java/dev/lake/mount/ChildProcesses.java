package dev.lake.mount;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/** Reaps child processes that this process did not start through Java (libfuse's helpers). */
final class ChildProcesses {
  /** The C library's waitpid(2). */
  public interface LibC {
    int waitpid(int pid, Pointer status, int options);
  }

  private static volatile LibC libc;

  private ChildProcesses() {}

  /**
   * Waits for child {@code pid}, which has been sent SIGKILL, to end and removes its process
   * table entry. Best effort: without the C library nothing happens (the entry stays until this
   * process exits).
   */
  static void reap(long pid) {
    try {
      LibC c = libc;
      if (c == null) {
        c = libc = LibraryLoader.create(LibC.class).failImmediately().load("c");
      }
      c.waitpid((int) pid, null, 0);
    } catch (RuntimeException | LinkageError e) {
      // left as a zombie entry until this process exits
    }
  }
}
