package dev.lake.engine.error;

/** A concurrent commit changed what this operation read, and the bounded retries ran out. */
public class ConflictException extends LakeException {
  public ConflictException(String message) {
    super(ErrorKind.CONFLICT, message);
  }

  public ConflictException(String message, Throwable cause) {
    super(ErrorKind.CONFLICT, message, cause);
  }
}
