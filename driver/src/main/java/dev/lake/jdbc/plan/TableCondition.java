package dev.lake.jdbc.plan;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.LakeTypeSystem;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import dev.lake.jdbc.schema.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.RelConversionException;
import org.apache.calcite.tools.ValidationException;

/**
 * A condition on one table's columns, outside a query — the {@code WHERE} of
 * {@code OPTIMIZE t WHERE ...} — as an engine {@link Predicate} with exactly its meaning.
 *
 * <p>The condition goes the way of any query's {@code WHERE}: Calcite validates and converts
 * {@code SELECT * FROM t WHERE <condition>} (so names, types and implicit casts mean what they
 * mean in a lake query: {@code day = '2024-01-31'} on a DATE column compares with the date),
 * constant casts are evaluated as the query planner's expression reduction does, and
 * {@link RexToPredicate} — the planner's filter push-down — translates the result. What it cannot
 * translate exactly is refused with a message that says what is accepted, never widened: a
 * maintenance statement that acts on more than was asked rewrites data nobody asked it to.
 */
public final class TableCondition {
  /** What a condition may contain, for messages. */
  public static final String ACCEPTED =
      "comparisons of columns with literals (=, <>, <, <=, >, >=, IN, BETWEEN, LIKE without ESCAPE,"
          + " IS [NOT] NULL) joined by AND, OR and NOT; a literal must be exactly a value of its column's type,"
          + " and FLOAT/DOUBLE columns cannot be compared";

  private static final SqlParser.Config PARSER =
      SqlParser.config()
          .withParserFactory(LakeSqlParserImpl.FACTORY)
          .withCaseSensitive(false)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withConformance(SqlConformanceEnum.LENIENT);

  private final String condition;
  private final Schema schema;

  private TableCondition(String condition, Schema schema) {
    this.condition = condition;
    this.schema = schema;
  }

  /**
   * The predicate a condition means.
   *
   * @param condition SQL text of the condition (as the parser hands over a WHERE clause)
   * @param table the table's name, which the condition may use to qualify columns
   * @param schema the table's columns
   * @throws InvalidInputException if the condition does not parse or validate, names an unknown
   *     column, has a literal that is not a value of its column's type, or is not one of
   *     {@link #ACCEPTED}
   */
  public static Predicate toPredicate(String condition, String table, Schema schema) {
    return new TableCondition(condition, schema).translate(table);
  }

  private Predicate translate(String table) {
    SchemaPlus root = Frameworks.createRootSchema(false);
    root.add(table, new RowTypeTable(schema));
    FrameworkConfig config =
        Frameworks.newConfigBuilder()
            .parserConfig(PARSER)
            .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT))
            .typeSystem(LakeTypeSystem.INSTANCE)
            // IN lists of any length stay comparisons (by default, 20 values and more become a join)
            .sqlToRelConverterConfig(SqlToRelConverter.config().withInSubQueryThreshold(Integer.MAX_VALUE))
            .defaultSchema(root)
            .build();
    Planner planner = Frameworks.getPlanner(config);
    RelNode rel;
    try {
      // The condition is parsed on its own and set into the query, so that whatever its text,
      // it can only ever be one expression.
      SqlNode where = SqlParser.create(condition, PARSER).parseExpression();
      SqlSelect select = (SqlSelect) planner.parse("SELECT * FROM " + quoted(table));
      select.setWhere(where);
      rel = planner.rel(planner.validate(select)).rel;
    } catch (SqlParseException e) {
      // The first line says what was found where; the rest lists every token the grammar knows.
      String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException("cannot read the condition " + condition + ": " + first);
    } catch (ValidationException | RelConversionException e) {
      throw new InvalidInputException("in the condition " + condition + ": " + validationMessage(e));
    } finally {
      planner.close();
    }
    if (rel instanceof Project) {
      rel = rel.getInput(0);
    }
    if (rel instanceof TableScan) {
      return new Predicate.Constant(true); // a condition that is always true leaves no filter
    }
    if (!(rel instanceof Filter filter) || !(filter.getInput() instanceof TableScan)) {
      throw refused();
    }
    RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
    RexNode reduced = filter.getCondition().accept(new ConstantCasts(rexBuilder, filter.getInput().getRowType()));
    Predicate p = new RexToPredicate(rexBuilder, names(), types()).translate(reduced);
    if (p == null) {
      throw refused();
    }
    return p;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    for (Field f : schema.fields()) {
      names.add(f.name());
    }
    return names;
  }

  private List<LakeType> types() {
    List<LakeType> types = new ArrayList<>();
    for (Field f : schema.fields()) {
      types.add(f.type());
    }
    return types;
  }

  private InvalidInputException refused() {
    return new InvalidInputException("cannot use the condition " + condition + " here: accepted are " + ACCEPTED);
  }

  /** The validator's own words, without a position in a query the user never wrote. */
  private static String validationMessage(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException c && c.getCause() != null) {
        return c.getCause().getMessage();
      }
    }
    return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The table as Calcite sees it in a query: its row type, nothing to read. */
  private static final class RowTypeTable extends AbstractTable {
    private final Schema schema;

    RowTypeTable(Schema schema) {
      this.schema = schema;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return SqlTypes.rowType(typeFactory, schema);
    }
  }

  /**
   * Evaluates casts of literals — Calcite's implicit casts, such as {@code '2024-01-31'} to DATE
   * — with Calcite's executor, as the query planner's expression reduction does; a literal that
   * is not a value of the type is an error that names the column it is compared with.
   */
  private final class ConstantCasts extends RexShuttle {
    private final RexBuilder rexBuilder;
    private final RelDataType rowType;

    ConstantCasts(RexBuilder rexBuilder, RelDataType rowType) {
      this.rexBuilder = rexBuilder;
      this.rowType = rowType;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      if (isLiteralCast(call)) {
        return reduce(call, -1);
      }
      int column = -1;
      for (RexNode op : call.getOperands()) {
        RexNode inner = op.getKind() == SqlKind.CAST ? ((RexCall) op).getOperands().get(0) : op;
        if (inner instanceof RexInputRef ref) {
          column = ref.getIndex();
          break;
        }
      }
      List<RexNode> operands = new ArrayList<>();
      for (RexNode op : call.getOperands()) {
        operands.add(isLiteralCast(op) ? reduce((RexCall) op, column) : op.accept(this));
      }
      return call.clone(call.getType(), operands);
    }

    private boolean isLiteralCast(RexNode node) {
      return node.getKind() == SqlKind.CAST && ((RexCall) node).getOperands().get(0) instanceof RexLiteral;
    }

    private RexNode reduce(RexCall cast, int column) {
      List<RexNode> reduced = new ArrayList<>();
      RexUtil.EXECUTOR.reduce(rexBuilder, List.of(cast), reduced);
      RexNode value = reduced.get(0);
      if (value instanceof RexLiteral) {
        return value;
      }
      // The executor leaves a cast it cannot evaluate as it was.
      RexLiteral literal = (RexLiteral) cast.getOperands().get(0);
      String target =
          column < 0
              ? cast.getType().getSqlTypeName().getName()
              : rowType.getFieldList().get(column).getType().getFullTypeString().replace(" NOT NULL", "")
                  + " (column " + rowType.getFieldNames().get(column) + ")";
      throw new InvalidInputException(
          "in the condition " + condition + ": " + literal + " is not a value of type " + target);
    }
  }
}
