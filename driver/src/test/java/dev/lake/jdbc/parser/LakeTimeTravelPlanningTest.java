package dev.lake.jdbc.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The three time-travel forms go through Calcite's validator and SqlToRelConverter to a
 * LogicalSnapshot, with LAKE_VERSION_AS_OF accepted as a period without being registered.
 */
class LakeTimeTravelPlanningTest {

  /** A table that says it is temporal, as lake's tables will. */
  static final class Temporal extends AbstractTable implements TemporalTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("ID", SqlTypeName.BIGINT)
          .add("NAME", f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true))
          .build();
    }

    @Override
    public String getSysStartFieldName() {
      return "ID";
    }

    @Override
    public String getSysEndFieldName() {
      return "ID";
    }
  }

  private static RelNode plan(String sql) throws Exception {
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add("T", new Temporal());
    root.add("U", new Temporal());
    FrameworkConfig config =
        Frameworks.newConfigBuilder()
            .parserConfig(SqlParser.config().withParserFactory(LakeSqlParserImpl.FACTORY))
            .defaultSchema(root)
            .build();
    Planner planner = Frameworks.getPlanner(config);
    SqlNode parsed = planner.parse(sql);
    SqlNode validated = planner.validate(parsed);
    return planner.rel(validated).project();
  }

  private static LogicalSnapshot snapshot(RelNode rel) {
    if (rel instanceof LogicalSnapshot s) {
      return s;
    }
    for (RelNode input : rel.getInputs()) {
      LogicalSnapshot s = snapshot(input);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  @Test
  void versionAsOf() throws Exception {
    RelNode rel = plan("SELECT name FROM t VERSION AS OF 3 AS x WHERE x.id > 1");
    LogicalSnapshot s = snapshot(rel);
    assertThat(s).as(RelOptUtil.toString(rel)).isNotNull();
    RexNode period = s.getPeriod();
    assertThat(period).isInstanceOf(RexCall.class);
    assertThat(((RexCall) period).getOperator()).isSameAs(LakeOperators.LAKE_VERSION_AS_OF);
    assertThat(period.getType().getSqlTypeName()).isEqualTo(SqlTypeName.TIMESTAMP);
    assertThat(period.toString()).isEqualTo("LAKE_VERSION_AS_OF(3)");
  }

  @Test
  void versionAsOfDynamicParameter() throws Exception {
    RelNode rel = plan("SELECT * FROM t VERSION AS OF ?");
    RexCall period = (RexCall) snapshot(rel).getPeriod();
    assertThat(period.getOperator()).isSameAs(LakeOperators.LAKE_VERSION_AS_OF);
    assertThat(period.getOperands().get(0).getType().getSqlTypeName())
        .isEqualTo(SqlTypeName.BIGINT);
  }

  @Test
  void timestampAsOf() throws Exception {
    RelNode rel = plan("SELECT * FROM t TIMESTAMP AS OF '2026-01-01 12:34:56.789'");
    RexNode period = snapshot(rel).getPeriod();
    assertThat(period.getType().getSqlTypeName()).isEqualTo(SqlTypeName.TIMESTAMP);
    assertThat(period.toString()).contains("2026-01-01 12:34:56.789");
  }

  @Test
  void timestampAsOfDynamicParameter() throws Exception {
    RelNode rel = plan("SELECT * FROM t TIMESTAMP AS OF ?");
    assertThat(snapshot(rel).getPeriod().getType().getSqlTypeName())
        .isEqualTo(SqlTypeName.TIMESTAMP);
  }

  @Test
  void forSystemTimeAsOf() throws Exception {
    RelNode rel =
        plan("SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'");
    assertThat(snapshot(rel).getPeriod().getType().getSqlTypeName())
        .isEqualTo(SqlTypeName.TIMESTAMP);
  }

  @Test
  void joinOfTwoVersions() throws Exception {
    RelNode rel =
        plan(
            "SELECT a.name, b.name FROM t VERSION AS OF 1 AS a "
                + "JOIN u VERSION AS OF 2 AS b ON a.id = b.id");
    String text = RelOptUtil.toString(rel);
    assertThat(text).contains("LogicalSnapshot(period=[LAKE_VERSION_AS_OF(1)])");
    assertThat(text).contains("LogicalSnapshot(period=[LAKE_VERSION_AS_OF(2)])");
  }

  @Test
  void describeHistoryNeedsTheFunction() {
    // The parser only builds the query; LAKE_HISTORY is registered by the driver.
    assertThatThrownBy(() -> plan("DESCRIBE HISTORY t"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("LAKE_HISTORY");
  }
}
