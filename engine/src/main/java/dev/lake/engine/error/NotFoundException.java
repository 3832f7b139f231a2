package dev.lake.engine.error;

/** A table, column or version that does not exist. */
public class NotFoundException extends LakeException {
  public NotFoundException(String message) {
    super(ErrorKind.NOT_FOUND, message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(ErrorKind.NOT_FOUND, message, cause);
  }
}
