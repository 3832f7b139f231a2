package dev.lake.engine.expr;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.ValueKey;
import dev.lake.engine.types.Values;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A {@link Predicate} resolved against a schema: columns become positions, literals are coerced
 * to their column's type once, LIKE patterns are compiled once. Evaluation reads column values
 * through an accessor, so the same bound predicate serves {@code Object[]} rows and columnar
 * batches.
 */
public final class BoundPredicate {
  private final Node root;
  private final BitSet columns = new BitSet();
  private final Predicate source;

  private BoundPredicate(Predicate source, Schema schema) {
    this.source = source;
    this.root = compile(source, schema);
  }

  /**
   * Binds {@code predicate} to {@code schema}.
   *
   * @throws SchemaException for unknown columns or literals that do not fit the column's type
   */
  public static BoundPredicate bind(Predicate predicate, Schema schema) {
    return new BoundPredicate(predicate, schema);
  }

  /** The predicate this was bound from. */
  public Predicate predicate() {
    return source;
  }

  /** Positions (in the bound schema) of the columns the predicate reads. */
  public BitSet columns() {
    return (BitSet) columns.clone();
  }

  /** True when the predicate is the constant TRUE (every row matches). */
  public boolean isAlwaysTrue() {
    return root instanceof ConstNode c && c.value == Boolean.TRUE;
  }

  /** True when the row is selected (the predicate is TRUE, not FALSE or UNKNOWN). */
  public boolean test(IntFunction<Object> valueAt) {
    return root.eval(valueAt) == Boolean.TRUE;
  }

  /** True when the row, whose values are in schema order, is selected. */
  public boolean test(Object[] row) {
    return test(i -> row[i]);
  }

  private interface Node {
    /** TRUE, FALSE, or null for UNKNOWN. */
    Boolean eval(IntFunction<Object> valueAt);
  }

  private record ConstNode(Boolean value) implements Node {
    @Override
    public Boolean eval(IntFunction<Object> valueAt) {
      return value;
    }
  }

  private Node compile(Predicate p, Schema schema) {
    if (p instanceof Predicate.Constant c) {
      return new ConstNode(c.value());
    } else if (p instanceof Predicate.And a) {
      Node l = compile(a.left(), schema);
      Node r = compile(a.right(), schema);
      return v -> {
        Boolean x = l.eval(v);
        if (x == Boolean.FALSE) {
          return false;
        }
        Boolean y = r.eval(v);
        if (y == Boolean.FALSE) {
          return false;
        }
        return x == null || y == null ? null : Boolean.TRUE;
      };
    } else if (p instanceof Predicate.Or o) {
      Node l = compile(o.left(), schema);
      Node r = compile(o.right(), schema);
      return v -> {
        Boolean x = l.eval(v);
        if (x == Boolean.TRUE) {
          return true;
        }
        Boolean y = r.eval(v);
        if (y == Boolean.TRUE) {
          return true;
        }
        return x == null || y == null ? null : Boolean.FALSE;
      };
    } else if (p instanceof Predicate.Not n) {
      Node c = compile(n.child(), schema);
      return v -> {
        Boolean x = c.eval(v);
        return x == null ? null : !x;
      };
    } else if (p instanceof Predicate.IsNull n) {
      int i = column(schema, n.column());
      return v -> v.apply(i) == null;
    } else if (p instanceof Predicate.Comparison c) {
      int i = column(schema, c.column());
      LakeType type = schema.field(i).type();
      Object lit = literal(type, c.value(), c.column());
      if (lit == null) {
        return new ConstNode(null);
      }
      Predicate.Op op = c.op();
      if (type.isNested() && op != Predicate.Op.EQ && op != Predicate.Op.NE) {
        throw new SchemaException(
            "column '" + c.column() + "' of type " + type.sqlName() + " supports only = and <>");
      }
      return v -> {
        Object x = v.apply(i);
        if (x == null) {
          return null;
        }
        switch (op) {
          case EQ:
            return Values.equal(x, lit);
          case NE:
            return !Values.equal(x, lit);
          case LT:
            return Values.compare(x, lit) < 0;
          case LE:
            return Values.compare(x, lit) <= 0;
          case GT:
            return Values.compare(x, lit) > 0;
          default:
            return Values.compare(x, lit) >= 0;
        }
      };
    } else if (p instanceof Predicate.In in) {
      int i = column(schema, in.column());
      LakeType type = schema.field(i).type();
      List<Object> lits = new ArrayList<>();
      boolean hasNull = false;
      for (Object o : in.values()) {
        Object lit = literal(type, o, in.column());
        if (lit == null) {
          hasNull = true;
        } else {
          lits.add(lit);
        }
      }
      java.util.Set<ValueKey> set = new java.util.HashSet<>();
      for (Object lit : lits) {
        set.add(ValueKey.of(lit));
      }
      boolean nullInList = hasNull;
      return v -> {
        Object x = v.apply(i);
        if (x == null) {
          return null;
        }
        if (set.contains(ValueKey.of(x))) {
          return true;
        }
        return nullInList ? null : Boolean.FALSE;
      };
    } else if (p instanceof Predicate.Like l) {
      int i = column(schema, l.column());
      if (schema.field(i).type().kind() != LakeType.Kind.STRING) {
        throw new SchemaException("LIKE needs a STRING column; '" + l.column() + "' is "
            + schema.field(i).type().sqlName());
      }
      if (l.pattern() == null) {
        return new ConstNode(null);
      }
      Pattern regex = likeToRegex(l.pattern());
      return v -> {
        Object x = v.apply(i);
        return x == null ? null : regex.matcher((String) x).matches();
      };
    }
    throw new IllegalStateException("unknown predicate " + p);
  }

  private int column(Schema schema, String name) {
    int i = schema.require(name);
    columns.set(i);
    return i;
  }

  private static Object literal(LakeType type, Object value, String column) {
    try {
      return Values.coerce(type, value);
    } catch (SchemaException e) {
      throw new SchemaException("in a condition on column '" + column + "': " + e.getMessage(), e);
    }
  }

  /** SQL LIKE to a Java regex: % any run, _ one char, backslash escapes the next char. */
  static Pattern likeToRegex(String like) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\') {
        if (i + 1 >= like.length()) {
          throw new InvalidInputException("LIKE pattern ends with an escape character: " + like);
        }
        sb.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        sb.append(".*");
      } else if (c == '_') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL);
  }
}
