package dev.lake.mount.fs;

/** A failed filesystem operation: the errno to return and, for the error log, why. */
public final class FsError extends RuntimeException {
  private final Errno errno;

  public FsError(Errno errno, String message) {
    super(message);
    this.errno = errno;
  }

  public FsError(Errno errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  public Errno errno() {
    return errno;
  }
}
