package dev.lake.engine.error;

/** The storage failed, or cannot be reached. */
public class StorageException extends LakeException {
  public StorageException(String message) {
    super(ErrorKind.STORAGE, message);
  }

  public StorageException(String message, Throwable cause) {
    super(ErrorKind.STORAGE, message, cause);
  }
}
