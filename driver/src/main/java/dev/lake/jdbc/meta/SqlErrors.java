package dev.lake.jdbc.meta;

import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.Errors;
import java.util.Locale;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever preparing or running a statement threw into an error with a SQLState and a
 * message a user can act on: 42000 syntax, 42S02 unknown table, 42S22 unknown column, 42xxx
 * other validation errors, and the engine's own states (23505 key violation, 40001 conflict,
 * 08006 storage...). Never a bare AssertionError or NullPointerException.
 */
final class SqlErrors {
  private SqlErrors() {}

  static RuntimeException translate(Throwable e) {
    if (Boolean.getBoolean("lake.debug")) {
      e.printStackTrace();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AvaticaClientRuntimeException a) {
        return a;
      }
      if (t instanceof LakeException le) {
        return Errors.toRuntime(le);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SqlParseException p) {
        return Errors.runtime("syntax error: " + firstLine(p.getMessage()), "42000");
      }
      if (t instanceof CalciteContextException c) {
        String msg = c.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        String state = "42000";
        if (lower.contains("does not allow nulls") || lower.contains("cannot be null")) {
          state = "23502";
        } else if (lower.contains("object '") && lower.contains("not found")) {
          state = "42S02";
        } else if (lower.contains("table '") && lower.contains("not found")) {
          state = "42S02";
        } else if (lower.contains("column '") && lower.contains("not found")) {
          state = "42S22";
        } else if (lower.contains("cannot apply") || lower.contains("cannot assign") || lower.contains("type")) {
          state = "42804";
        }
        return Errors.runtime(msg, state);
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof NumberFormatException || root instanceof ArithmeticException) {
      return Errors.runtime("data exception: " + msg, "22000");
    }
    return Errors.runtime("internal error (" + root.getClass().getSimpleName() + "): " + msg, "XX000");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
