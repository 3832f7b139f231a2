package dev.lake.engine.error;

/** The caller may not do this (read-only lake, missing permission). */
public class PermissionDeniedException extends LakeException {
  public PermissionDeniedException(String message) {
    super(ErrorKind.PERMISSION_DENIED, message);
  }

  public PermissionDeniedException(String message, Throwable cause) {
    super(ErrorKind.PERMISSION_DENIED, message, cause);
  }
}
