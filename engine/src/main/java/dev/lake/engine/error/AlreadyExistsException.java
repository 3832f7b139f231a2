package dev.lake.engine.error;

/** A table or column that already exists. */
public class AlreadyExistsException extends LakeException {
  public AlreadyExistsException(String message) {
    super(ErrorKind.ALREADY_EXISTS, message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(ErrorKind.ALREADY_EXISTS, message, cause);
  }
}
