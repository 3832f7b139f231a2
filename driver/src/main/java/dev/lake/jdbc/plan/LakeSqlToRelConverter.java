package dev.lake.jdbc.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's SQL-to-relational conversion with two repairs of MERGE: the row it hands to the table
 * modification, and which rows an insert-only MERGE inserts.
 *
 * <p>That row is [insert values][every target column][SET values]. Calcite 1.41 finds the
 * target columns by skipping as many leading fields as the join's source side has — but when the
 * ON condition needs a conversion ({@code t.id = v.id} with a BIGINT target and INTEGER source
 * values), the join's source side carries that converted value as an extra field, and the skip
 * drops the first target column instead. lake would then see a before-image with the wrong
 * columns and refuse the MERGE as a conflict. The repair rebuilds the target part from the
 * join's target side, which always starts right after the source side.
 */
final class LakeSqlToRelConverter extends SqlToRelConverter {
  LakeSqlToRelConverter(
      RelOptTable.ViewExpander viewExpander,
      SqlValidator validator,
      Prepare.CatalogReader catalogReader,
      RelOptCluster cluster,
      SqlRexConvertletTable convertletTable,
      Config config) {
    super(viewExpander, validator, catalogReader, cluster, convertletTable, config);
  }

  @Override
  protected RelRoot convertQueryRecursive(SqlNode query, boolean top, @Nullable RelDataType targetRowType) {
    RelRoot root = super.convertQueryRecursive(query, top, targetRowType);
    if (query.getKind() == SqlKind.MERGE && root.rel instanceof LogicalTableModify modify) {
      return RelRoot.of(repairMerge(modify, (SqlMerge) query), SqlKind.MERGE);
    }
    return root;
  }

  private RelNode repairMerge(LogicalTableModify modify, SqlMerge merge) {
    if (!(modify.getInput() instanceof Project project) || !(project.getInput() instanceof Join join)) {
      return modify;
    }
    if (merge.getUpdateCall() == null) {
      return insertOnlyMerge(modify, project, join);
    }
    int targetWidth = modify.getTable().getRowType().getFieldCount();
    int insertWidth = merge.getInsertCall() == null ? 0 : targetWidth;
    int setWidth = modify.getUpdateColumnList() == null ? 0 : modify.getUpdateColumnList().size();
    List<RexNode> exprs = project.getProjects();
    int sourceWidth = join.getLeft().getRowType().getFieldCount();
    RexBuilder rex = modify.getCluster().getRexBuilder();
    List<RexNode> repaired = new ArrayList<>(exprs.subList(0, insertWidth));
    for (int i = 0; i < targetWidth; i++) {
      repaired.add(rex.makeInputRef(join, sourceWidth + i));
    }
    repaired.addAll(exprs.subList(exprs.size() - setWidth, exprs.size()));
    if (repaired.equals(exprs)) {
      return modify;
    }
    RelNode input = project.copy(project.getTraitSet(), join, repaired, RexUtil.createStructType(rex.getTypeFactory(), repaired, null, null));
    return withInput(modify, input);
  }

  /**
   * MERGE with only WHEN NOT MATCHED: Calcite plans every source row of its LEFT JOIN as an
   * insert, matched or not. An anti-join keeps exactly the source rows that match no target row,
   * which is what the statement means — with or without a primary key, in a transaction or not.
   */
  private static RelNode insertOnlyMerge(LogicalTableModify modify, Project project, Join join) {
    int sourceWidth = join.getLeft().getRowType().getFieldCount();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    if (join.getJoinType() != JoinRelType.LEFT || (!used.isEmpty() && used.length() > sourceWidth)) {
      return modify; // not the shape Calcite builds: leave it alone
    }
    Join anti = join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(), join.getRight(), JoinRelType.ANTI, join.isSemiJoinDone());
    return withInput(modify, project.copy(project.getTraitSet(), anti, project.getProjects(), project.getRowType()));
  }

  private static RelNode withInput(LogicalTableModify modify, RelNode input) {
    return LogicalTableModify.create(
        modify.getTable(),
        modify.getCatalogReader(),
        input,
        TableModify.Operation.MERGE,
        modify.getUpdateColumnList(),
        modify.getSourceExpressionList(),
        modify.isFlattened());
  }
}
