package dev.lake.jdbc.exec;

import dev.lake.engine.csv.CsvValueCodec;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.util.NlsString;

/**
 * A condition of a maintenance statement ({@code OPTIMIZE t WHERE ...}) as an engine
 * {@link Predicate}: comparisons of columns with literals ({@code = <> < <= > >=}, {@code IN},
 * {@code BETWEEN}, {@code LIKE}, {@code IS [NOT] NULL}) joined by {@code AND}, {@code OR} and
 * {@code NOT}. Literals are read as the column's type through the CSV codec, so
 * {@code day = '2024-01-01'} and {@code day = DATE '2024-01-01'} mean the same, as in Spark.
 * Anything else (functions, column-to-column comparisons, subqueries) is refused with a message
 * that says what is accepted: these statements run no query.
 */
public final class ConditionText {
  private static final String ACCEPTED =
      "comparisons of columns with literals (=, <>, <, <=, >, >=, IN, BETWEEN, LIKE, IS [NOT] NULL)"
          + " joined by AND, OR and NOT";

  private final Schema schema;

  private ConditionText(Schema schema) {
    this.schema = schema;
  }

  /** Parses {@code sql} (as produced by the parser for a WHERE clause) against {@code schema}. */
  public static Predicate parse(String sql, Schema schema) {
    SqlNode node;
    try {
      node =
          SqlParser.create(
                  sql,
                  SqlParser.config()
                      .withParserFactory(LakeSqlParserImpl.FACTORY)
                      .withCaseSensitive(false)
                      .withUnquotedCasing(Casing.UNCHANGED)
                      .withQuotedCasing(Casing.UNCHANGED)
                      .withConformance(SqlConformanceEnum.LENIENT))
              .parseExpression();
    } catch (SqlParseException e) {
      throw new InvalidInputException("cannot read the condition " + sql + ": " + e.getMessage());
    }
    return new ConditionText(schema).predicate(node);
  }

  private Predicate predicate(SqlNode node) {
    if (node instanceof SqlLiteral l && l.getTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.BOOLEAN) {
      Boolean b = l.getValueAs(Boolean.class);
      if (b != null) {
        return new Predicate.Constant(b);
      }
    }
    if (!(node instanceof SqlCall call)) {
      throw refused(node);
    }
    List<SqlNode> ops = call.getOperandList();
    switch (call.getKind()) {
      case AND:
      case OR:
        {
          Predicate p = predicate(ops.get(0));
          for (int i = 1; i < ops.size(); i++) {
            Predicate q = predicate(ops.get(i));
            p = call.getKind() == SqlKind.AND ? Predicate.and(p, q) : Predicate.or(p, q);
          }
          return p;
        }
      case NOT:
        return Predicate.not(predicate(ops.get(0)));
      case EQUALS:
        return comparison(call, Predicate.Op.EQ, Predicate.Op.EQ);
      case NOT_EQUALS:
        return comparison(call, Predicate.Op.NE, Predicate.Op.NE);
      case LESS_THAN:
        return comparison(call, Predicate.Op.LT, Predicate.Op.GT);
      case LESS_THAN_OR_EQUAL:
        return comparison(call, Predicate.Op.LE, Predicate.Op.GE);
      case GREATER_THAN:
        return comparison(call, Predicate.Op.GT, Predicate.Op.LT);
      case GREATER_THAN_OR_EQUAL:
        return comparison(call, Predicate.Op.GE, Predicate.Op.LE);
      case IS_NULL:
        return Predicate.isNull(column(ops.get(0), call).name());
      case IS_NOT_NULL:
        return Predicate.isNotNull(column(ops.get(0), call).name());
      case IN:
      case NOT_IN:
        {
          Field f = column(ops.get(0), call);
          if (!(ops.get(1) instanceof SqlNodeList list)) {
            throw refused(call);
          }
          List<Object> values = new ArrayList<>();
          for (SqlNode v : list) {
            values.add(value(f, v, call));
          }
          Predicate in = Predicate.in(f.name(), values);
          return call.getKind() == SqlKind.IN ? in : Predicate.not(in);
        }
      case BETWEEN:
        {
          SqlBetweenOperator op = (SqlBetweenOperator) call.getOperator();
          Field f = column(ops.get(0), call);
          Object low = value(f, ops.get(1), call);
          Object high = value(f, ops.get(2), call);
          Predicate between = Predicate.and(Predicate.ge(f.name(), low), Predicate.le(f.name(), high));
          if (op.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
            between = Predicate.or(between, Predicate.and(Predicate.ge(f.name(), high), Predicate.le(f.name(), low)));
          }
          return op.isNegated() ? Predicate.not(between) : between;
        }
      case LIKE:
        {
          if (ops.size() > 2) {
            throw new InvalidInputException("LIKE ... ESCAPE is not accepted here; " + ACCEPTED);
          }
          Field f = column(ops.get(0), call);
          Object pattern = literalText(ops.get(1), call);
          Predicate like = Predicate.like(f.name(), (String) pattern);
          return ((SqlLikeOperator) call.getOperator()).isNegated() ? Predicate.not(like) : like;
        }
      default:
        throw refused(call);
    }
  }

  /** column op literal, or literal op column (then the operator is mirrored). */
  private Predicate comparison(SqlCall call, Predicate.Op op, Predicate.Op mirrored) {
    SqlNode left = call.operand(0);
    SqlNode right = call.operand(1);
    if (left instanceof SqlIdentifier) {
      Field f = column(left, call);
      return new Predicate.Comparison(f.name(), op, value(f, right, call));
    }
    if (right instanceof SqlIdentifier) {
      Field f = column(right, call);
      return new Predicate.Comparison(f.name(), mirrored, value(f, left, call));
    }
    throw refused(call);
  }

  private Field column(SqlNode node, SqlNode in) {
    if (!(node instanceof SqlIdentifier id) || id.isStar()) {
      throw refused(in);
    }
    String name = id.names.get(id.names.size() - 1);
    for (Field f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new InvalidInputException("unknown column " + name + " in the condition " + text(in));
  }

  /** A literal as a value of the column's type (NULL stays null). */
  private Object value(Field column, SqlNode node, SqlNode in) {
    String text = literalText(node, in);
    if (text == null) {
      return null;
    }
    try {
      return CsvValueCodec.parse(column.type(), text);
    } catch (LakeException e) {
      throw new InvalidInputException(
          "in the condition " + text(in) + ": " + e.getMessage() + " (column " + column.name() + ")");
    }
  }

  /** The text of a literal (a signed number, a string, a typed DATE/TIMESTAMP literal...). */
  private static String literalText(SqlNode node, SqlNode in) {
    if (node.getKind() == SqlKind.MINUS_PREFIX && ((SqlBasicCall) node).operand(0) instanceof SqlNumericLiteral n) {
      return n.getValueAs(BigDecimal.class).negate().toPlainString();
    }
    if (!(node instanceof SqlLiteral literal)) {
      throw refused(in);
    }
    literal = SqlLiteral.unchain(literal);
    if (literal.getValue() == null) {
      return null;
    }
    if (literal instanceof SqlNumericLiteral n) {
      return n.getValueAs(BigDecimal.class).toPlainString();
    }
    if (literal instanceof SqlCharStringLiteral) {
      return literal.getValueAs(NlsString.class).getValue();
    }
    if (literal.getValue() instanceof Boolean b) {
      return b.toString();
    }
    // DATE '...', TIMESTAMP '...', TIME '...': their canonical text.
    return literal.toValue();
  }

  private static InvalidInputException refused(SqlNode node) {
    return new InvalidInputException("cannot use " + text(node) + " here: accepted are " + ACCEPTED);
  }

  private static String text(SqlNode node) {
    return node.toSqlString(c -> c.withQuoteAllIdentifiers(false)).getSql();
  }
}
