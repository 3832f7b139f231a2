package dev.lake.jdbc;

import dev.lake.engine.error.LakeException;
import java.sql.SQLException;

/** SQLStates for lake's errors (documented in docs/SQL.md). */
public final class Errors {
  private Errors() {}

  /** The SQLState of an engine error. */
  public static String sqlState(LakeException e) {
    switch (e.kind()) {
      case NOT_FOUND:
        return "42S02"; // base table or view not found (also unknown versions)
      case ALREADY_EXISTS:
        return "42S01"; // base table or view already exists
      case SCHEMA:
        return "22018"; // invalid character value for cast / data type mismatch
      case INVALID_INPUT:
        return "22000"; // data exception
      case CONSTRAINT:
        return "23505"; // unique / not-null violation
      case CONFLICT:
        return "40001"; // serialization failure: retry the transaction
      case STORAGE:
        return "08006"; // connection failure: storage unreachable or failing
      case PERMISSION_DENIED:
        return "42501"; // insufficient privilege
      case UNSUPPORTED:
        return "0A000"; // feature not supported
      default:
        return "HY000";
    }
  }

  /**
   * The same error as a runtime exception Avatica turns into a SQLException with this SQLState
   * (for failures inside query execution, where only runtime exceptions can pass).
   */
  public static RuntimeException toRuntime(LakeException e) {
    return runtime(e.getMessage(), sqlState(e));
  }

  /** A runtime exception that surfaces as a SQLException with the given SQLState. */
  public static RuntimeException runtime(String message, String sqlState) {
    return new org.apache.calcite.avatica.AvaticaClientRuntimeException(
        message, 0, sqlState, org.apache.calcite.avatica.AvaticaSeverity.ERROR, java.util.List.of(), null);
  }

  /** A SQLException carrying the engine error's message and SQLState. */
  public static SQLException toSql(LakeException e) {
    return new SQLException(e.getMessage(), sqlState(e), e);
  }
}
