package dev.lake.cli;

import dev.lake.engine.error.ErrorKind;

/** Exit codes of the command line, one per kind of failure (documented in README). */
final class ExitCodes {
  static final int USAGE = 2;
  static final int INTERNAL = 70;

  private ExitCodes() {}

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
