package dev.lake.jdbc.parser;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/** Operators the lake grammar produces. */
public final class LakeOperators {
  private LakeOperators() {}

  /** Name of {@link #LAKE_VERSION_AS_OF}. */
  public static final String LAKE_VERSION_AS_OF_NAME = "LAKE_VERSION_AS_OF";

  /**
   * Marker for {@code FROM t VERSION AS OF n}: the period of the {@link
   * org.apache.calcite.sql.SqlSnapshot} is {@code LAKE_VERSION_AS_OF(n)}. Its type is {@code
   * TIMESTAMP(3) NOT NULL} so that the validator accepts it as a period (and SqlToRelConverter
   * makes a {@code LogicalSnapshot}); it is never executed: the planner reads the version out of
   * the call and folds it into the scan.
   *
   * <p>One exact-numeric operand: an integer literal or a dynamic parameter (inferred as BIGINT).
   * It resolves without an operator-table lookup, so it need not be registered anywhere; the
   * unparsed form {@code FOR SYSTEM_TIME AS OF LAKE_VERSION_AS_OF(n)} parses back to this operator.
   */
  public static final SqlFunction LAKE_VERSION_AS_OF = new VersionAsOfFunction();

  /** True if {@code node} is a call of {@link #LAKE_VERSION_AS_OF}. */
  public static boolean isVersionAsOf(SqlNode node) {
    return node instanceof SqlCall call && call.getOperator() == LAKE_VERSION_AS_OF;
  }

  /**
   * The period of a {@code FOR SYSTEM_TIME AS OF} clause with a written-out {@code
   * LAKE_VERSION_AS_OF(n)} (as {@code unparse} writes {@code VERSION AS OF n}) turned into a call
   * of {@link #LAKE_VERSION_AS_OF}; any other period unchanged.
   */
  public static SqlNode resolvePeriod(SqlNode period) {
    if (period instanceof SqlBasicCall call
        && call.getOperator() instanceof SqlUnresolvedFunction
        && call.getOperator().getName().toUpperCase(Locale.ROOT).equals(LAKE_VERSION_AS_OF_NAME)
        && call.operandCount() == 1
        && call.getFunctionQuantifier() == null) {
      SqlNode version = call.operand(0);
      return LAKE_VERSION_AS_OF.createCall(call.getParserPosition(), version);
    }
    return period;
  }

  /** See {@link #LAKE_VERSION_AS_OF}. */
  private static final class VersionAsOfFunction extends SqlFunction {
    VersionAsOfFunction() {
      super(
          LAKE_VERSION_AS_OF_NAME,
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3),
          (callBinding, returnType, operandTypes) -> {
            RelDataType bigint = callBinding.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
            java.util.Arrays.fill(operandTypes, bigint);
          },
          OperandTypes.EXACT_NUMERIC,
          SqlFunctionCategory.SYSTEM);
    }

    /**
     * As {@link org.apache.calcite.sql.SqlOperator#deriveType}, without {@link SqlFunction}'s
     * operator-table lookup (this marker is resolved by the parser, not by name).
     */
    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      for (SqlNode operand : operands) {
        if (operand instanceof SqlDynamicParam) {
          validator.setValidatedNodeType(
              operand, validator.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
        } else {
          validator.deriveType(scope, operand);
        }
      }
      RelDataType type = validateOperands(validator, scope, call);
      return type;
    }
  }
}
