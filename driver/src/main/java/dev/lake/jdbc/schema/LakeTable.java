package dev.lake.jdbc.schema;

import com.google.common.collect.ImmutableList;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.plan.LakeRules;
import dev.lake.jdbc.plan.LakeTableScan;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Delta table as a Calcite table: translated into lake's own scan (which planner rules then
 * narrow with projections, filters and time travel), and modifiable through lake's own
 * TableModify, so every statement is one Delta commit. One instance lives for one statement: it
 * loads the table's latest snapshot once, for its row type.
 */
public final class LakeTable extends AbstractTable implements TranslatableTable, TemporalTable, ModifiableTable {
  private final Lake lake;
  private final String name;
  private Snapshot latest;

  public LakeTable(Lake lake, String name) {
    this.lake = lake;
    this.name = name;
  }

  /** The lake holding the table. */
  public Lake lake() {
    return lake;
  }

  /** The table's name in the lake. */
  public String name() {
    return name;
  }

  /** The engine's table. */
  public Table table() {
    try {
      return lake.table(name);
    } catch (LakeException e) {
      throw Errors.toRuntime(e);
    }
  }

  /** The latest snapshot as of planning. */
  public Snapshot latest() {
    if (latest == null) {
      try {
        latest = lake.table(name).snapshot();
      } catch (LakeException e) {
        throw Errors.toRuntime(e);
      }
    }
    return latest;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return SqlTypes.rowType(typeFactory, latest().schema());
  }

  @Override
  public Statistic getStatistic() {
    List<String> pk = latest().primaryKey();
    if (pk.isEmpty()) {
      return Statistics.UNKNOWN;
    }
    ImmutableBitSet.Builder key = ImmutableBitSet.builder();
    for (String c : pk) {
      key.set(latest().schema().require(c));
    }
    return Statistics.of(100d, ImmutableList.of(key.build()));
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LakeTableScan.create(context.getCluster(), relOptTable, this);
  }

  @Override
  public String getSysStartFieldName() {
    return "__lake_commit_start";
  }

  @Override
  public String getSysEndFieldName() {
    return "__lake_commit_end";
  }

  @Override
  public @Nullable Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public TableModify toModificationRel(
      RelOptCluster cluster,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode child,
      TableModify.Operation operation,
      @Nullable List<String> updateColumnList,
      @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    // INSERT ... VALUES plans no scan of this table: register lake's rules here too.
    LakeRules.register(cluster.getPlanner());
    return LogicalTableModify.create(
        table, catalogReader, child, operation, updateColumnList, sourceExpressionList, flattened);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    throw new UnsupportedOperationException("lake tables are read through lake's scan");
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }
}
