package dev.lake.engine.error;

/** The kinds of failure, one per subclass of {@link LakeException}. */
public enum ErrorKind {
  /** A table, column or version that does not exist. */
  NOT_FOUND,
  /** A table (or column) that already exists. */
  ALREADY_EXISTS,
  /** A value that does not fit its column's type, or a schema that cannot be used. */
  SCHEMA,
  /** Malformed input: CSV, arguments, predicates. */
  INVALID_INPUT,
  /** A primary-key or not-null violation. */
  CONSTRAINT,
  /** A concurrent commit changed what this operation read, and retries ran out. */
  CONFLICT,
  /** The storage failed or cannot be reached. */
  STORAGE,
  /** The caller may not do this. */
  PERMISSION_DENIED,
  /** A feature of a table that lake cannot read or write. */
  UNSUPPORTED
}
