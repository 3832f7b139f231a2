package dev.lake.mount.fs;

import java.util.List;

/**
 * A path of the mount, classified. Layout: {@code /<table>/data.csv} (the table, editable),
 * {@code schema.sql}, {@code history.csv}, {@code errors.log}, {@code versions/<N>.csv}; any
 * other name inside a table directory is a scratch file (editor swap files, sed's temp files).
 *
 * @param kind what the path names
 * @param table the table directory's name, or null at the root
 * @param name the file name within the table directory (or versions/), or null
 */
record FsPath(Kind kind, String table, String name) {
  static final String DATA = "data.csv";
  static final String SCHEMA = "schema.sql";
  static final String HISTORY = "history.csv";
  static final String ERRORS = "errors.log";
  static final String VERSIONS = "versions";
  static final List<String> TABLE_ENTRIES = List.of(DATA, SCHEMA, HISTORY, ERRORS, VERSIONS);

  enum Kind {
    ROOT,
    /** A name at the root: a table directory, or nothing. */
    TOP,
    DATA,
    SCHEMA,
    HISTORY,
    ERRORS,
    VERSIONS_DIR,
    /** versions/N.csv. */
    VERSION,
    /** Any other file inside a table directory. */
    SCRATCH,
    /** Deeper than the layout goes. */
    INVALID
  }

  static FsPath parse(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return new FsPath(Kind.ROOT, null, null);
    }
    String[] parts = p.split("/");
    if (parts.length == 1) {
      return new FsPath(Kind.TOP, parts[0], null);
    }
    String table = parts[0];
    if (parts.length == 2) {
      switch (parts[1]) {
        case DATA:
          return new FsPath(Kind.DATA, table, DATA);
        case SCHEMA:
          return new FsPath(Kind.SCHEMA, table, SCHEMA);
        case HISTORY:
          return new FsPath(Kind.HISTORY, table, HISTORY);
        case ERRORS:
          return new FsPath(Kind.ERRORS, table, ERRORS);
        case VERSIONS:
          return new FsPath(Kind.VERSIONS_DIR, table, VERSIONS);
        default:
          return new FsPath(Kind.SCRATCH, table, parts[1]);
      }
    }
    if (parts.length == 3 && parts[1].equals(VERSIONS)) {
      return new FsPath(Kind.VERSION, table, parts[2]);
    }
    return new FsPath(Kind.INVALID, table, null);
  }

  /** The path within the mount of a table's file ("/t/data.csv", "/t/versions/3.csv"). */
  String text() {
    return "/" + table + "/" + (kind == Kind.VERSION ? VERSIONS + "/" : "") + name;
  }

  /** The version number of a versions/N.csv name, or -1. */
  long version() {
    if (kind != Kind.VERSION || !name.endsWith(".csv")) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - 4));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
