package dev.lake.jdbc.plan;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.dml.LakeTableModify;
import dev.lake.jdbc.parser.LakeOperators;
import dev.lake.jdbc.schema.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/** The planner rules that push work into lake's scan, fold time travel, and plan lake's DML. */
public final class LakeRules {
  private LakeRules() {}

  /** Adds lake's rules (once per planner) and removes Calcite's in-memory TableModify. */
  public static void register(RelOptPlanner planner) {
    if (planner.getRules().contains(FILTER)) {
      return;
    }
    planner.addRule(FILTER);
    planner.addRule(PROJECT);
    planner.addRule(PROJECT_FILTER);
    planner.addRule(SNAPSHOT);
    planner.addRule(SNAPSHOT_PROJECT);
    planner.addRule(MODIFY);
    // Calcite's TableModify writes to an in-memory collection: never for lake tables.
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
  }

  /** Pushes the translatable conjuncts of a filter into the scan. */
  public static final RelOptRule FILTER = RuleConfig.of("LakeFilterRule", b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(LakeTableScan.class).noInputs()), FilterRule::new).toRule();
  /** Narrows the scan to the columns a projection uses. */
  public static final RelOptRule PROJECT = RuleConfig.of("LakeProjectRule", b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(LakeTableScan.class).noInputs()), ProjectRule::new).toRule();
  /** Folds VERSION AS OF / TIMESTAMP AS OF / FOR SYSTEM_TIME AS OF into the scan. */
  public static final RelOptRule SNAPSHOT = RuleConfig.of("LakeSnapshotRule", b0 -> b0.operand(LogicalSnapshot.class).oneInput(b1 -> b1.operand(LakeTableScan.class).noInputs()), SnapshotRule::new).toRule();
  /**
   * Project over filter over scan, in one step: the filter's translatable conjuncts go into the
   * scan, which then reads only the columns the projection and the rest of the filter use. (A
   * filter pushed alone leaves an enumerable scan under a logical projection, which the
   * projection rule cannot see.)
   */
  public static final RelOptRule PROJECT_FILTER =
      RuleConfig.of(
              "LakeProjectFilterRule",
              b0 -> b0.operand(LogicalProject.class).oneInput(
                  b1 -> b1.operand(LogicalFilter.class).oneInput(b2 -> b2.operand(LakeTableScan.class).noInputs())),
              c -> new RelRule<RuleConfig>(c) {
                @Override
                public void onMatch(RelOptRuleCall call) {
                  projectFilter(call);
                }
              })
          .toRule();

  /**
   * A filter's condition split into what the engine evaluates (AND-ed with what the scan already
   * pushes; null if nothing new) and the conjuncts that stay in Calcite.
   */
  private record Split(Predicate pushed, List<RexNode> rest) {}

  private static Split split(LogicalFilter filter, LakeTableScan scan) {
    RexNode condition = filter.getCondition();
    if (RexUtil.containsCorrelation(condition) || RexUtil.SubQueryFinder.containsSubQuery(filter)) {
      return null;
    }
    List<Predicate> translated = new ArrayList<>();
    List<RexNode> rest = RexToPredicate.untranslated(RelOptUtil.conjunctions(condition), translator(scan), translated);
    if (translated.isEmpty()) {
      return new Split(null, rest);
    }
    Predicate p = scan.predicate();
    for (Predicate q : translated) {
      p = p instanceof Predicate.Constant k && k.value() ? q : Predicate.and(p, q);
    }
    return new Split(p, rest);
  }

  private static void projectFilter(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    LogicalFilter filter = call.rel(1);
    LakeTableScan scan = call.rel(2);
    Split split = split(filter, scan);
    if (split == null) {
      return;
    }
    List<RexNode> rest = split.rest;
    ImmutableBitSet used =
        RelOptUtil.InputFinder.bits(project.getProjects(), null).union(RelOptUtil.InputFinder.bits(rest, null));
    int[] fields = scan.fields();
    if (split.pushed == null && used.cardinality() == fields.length) {
      return;
    }
    Predicate p = split.pushed == null ? scan.predicate() : split.pushed;
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(0); // COUNT(*) and the like still need a column to count rows by
    }
    Narrowing narrowing = Narrowing.of(fields, used);
    RelNode input = scan.withFields(narrowing.fields()).withPredicate(p);
    if (!rest.isEmpty()) {
      input = filter.copy(
          filter.getTraitSet(), input, RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), narrowing.shift(rest)));
    }
    List<RexNode> projects = narrowing.shift(project.getProjects());
    if (rest.isEmpty() && RexUtil.isIdentity(projects, input.getRowType())) {
      call.transformTo(input);
    } else {
      call.transformTo(project.copy(project.getTraitSet(), input, projects, project.getRowType()));
    }
  }

  /** Time travel over a projection of the scan. */
  public static final RelOptRule SNAPSHOT_PROJECT =
      RuleConfig.of(
              "LakeSnapshotProjectRule",
              b0 -> b0.operand(LogicalSnapshot.class).oneInput(
                  b1 -> b1.operand(LogicalProject.class).oneInput(b2 -> b2.operand(LakeTableScan.class).noInputs())),
              c -> new RelRule<RuleConfig>(c) {
                @Override
                public void onMatch(RelOptRuleCall call) {
                  SnapshotRule.onMatchOverProject(call);
                }
              })
          .toRule();
  /** Plans INSERT/UPDATE/DELETE/MERGE on a lake table as lake's TableModify. */
  public static final RelOptRule MODIFY =
      ConverterRule.Config.INSTANCE
          .withConversion(LogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE, "LakeTableModifyRule")
          .withRuleFactory(ModifyRule::new)
          .toRule(ModifyRule.class);

  /**
   * A scan narrowed to the fields in use: the table positions it keeps, and how expressions over
   * the wide scan's fields are rewritten to the narrow one's.
   */
  private record Narrowing(int[] fields, int[] remap) {
    /** Keeps, of a scan returning table positions {@code fields}, the output fields {@code used}. */
    static Narrowing of(int[] fields, ImmutableBitSet used) {
      int[] kept = new int[used.cardinality()];
      int[] remap = new int[fields.length];
      int i = 0;
      for (int u : used) {
        remap[u] = i;
        kept[i++] = fields[u];
      }
      return new Narrowing(kept, remap);
    }

    List<RexNode> shift(List<RexNode> expressions) {
      RexShuttle shift =
          new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
              return new RexInputRef(remap[ref.getIndex()], ref.getType());
            }
          };
      List<RexNode> out = new ArrayList<>();
      for (RexNode e : expressions) {
        out.add(e.accept(shift));
      }
      return out;
    }
  }

  /** Column names and lake types of a scan's output, by field index. */
  private static RexToPredicate translator(LakeTableScan scan) {
    Schema schema = scan.lakeTable().latest().schema();
    List<String> names = new ArrayList<>();
    List<LakeType> types = new ArrayList<>();
    List<org.apache.calcite.rel.type.RelDataTypeField> all = scan.getTable().getRowType().getFieldList();
    for (int f : scan.fields()) {
      String name = all.get(f).getName();
      names.add(name);
      types.add(schema.field(name).type());
    }
    return new RexToPredicate(scan.getCluster().getRexBuilder(), names, types);
  }

  /** Filter over scan. */
  public static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      LakeTableScan scan = call.rel(1);
      Split split = split(filter, scan);
      if (split == null || split.pushed == null) {
        return;
      }
      RelNode result = scan.withPredicate(split.pushed);
      if (!split.rest.isEmpty()) {
        result = filter.copy(
            filter.getTraitSet(), result, RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), split.rest));
      }
      call.transformTo(result);
    }
  }

  /** Project over scan. */
  public static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      LakeTableScan scan = call.rel(1);
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      int[] fields = scan.fields();
      if (used.cardinality() == fields.length || used.isEmpty()) {
        return;
      }
      Narrowing narrowing = Narrowing.of(fields, used);
      LakeTableScan narrowed = scan.withFields(narrowing.fields());
      List<RexNode> projects = narrowing.shift(project.getProjects());
      if (RexUtil.isIdentity(projects, narrowed.getRowType())) {
        call.transformTo(narrowed);
      } else {
        call.transformTo(project.copy(project.getTraitSet(), narrowed, projects, project.getRowType()));
      }
    }

  }

  /** Snapshot over scan: time travel. */
  public static final class SnapshotRule extends RelRule<RuleConfig> {
    SnapshotRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSnapshot snapshot = call.rel(0);
      LakeTableScan scan = call.rel(1);
      AsOf asOf = asOf(snapshot.getPeriod());
      if (asOf == null) {
        return;
      }
      call.transformTo(scan.withAsOf(asOf));
    }

    /** Time travel below a projection: the field trimmer puts projections under the snapshot. */
    static void onMatchOverProject(RelOptRuleCall call) {
      LogicalSnapshot snapshot = call.rel(0);
      LogicalProject project = call.rel(1);
      LakeTableScan scan = call.rel(2);
      AsOf asOf = asOf(snapshot.getPeriod());
      if (asOf == null) {
        return;
      }
      call.transformTo(project.copy(project.getTraitSet(), List.of(scan.withAsOf(asOf))));
    }

    /** The version or time the period names, or null if it is not a constant. */
    static AsOf asOf(RexNode period) {
      RexNode p = period;
      while (p.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
        p = ((RexCall) p).getOperands().get(0);
      }
      if (p instanceof RexCall c && c.getOperator().getName().equalsIgnoreCase(LakeOperators.LAKE_VERSION_AS_OF_NAME)) {
        RexNode v = c.getOperands().get(0);
        while (v.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
          v = ((RexCall) v).getOperands().get(0);
        }
        if (v instanceof RexLiteral lit) {
          Long version = lit.getValueAs(Long.class);
          return version == null ? null : AsOf.version(version);
        }
        return null;
      }
      if (p instanceof RexLiteral lit) {
        if (SqlTypeName.CHAR_TYPES.contains(lit.getTypeName())) {
          String text = lit.getValueAs(String.class);
          try {
            return text == null ? null : AsOf.timestamp(new TimestampString(text.trim().replace('T', ' ')).getMillisSinceEpoch());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a timestamp: '" + text + "' (expected yyyy-MM-dd HH:mm:ss[.fff])");
          }
        }
        TimestampString ts = lit.getValueAs(TimestampString.class);
        if (ts != null) {
          return AsOf.timestamp(ts.getMillisSinceEpoch());
        }
      }
      return null;
    }

  }

  /** LogicalTableModify on a lake table to lake's enumerable TableModify. */
  static final class ModifyRule extends ConverterRule {
    ModifyRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      TableModify modify = (TableModify) rel;
      LakeTable table = modify.getTable().unwrap(LakeTable.class);
      if (table == null) {
        return null;
      }
      return LakeTableModify.create(modify, table, convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE)));
    }
  }
}
