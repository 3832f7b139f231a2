package dev.lake.engine.error;

/**
 * Root of every error the engine reports. Each subclass names one kind of failure a user can act
 * on; the message says what failed and, where it helps, where (table, line, column).
 *
 * <p>Every operation that throws a {@code LakeException} has committed nothing.
 */
public class LakeException extends RuntimeException {
  private final ErrorKind kind;

  public LakeException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LakeException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The kind of failure, stable across versions: SQLStates and errnos are derived from it. */
  public ErrorKind kind() {
    return kind;
  }
}
