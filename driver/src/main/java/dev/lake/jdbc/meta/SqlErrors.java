package dev.lake.jdbc.meta;

import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.parser.SqlIdentifiers;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern ENCOUNTERED = Pattern.compile("^Encountered \"([A-Za-z_][A-Za-z0-9_]*)\" at");

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
        return Errors.runtime("syntax error: " + firstLine(p.getMessage()) + reservedWordHint(p), "42000");
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

  /**
   * Columns of imported CSV are often named like SQL's reserved words (day, year, user, value):
   * when the parser stopped at one where a name could stand, say how to write it.
   */
  private static String reservedWordHint(SqlParseException p) {
    Matcher m = ENCOUNTERED.matcher(p.getMessage() == null ? "" : p.getMessage());
    if (!m.find()) {
      return "";
    }
    String word = m.group(1);
    boolean nameExpected = p.getExpectedTokenNames().stream().anyMatch(t -> t.contains("IDENTIFIER"));
    if (!nameExpected || !SqlIdentifiers.isReserved(word)) {
      return "";
    }
    return " (" + word + " is a reserved word; as a table or column name, quote it: \"" + word + "\")";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
