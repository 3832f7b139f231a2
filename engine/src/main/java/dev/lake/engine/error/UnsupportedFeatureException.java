package dev.lake.engine.error;

/** A table feature lake cannot read or write; the message names it. */
public class UnsupportedFeatureException extends LakeException {
  public UnsupportedFeatureException(String message) {
    super(ErrorKind.UNSUPPORTED, message);
  }

  public UnsupportedFeatureException(String message, Throwable cause) {
    super(ErrorKind.UNSUPPORTED, message, cause);
  }
}
