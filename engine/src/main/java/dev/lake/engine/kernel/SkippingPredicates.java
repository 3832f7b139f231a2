package dev.lake.engine.kernel;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.Values;
import io.delta.kernel.expressions.AlwaysTrue;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a lake predicate into a Kernel predicate that Kernel uses only to skip files (by
 * min/max/null-count stats and partition values). The translation may be weaker than the
 * original — it must never exclude a file holding a matching row — because the engine still
 * evaluates the exact predicate on every row it reads.
 */
public final class SkippingPredicates {
  private static final int MAX_IN_TERMS = 64;

  private SkippingPredicates() {}

  /** A Kernel predicate implied by {@code p} over {@code schema}, or empty if none helps. */
  public static Optional<io.delta.kernel.expressions.Predicate> of(Predicate p, Schema schema) {
    return Optional.ofNullable(implied(p, schema));
  }

  /** A predicate implied by p (weaker or equal), or null for "no information". */
  private static io.delta.kernel.expressions.Predicate implied(Predicate p, Schema schema) {
    if (p instanceof Predicate.And a) {
      var l = implied(a.left(), schema);
      var r = implied(a.right(), schema);
      if (l == null) {
        return r;
      }
      return r == null ? l : new And(l, r);
    } else if (p instanceof Predicate.Or o) {
      var l = implied(o.left(), schema);
      var r = implied(o.right(), schema);
      return l == null || r == null ? null : new Or(l, r);
    } else if (p instanceof Predicate.Not n) {
      // Only an exact translation may be negated: NOT of a weakened predicate would be stronger.
      var c = exact(n.child(), schema);
      return c == null ? null : new io.delta.kernel.expressions.Predicate("NOT", c);
    } else if (p instanceof Predicate.Like l) {
      return likePrefixRange(l, schema);
    } else if (p instanceof Predicate.In in) {
      var e = exact(in, schema);
      if (e != null) {
        return e;
      }
      return inRange(in, schema);
    }
    return exact(p, schema);
  }

  /** An exactly equivalent predicate (for rows with stats semantics), or null. */
  private static io.delta.kernel.expressions.Predicate exact(Predicate p, Schema schema) {
    if (p instanceof Predicate.Comparison c) {
      int i = schema.indexOf(c.column());
      if (i < 0 || c.value() == null) {
        return null;
      }
      LakeType type = schema.field(i).type();
      Literal lit = literal(type, c.value());
      if (lit == null) {
        return null;
      }
      Column col = new Column(schema.field(i).name());
      switch (c.op()) {
        case EQ:
          return new io.delta.kernel.expressions.Predicate("=", col, lit);
        case NE:
          return new io.delta.kernel.expressions.Predicate(
              "NOT", new io.delta.kernel.expressions.Predicate("=", col, lit));
        case LT:
          return new io.delta.kernel.expressions.Predicate("<", col, lit);
        case LE:
          return new io.delta.kernel.expressions.Predicate("<=", col, lit);
        case GT:
          return new io.delta.kernel.expressions.Predicate(">", col, lit);
        default:
          return new io.delta.kernel.expressions.Predicate(">=", col, lit);
      }
    } else if (p instanceof Predicate.IsNull n) {
      int i = schema.indexOf(n.column());
      if (i < 0 || schema.field(i).type().isNested()) {
        return null;
      }
      return new io.delta.kernel.expressions.Predicate("IS_NULL", new Column(schema.field(i).name()));
    } else if (p instanceof Predicate.In in) {
      if (in.values().isEmpty() || in.values().size() > MAX_IN_TERMS || in.values().contains(null)) {
        return null;
      }
      io.delta.kernel.expressions.Predicate acc = null;
      for (Object v : in.values()) {
        var eq = exact(new Predicate.Comparison(in.column(), Predicate.Op.EQ, v), schema);
        if (eq == null) {
          return null;
        }
        acc = acc == null ? eq : new Or(acc, eq);
      }
      return acc;
    } else if (p instanceof Predicate.Constant c) {
      return c.value() ? AlwaysTrue.ALWAYS_TRUE : io.delta.kernel.expressions.AlwaysFalse.ALWAYS_FALSE;
    } else if (p instanceof Predicate.And || p instanceof Predicate.Or || p instanceof Predicate.Not) {
      // Exact only if every part is exact.
      if (p instanceof Predicate.And a) {
        var l = exact(a.left(), schema);
        var r = exact(a.right(), schema);
        return l == null || r == null ? null : new And(l, r);
      } else if (p instanceof Predicate.Or o) {
        var l = exact(o.left(), schema);
        var r = exact(o.right(), schema);
        return l == null || r == null ? null : new Or(l, r);
      } else {
        var c = exact(((Predicate.Not) p).child(), schema);
        return c == null ? null : new io.delta.kernel.expressions.Predicate("NOT", c);
      }
    }
    return null;
  }

  /** {@code col IN (many)} implies {@code min <= col <= max}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static io.delta.kernel.expressions.Predicate inRange(Predicate.In in, Schema schema) {
    int i = schema.indexOf(in.column());
    if (i < 0 || schema.field(i).type().isNested()) {
      return null;
    }
    LakeType type = schema.field(i).type();
    List<Object> vals = new ArrayList<>();
    for (Object v : in.values()) {
      if (v != null) {
        vals.add(Values.coerce(type, v));
      }
    }
    if (vals.isEmpty()) {
      return null;
    }
    Object min = vals.get(0);
    Object max = vals.get(0);
    for (Object v : vals) {
      if (Values.compare(v, min) < 0) {
        min = v;
      }
      if (Values.compare(v, max) > 0) {
        max = v;
      }
    }
    var ge = exact(new Predicate.Comparison(in.column(), Predicate.Op.GE, min), schema);
    var le = exact(new Predicate.Comparison(in.column(), Predicate.Op.LE, max), schema);
    return ge == null || le == null ? null : new And(ge, le);
  }

  /** {@code col LIKE 'abc%...'} implies {@code col >= 'abc' AND col < 'abd'}. */
  private static io.delta.kernel.expressions.Predicate likePrefixRange(Predicate.Like l, Schema schema) {
    if (l.pattern() == null) {
      return null;
    }
    StringBuilder prefix = new StringBuilder();
    for (int k = 0; k < l.pattern().length(); k++) {
      char c = l.pattern().charAt(k);
      if (c == '%' || c == '_' || c == '\\') {
        break;
      }
      prefix.append(c);
    }
    if (prefix.length() == 0) {
      return null;
    }
    char last = prefix.charAt(prefix.length() - 1);
    if (last == Character.MAX_VALUE || Character.isSurrogate(last)) {
      return exact(new Predicate.Comparison(l.column(), Predicate.Op.GE, prefix.toString()), schema);
    }
    String upper = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    var ge = exact(new Predicate.Comparison(l.column(), Predicate.Op.GE, prefix.toString()), schema);
    var lt = exact(new Predicate.Comparison(l.column(), Predicate.Op.LT, upper), schema);
    return ge == null || lt == null ? null : new And(ge, lt);
  }

  /** A Kernel literal of the column's stored type, or null when the type has no stats order. */
  static Literal literal(LakeType type, Object value) {
    Object v = Values.coerce(type, value);
    switch (type.kind()) {
      case INT8:
        return Literal.ofByte((Byte) v);
      case INT16:
      case UINT8:
        return Literal.ofShort((Short) v);
      case INT32:
      case UINT16:
        return Literal.ofInt((Integer) v);
      case INT64:
      case UINT32:
        return Literal.ofLong((Long) v);
      case UINT64:
        return Literal.ofDecimal(new BigDecimal((BigInteger) v), 20, 0);
      case FLOAT32:
      case FLOAT64:
        // NaN orders above every number here but writers leave it out of min/max stats, so a
        // range over stats could skip a file whose NaN rows match: no skipping on floats.
        return null;
      case STRING:
        return Literal.ofString((String) v);
      case BINARY:
        return Literal.ofBinary((byte[]) v);
      case BOOLEAN:
        return Literal.ofBoolean((Boolean) v);
      case DATE:
        return Literal.ofDate(Math.toIntExact(((LocalDate) v).toEpochDay()));
      case TIMESTAMP:
        return Literal.ofTimestamp(JavaValueVector.epochMicros((Instant) v));
      case TIMESTAMP_NTZ:
        return Literal.ofTimestampNtz(
            JavaValueVector.epochMicros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
      case DECIMAL:
        LakeType.Decimal d = (LakeType.Decimal) type;
        return Literal.ofDecimal((BigDecimal) v, d.precision(), d.scale());
      default:
        return null;
    }
  }
}
