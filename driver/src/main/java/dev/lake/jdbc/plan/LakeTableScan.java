package dev.lake.jdbc.plan;

import dev.lake.engine.expr.Predicate;
import dev.lake.jdbc.exec.ScanRuntime;
import dev.lake.jdbc.schema.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * lake's scan: reads the chosen columns of the rows matching an engine predicate from one
 * version of a table. Rules push projections, filters and time travel into it; the engine then
 * skips files by stats and partitions. EXPLAIN shows what was pushed.
 */
public final class LakeTableScan extends TableScan implements EnumerableRel {
  private final LakeTable lakeTable;
  private final int[] fields;
  private final Predicate predicate;
  private final AsOf asOf;

  LakeTableScan(
      RelOptCluster cluster, RelOptTable table, LakeTable lakeTable, int[] fields, Predicate predicate, AsOf asOf) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
    this.lakeTable = lakeTable;
    this.fields = fields;
    this.predicate = predicate;
    this.asOf = asOf;
  }

  /** A scan of every column of the latest version. */
  public static LakeTableScan create(RelOptCluster cluster, RelOptTable table, LakeTable lakeTable) {
    int n = table.getRowType().getFieldCount();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new LakeTableScan(cluster, table, lakeTable, all, Predicate.alwaysTrue(), AsOf.LATEST);
  }

  public LakeTable lakeTable() {
    return lakeTable;
  }

  /** Positions (in the table) of the columns this scan returns. */
  public int[] fields() {
    return fields.clone();
  }

  public Predicate predicate() {
    return predicate;
  }

  public AsOf asOf() {
    return asOf;
  }

  LakeTableScan withFields(int[] newFields) {
    return new LakeTableScan(getCluster(), table, lakeTable, newFields, predicate, asOf);
  }

  LakeTableScan withPredicate(Predicate p) {
    return new LakeTableScan(getCluster(), table, lakeTable, fields, p, asOf);
  }

  LakeTableScan withAsOf(AsOf a) {
    return new LakeTableScan(getCluster(), table, lakeTable, fields, predicate, a);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = new ArrayList<>();
    for (int f : fields) {
      names.add(table.getRowType().getFieldList().get(f).getName());
    }
    return super.explainTerms(pw)
        .item("columns", names)
        .itemIf("filter", predicate, !(predicate instanceof Predicate.Constant c && c.value()))
        .itemIf("asOf", asOf, !asOf.isLatest());
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataType[] types = new RelDataType[fields.length];
    String[] names = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = all.get(fields[i]).getType();
      names[i] = all.get(fields[i]).getName();
    }
    return getCluster().getTypeFactory().createStructType(List.of(types), List.of(names));
  }

  @Override
  public void register(RelOptPlanner planner) {
    LakeRules.register(planner);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Fewer columns and a pushed filter read less: make the planner prefer them.
    double columns = (fields.length + 2d) / (table.getRowType().getFieldCount() + 2d);
    double rows = predicate instanceof Predicate.Constant ? 1d : 0.25d;
    return super.computeSelfCost(planner, mq).multiplyBy(columns * rows);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double base = super.estimateRowCount(mq);
    return predicate instanceof Predicate.Constant ? base : base * 0.25d;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    List<String> names = new ArrayList<>();
    for (int f : fields) {
      names.add(table.getRowType().getFieldList().get(f).getName());
    }
    ScanSpec spec = new ScanSpec(names, predicate, asOf);
    return implementor.result(
        physType,
        Blocks.toBlock(
            Expressions.call(
                ScanRuntime.class,
                "scan",
                implementor.getRootExpression(),
                implementor.stash(lakeTable, LakeTable.class),
                implementor.stash(spec, ScanSpec.class),
                Expressions.constant(physType.getFormat() == org.apache.calcite.adapter.enumerable.JavaRowFormat.SCALAR))));
  }
}
