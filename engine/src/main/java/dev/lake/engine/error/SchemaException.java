package dev.lake.engine.error;

/** A value that does not fit its column's type, an unknown column, or an unusable schema. */
public class SchemaException extends LakeException {
  public SchemaException(String message) {
    super(ErrorKind.SCHEMA, message);
  }

  public SchemaException(String message, Throwable cause) {
    super(ErrorKind.SCHEMA, message, cause);
  }
}
