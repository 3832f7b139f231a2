package dev.lake.engine.expr;

import java.util.List;
import java.util.Objects;

/**
 * A row predicate over top-level columns, shared by scans and row-level changes. Column names
 * are matched case-insensitively; literals are Java values in the engine's convention and are
 * coerced to the column's type when the predicate is {@linkplain BoundPredicate#bind bound} to a
 * schema. Evaluation follows SQL's three-valued logic: a row is selected only when the
 * predicate is TRUE (not FALSE, not UNKNOWN).
 */
public sealed interface Predicate
    permits Predicate.Comparison,
        Predicate.And,
        Predicate.Or,
        Predicate.Not,
        Predicate.In,
        Predicate.IsNull,
        Predicate.Like,
        Predicate.Constant {

  /** Comparison operators. */
  enum Op {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code column op literal}. A NULL literal makes the comparison UNKNOWN. */
  record Comparison(String column, Op op, Object value) implements Predicate {
    public Comparison {
      Objects.requireNonNull(column);
      Objects.requireNonNull(op);
    }

    @Override
    public String toString() {
      return column + " " + op.symbol + " " + Literals.show(value);
    }
  }

  /** Both hold. */
  record And(Predicate left, Predicate right) implements Predicate {
    @Override
    public String toString() {
      return "(" + left + " AND " + right + ")";
    }
  }

  /** Either holds. */
  record Or(Predicate left, Predicate right) implements Predicate {
    @Override
    public String toString() {
      return "(" + left + " OR " + right + ")";
    }
  }

  /** The child does not hold (UNKNOWN stays UNKNOWN). */
  record Not(Predicate child) implements Predicate {
    @Override
    public String toString() {
      return "NOT " + child;
    }
  }

  /** {@code column IN (values...)}. */
  record In(String column, List<Object> values) implements Predicate {
    public In {
      Objects.requireNonNull(column);
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(column).append(" IN (");
      for (int i = 0; i < values.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(Literals.show(values.get(i)));
      }
      return sb.append(')').toString();
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(String column) implements Predicate {
    @Override
    public String toString() {
      return column + " IS NULL";
    }
  }

  /** SQL {@code column LIKE pattern} with {@code %} and {@code _}; a backslash escapes. */
  record Like(String column, String pattern) implements Predicate {
    @Override
    public String toString() {
      return column + " LIKE " + Literals.show(pattern);
    }
  }

  /** TRUE or FALSE. */
  record Constant(boolean value) implements Predicate {
    @Override
    public String toString() {
      return value ? "TRUE" : "FALSE";
    }
  }

  /** Always true: selects every row. */
  static Predicate alwaysTrue() {
    return new Constant(true);
  }

  static Predicate eq(String column, Object value) {
    return new Comparison(column, Op.EQ, value);
  }

  static Predicate ne(String column, Object value) {
    return new Comparison(column, Op.NE, value);
  }

  static Predicate lt(String column, Object value) {
    return new Comparison(column, Op.LT, value);
  }

  static Predicate le(String column, Object value) {
    return new Comparison(column, Op.LE, value);
  }

  static Predicate gt(String column, Object value) {
    return new Comparison(column, Op.GT, value);
  }

  static Predicate ge(String column, Object value) {
    return new Comparison(column, Op.GE, value);
  }

  static Predicate and(Predicate left, Predicate right) {
    return new And(left, right);
  }

  static Predicate or(Predicate left, Predicate right) {
    return new Or(left, right);
  }

  static Predicate not(Predicate child) {
    return new Not(child);
  }

  static Predicate in(String column, List<?> values) {
    return new In(column, new java.util.ArrayList<Object>(values));
  }

  static Predicate isNull(String column) {
    return new IsNull(column);
  }

  static Predicate isNotNull(String column) {
    return new Not(new IsNull(column));
  }

  static Predicate like(String column, String pattern) {
    return new Like(column, pattern);
  }
}
