package dev.lake.jdbc.slt;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * One failed statement or query, with a reason normalised so that failures of one cause group
 * together: positions, literals, quoted names and numbers are blanked out of the message.
 *
 * @param file the test resource
 * @param line the line of the query's {@code ----} separator, or -1 (statements)
 * @param kind "statement" or "query"
 * @param sql the SQL as run
 * @param reason the normalised reason (the grouping key)
 * @param message the first line of the original message
 */
record SltFailure(String file, int line, String kind, String sql, String reason, String message) {
  private static final Pattern AVATICA_ERROR = Pattern.compile("Error -?\\d+ \\((\\w+)\\) : ");
  private static final Pattern ERROR_WHILE =
      Pattern.compile("(?s)Error while executing SQL \".*?\": ");
  private static final Pattern POSITION =
      Pattern.compile("(?i)(From line \\d+, column \\d+ to line \\d+, column \\d+|At line \\d+, column \\d+|line \\d+, column \\d+)[:.]?\\s*");
  private static final Pattern SQ = Pattern.compile("'[^']*'");
  private static final Pattern DQ = Pattern.compile("\"[^\"]*\"");
  private static final Pattern BQ = Pattern.compile("`[^`]*`");
  private static final Pattern NUM = Pattern.compile("(?<![A-Za-z_])-?\\d+(\\.\\d+)?(E-?\\d+)?");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final int MAX_REASON = 160;

  static SltFailure statement(String file, String sql, String description, Throwable e) {
    String message = description != null ? description : message(e);
    String reason = description != null ? description : normalise(e);
    return new SltFailure(file, -1, "statement", sql, reason, message);
  }

  static SltFailure query(String file, int line, String sql, String description, Throwable e) {
    String message = e == null ? description : (description != null ? description + ": " : "") + message(e);
    String reason = description != null ? description : normalise(e);
    return new SltFailure(file, line, "query", sql, reason, message);
  }

  /** The first line of the most specific message in the cause chain. */
  static String message(Throwable e) {
    Throwable t = e;
    String best = null;
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
      t = t.getCause();
    }
    if (best == null) {
      best = e.getClass().getSimpleName();
    }
    String s = AVATICA_ERROR.matcher(best).replaceFirst("");
    s = ERROR_WHILE.matcher(s).replaceFirst("");
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The grouping key of an exception: its class and its message without the particulars. */
  static String normalise(Throwable e) {
    String m = message(e);
    String sqlState = e instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isEmpty()
        ? "[" + s.getSQLState() + "] " : "";
    m = POSITION.matcher(m).replaceAll("");
    m = SQ.matcher(m).replaceAll("'?'");
    m = DQ.matcher(m).replaceAll("\"?\"");
    m = BQ.matcher(m).replaceAll("`?`");
    m = NUM.matcher(m).replaceAll("N");
    m = SPACES.matcher(m).replaceAll(" ").trim();
    if (m.length() > MAX_REASON) {
      m = m.substring(0, MAX_REASON) + "...";
    }
    return sqlState + m;
  }
}
