package dev.lake.cli;

import dev.lake.engine.error.ErrorKind;

/** Exit codes of the command line, one per kind of failure (documented in README). */
final class ExitCodes {
  static final int USAGE = 2;
  static final int INTERNAL = 70;

  private ExitCodes() {}

  /** The exit code for a SQL error, by its SQLState. */
  static int ofSqlState(String state) {
    if (state == null) {
      return 1;
    }
    if (state.equals("42S02")) {
      return 66;
    }
    if (state.equals("42S01")) {
      return 73;
    }
    if (state.startsWith("42") || state.startsWith("22") || state.startsWith("23")) {
      return 65;
    }
    if (state.equals("40001")) {
      return 75;
    }
    if (state.startsWith("08")) {
      return 74;
    }
    if (state.startsWith("0A")) {
      return 69;
    }
    return 1;
  }

  static int of(ErrorKind kind) {
    switch (kind) {
      case INVALID_INPUT:
      case SCHEMA:
      case CONSTRAINT:
        return 65; // EX_DATAERR
      case NOT_FOUND:
        return 66; // EX_NOINPUT
      case ALREADY_EXISTS:
        return 73; // EX_CANTCREAT
      case CONFLICT:
        return 75; // EX_TEMPFAIL: try again
      case STORAGE:
        return 74; // EX_IOERR
      case PERMISSION_DENIED:
        return 77; // EX_NOPERM
      case UNSUPPORTED:
        return 69; // EX_UNAVAILABLE
      default:
        return 1;
    }
  }
}
