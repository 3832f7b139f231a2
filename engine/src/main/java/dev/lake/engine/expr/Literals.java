package dev.lake.engine.expr;

/** Renders literals in predicate text (error messages, commit parameters). */
final class Literals {
  private Literals() {}

  static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (v instanceof byte[] b) {
      StringBuilder sb = new StringBuilder("X'");
      for (byte x : b) {
        sb.append(String.format("%02x", x));
      }
      return sb.append('\'').toString();
    }
    if (v instanceof java.time.temporal.Temporal) {
      return "'" + v + "'";
    }
    return String.valueOf(v);
  }
}
