package dev.lake.jdbc.plan;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimization program lake prepares statements with: Calcite's standard sequence
 * (sub-queries, decorrelation, field trimming, the cost-based Volcano phase, calc tweaks) with
 * one stage added before the cost-based phase — join ordering.
 *
 * <p>Why: Calcite's standard program orders joins heuristically only from six joins up, and its
 * Volcano phase does not reorder them at all. A comma join ({@code FROM a, b, c WHERE ...}) whose
 * conditions do not follow the FROM order then runs as a cross product of the first tables,
 * which turns a millisecond query over three small tables into minutes. Gathering the joins
 * into one multi-join and letting {@link CoreRules#MULTI_JOIN_OPTIMIZE} pick the order (it
 * prefers joins that have conditions) avoids that for every join count.
 */
final class LakeProgram {
  private LakeProgram() {}

  /** Fewest joins (three relations) for which ordering can change anything. */
  private static final int MIN_JOINS = 2;

  /** Rules of the cost-based phase that permute joins. */
  private static final List<RelOptRule> PERMUTATIONS =
      List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  static final Program INSTANCE = build();

  private static Program build() {
    HepProgram gather =
        new HepProgramBuilder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .build();
    HepProgram order = new HepProgramBuilder().addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE).build();
    Program joinOrder =
        Programs.sequence(
            Programs.of(gather, false, DefaultRelMetadataProvider.INSTANCE),
            Programs.of(order, false, DefaultRelMetadataProvider.INSTANCE));
    Program orderJoins =
        (planner, rel, traits, materializations, lattices) -> {
          if (RelOptUtil.countJoins(rel) < MIN_JOINS) {
            return rel;
          }
          // The order is chosen: keep the cost-based phase from exploring others (its join
          // permutation rules would happily bring the cross product back).
          for (RelOptRule rule : PERMUTATIONS) {
            planner.removeRule(rule);
          }
          return joinOrder.run(planner, rel, traits, materializations, lattices);
        };
    return Programs.sequence(
        Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
        Programs.decorrelate(),
        Programs.measure(DefaultRelMetadataProvider.INSTANCE),
        Programs.trim(),
        orderJoins,
        LakeProgram::costBased,
        Programs.calc(DefaultRelMetadataProvider.INSTANCE));
  }

  /** The Volcano phase: the cheapest plan in the requested traits (Enumerable). */
  private static RelNode costBased(
      RelOptPlanner planner,
      RelNode rel,
      RelTraitSet traits,
      List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    planner.setRoot(rel);
    if (!rel.getTraitSet().equals(traits)) {
      planner.setRoot(planner.changeTraits(rel, traits));
    }
    return planner.chooseDelegate().findBestExp();
  }
}
