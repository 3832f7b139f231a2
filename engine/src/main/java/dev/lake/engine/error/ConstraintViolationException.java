package dev.lake.engine.error;

/** A primary-key (duplicate, missing or null key) or NOT NULL violation. */
public class ConstraintViolationException extends LakeException {
  public ConstraintViolationException(String message) {
    super(ErrorKind.CONSTRAINT, message);
  }

  public ConstraintViolationException(String message, Throwable cause) {
    super(ErrorKind.CONSTRAINT, message, cause);
  }
}
