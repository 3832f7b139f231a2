package dev.lake.jdbc.plan;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates a Calcite condition into an engine {@link Predicate} with exactly the same
 * meaning, or returns null. Only what is certain to agree is translated: comparisons of a
 * column with a literal, IS [NOT] NULL, IN lists (Calcite's SEARCH), LIKE without escapes,
 * AND/OR/NOT of those. Floating-point comparisons stay in Calcite (-0.0 and NaN compare
 * differently in SQL than in Java's total order); timestamp comparisons account for SQL seeing
 * milliseconds where Delta stores microseconds.
 */
final class RexToPredicate {
  private final RexBuilder rexBuilder;
  private final List<String> names;
  private final List<LakeType> types;

  /**
   * @param names column names of the condition's input, by field index
   * @param types lake types of those columns
   */
  RexToPredicate(RexBuilder rexBuilder, List<String> names, List<LakeType> types) {
    this.rexBuilder = rexBuilder;
    this.names = names;
    this.types = types;
  }

  /** The engine predicate, or null when the condition cannot be translated exactly. */
  Predicate translate(RexNode node) {
    switch (node.getKind()) {
      case AND:
        {
          Predicate acc = null;
          for (RexNode op : ((RexCall) node).getOperands()) {
            Predicate p = translate(op);
            if (p == null) {
              return null;
            }
            acc = acc == null ? p : Predicate.and(acc, p);
          }
          return acc;
        }
      case OR:
        {
          Predicate acc = null;
          for (RexNode op : ((RexCall) node).getOperands()) {
            Predicate p = translate(op);
            if (p == null) {
              return null;
            }
            acc = acc == null ? p : Predicate.or(acc, p);
          }
          return acc;
        }
      case NOT:
        {
          Predicate p = translate(((RexCall) node).getOperands().get(0));
          return p == null ? null : Predicate.not(p);
        }
      case SEARCH:
        return translate(RexUtil.expandSearch(rexBuilder, null, node));
      case IS_NULL:
      case IS_NOT_NULL:
        {
          int col = column(((RexCall) node).getOperands().get(0));
          if (col < 0) {
            return null;
          }
          Predicate p = Predicate.isNull(names.get(col));
          return node.getKind() == SqlKind.IS_NULL ? p : Predicate.not(p);
        }
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node);
      case LIKE:
        return like((RexCall) node);
      case LITERAL:
        {
          Boolean b = ((RexLiteral) node).getValueAs(Boolean.class);
          return b == null ? null : new Predicate.Constant(b);
        }
      default:
        return null;
    }
  }

  private Predicate comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (column(left) < 0 && column(right) >= 0) {
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    int col = column(left);
    if (col < 0 || !(right instanceof RexLiteral lit)) {
      return null;
    }
    LakeType type = types.get(col);
    if (type.kind() == LakeType.Kind.FLOAT32 || type.kind() == LakeType.Kind.FLOAT64 || type.isNested()) {
      return null;
    }
    Object value = literal(lit, type);
    if (value == null) {
      return null;
    }
    String name = names.get(col);
    if (type.kind() == LakeType.Kind.TIMESTAMP || type.kind() == LakeType.Kind.TIMESTAMP_NTZ) {
      return timestampComparison(name, kind, value, type);
    }
    return compare(name, kind, value);
  }

  private static Predicate compare(String name, SqlKind kind, Object value) {
    switch (kind) {
      case EQUALS:
        return Predicate.eq(name, value);
      case NOT_EQUALS:
        return Predicate.ne(name, value);
      case LESS_THAN:
        return Predicate.lt(name, value);
      case LESS_THAN_OR_EQUAL:
        return Predicate.le(name, value);
      case GREATER_THAN:
        return Predicate.gt(name, value);
      default:
        return Predicate.ge(name, value);
    }
  }

  /**
   * SQL sees a timestamp truncated to milliseconds, the engine sees microseconds; with a
   * millisecond literal L, "trunc(v) > L" is "v >= L + 1ms", and so on.
   */
  private static Predicate timestampComparison(String name, SqlKind kind, Object value, LakeType type) {
    Object next =
        type.kind() == LakeType.Kind.TIMESTAMP
            ? ((Instant) value).plusMillis(1)
            : ((LocalDateTime) value).plusNanos(1_000_000);
    switch (kind) {
      case EQUALS:
        return Predicate.and(Predicate.ge(name, value), Predicate.lt(name, next));
      case NOT_EQUALS:
        return Predicate.not(Predicate.and(Predicate.ge(name, value), Predicate.lt(name, next)));
      case LESS_THAN:
        return Predicate.lt(name, value);
      case LESS_THAN_OR_EQUAL:
        return Predicate.lt(name, next);
      case GREATER_THAN:
        return Predicate.ge(name, next);
      default:
        return Predicate.ge(name, value);
    }
  }

  private Predicate like(RexCall call) {
    if (call.getOperands().size() != 2) {
      return null;
    }
    int col = column(call.getOperands().get(0));
    if (col < 0 || types.get(col).kind() != LakeType.Kind.STRING
        || !(call.getOperands().get(1) instanceof RexLiteral lit)) {
      return null;
    }
    String pattern = lit.getValueAs(String.class);
    // SQL LIKE without ESCAPE treats a backslash as an ordinary character; the engine's LIKE
    // uses it as the escape: translate only patterns without one.
    if (pattern == null || pattern.indexOf('\\') >= 0) {
      return null;
    }
    return Predicate.like(names.get(col), pattern);
  }

  /**
   * The input field a node reads, directly or through a cast that loses nothing (Calcite widens a
   * DECIMAL(10,2) column to DECIMAL(38,19) to compare it with a string); -1 if it reads none.
   * Comparing the widened column is comparing the column itself, since a literal is translated
   * only when it is exactly a value of the column's own type.
   */
  private static int column(RexNode node) {
    RexNode inner = node.getKind() == SqlKind.CAST && RexUtil.isLosslessCast(node) ? ((RexCall) node).getOperands().get(0) : node;
    return inner instanceof RexInputRef ref ? ref.getIndex() : -1;
  }

  /** The literal as an engine value of the column's type, or null if it does not fit exactly. */
  private static Object literal(RexLiteral lit, LakeType type) {
    if (lit.isNull()) {
      return null;
    }
    Object raw;
    switch (type.kind()) {
      case STRING:
        raw = lit.getValueAs(String.class);
        break;
      case BINARY:
        ByteString b = lit.getValueAs(ByteString.class);
        raw = b == null ? null : b.getBytes();
        break;
      case BOOLEAN:
        raw = lit.getValueAs(Boolean.class);
        break;
      case DATE:
        DateString d = lit.getValueAs(DateString.class);
        raw = d == null ? null : LocalDate.ofEpochDay(d.getDaysSinceEpoch());
        break;
      case TIMESTAMP:
      case TIMESTAMP_NTZ:
        {
          TimestampString ts = lit.getValueAs(TimestampString.class);
          if (ts == null) {
            return null;
          }
          if (!ts.round(3).equals(ts)) {
            return null; // sub-millisecond literal: leave it to Calcite
          }
          long millis = ts.getMillisSinceEpoch();
          Instant i = Instant.ofEpochMilli(millis);
          raw = type.kind() == LakeType.Kind.TIMESTAMP ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
          break;
        }
      default:
        raw = lit.getValueAs(BigDecimal.class);
        break;
    }
    if (raw == null) {
      return null;
    }
    try {
      return Values.coerce(type, raw);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Splits off the conjuncts that translate; returns [pushed predicate or null, remaining]. */
  static List<RexNode> untranslated(List<RexNode> conjuncts, RexToPredicate t, List<Predicate> pushed) {
    List<RexNode> rest = new ArrayList<>();
    for (RexNode c : conjuncts) {
      Predicate p = t.translate(c);
      if (p == null) {
        rest.add(c);
      } else {
        pushed.add(p);
      }
    }
    return rest;
  }
}
