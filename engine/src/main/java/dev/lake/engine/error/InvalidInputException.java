package dev.lake.engine.error;

/** Malformed input: CSV, arguments, predicates, type names. */
public class InvalidInputException extends LakeException {
  public InvalidInputException(String message) {
    super(ErrorKind.INVALID_INPUT, message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(ErrorKind.INVALID_INPUT, message, cause);
  }
}
