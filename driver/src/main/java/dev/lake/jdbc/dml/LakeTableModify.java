package dev.lake.jdbc.dml;

import dev.lake.engine.expr.Predicate;
import dev.lake.jdbc.plan.LakeTableScan;
import dev.lake.jdbc.schema.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/**
 * lake's TableModify: collects the rows Calcite computed (new rows, or old rows with their new
 * values) and hands them to the engine as one Delta commit — or, with auto-commit off, to the
 * connection's open transaction.
 */
public final class LakeTableModify extends TableModify implements EnumerableRel {
  private final LakeTable lakeTable;

  private LakeTableModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode input,
      Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened,
      LakeTable lakeTable) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList, flattened);
    this.lakeTable = lakeTable;
  }

  /** The enumerable version of {@code modify} over {@code input}. */
  public static LakeTableModify create(TableModify modify, LakeTable lakeTable, RelNode input) {
    return new LakeTableModify(
        modify.getCluster(),
        modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
        modify.getTable(),
        modify.getCatalogReader(),
        input,
        modify.getOperation(),
        modify.getUpdateColumnList(),
        modify.getSourceExpressionList(),
        modify.isFlattened(),
        lakeTable);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LakeTableModify(
        getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), getOperation(),
        getUpdateColumnList(), getSourceExpressionList(), isFlattened(), lakeTable);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("rows", child.block);
    Expression arrays = child.physType.convertTo(rows, JavaRowFormat.ARRAY);
    List<String> columns = new ArrayList<>(getTable().getRowType().getFieldNames());
    List<String> updates = getUpdateColumnList() == null ? List.of() : getUpdateColumnList();
    int insertWidth = 0;
    if (getOperation() == Operation.MERGE) {
      int width = getInput().getRowType().getFieldCount();
      insertWidth = width - (updates.isEmpty() ? 0 : columns.size() + updates.size());
    }
    Predicate deleteBy = null;
    if (getOperation() == Operation.DELETE && getInput() instanceof LakeTableScan scan && scan.asOf().isLatest()) {
      deleteBy = scan.predicate();
    }
    ModifySpec spec = new ModifySpec(getOperation().name(), columns, updates, insertWidth, deleteBy);
    builder.add(
        Expressions.return_(
            null,
            Expressions.call(
                ModifyRuntime.class,
                "execute",
                implementor.getRootExpression(),
                implementor.stash(lakeTable, LakeTable.class),
                implementor.stash(spec, ModifySpec.class),
                arrays)));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }
}
