package dev.lake.jdbc.exec;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.maintenance.OptimizeResult;
import dev.lake.jdbc.parser.LakeParserSupport;
import dev.lake.jdbc.plan.TableCondition;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code LAKE_OPTIMIZE('table', 'condition', 'zorder columns')}: the table function behind
 * {@code OPTIMIZE t [WHERE ...] [ZORDER BY (...)]}. Running the statement compacts the table
 * (one commit, or none when there is nothing to do) and returns one row that says what it did.
 */
public final class OptimizeFunction {
  /** The function's SQL name. */
  public static final String NAME = "LAKE_OPTIMIZE";

  private OptimizeFunction() {}

  /** The function object registered in the lake schema. */
  public static Function create() {
    return TableFunctionImpl.create(OptimizeFunction.class, "optimize");
  }

  /**
   * Called by generated code. {@code where} is SQL text or "", {@code zOrderBy} a JSON array of
   * column names or "" (see {@link LakeParserSupport#joinNames}).
   */
  public static ScannableTable optimize(String table, String where, String zOrderBy) {
    return new OptimizeTable(table, where, zOrderBy);
  }

  /** The statement's result: the work happens when it is scanned, once per execution. */
  static final class OptimizeTable extends StatementResultTable {
    private final String table;
    private final String where;
    private final String zOrderBy;

    OptimizeTable(String table, String where, String zOrderBy) {
      this.table = table;
      this.where = where;
      this.zOrderBy = zOrderBy;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("table_name", SqlTypeName.VARCHAR)
          .add("version", SqlTypeName.BIGINT)
          .add("committed", SqlTypeName.BOOLEAN)
          .add("files_removed", SqlTypeName.BIGINT)
          .add("files_added", SqlTypeName.BIGINT)
          .add("bytes_removed", SqlTypeName.BIGINT)
          .add("bytes_added", SqlTypeName.BIGINT)
          .add("partitions_optimized", SqlTypeName.BIGINT)
          .add("z_order_by", SqlTypeName.VARCHAR)
          .build();
    }

    @Override
    protected List<Object[]> rows(DataContext root) {
      Lake lake = TableNames.lake(root);
      Table t = lake.table(TableNames.resolve(lake, table));
      OptimizeOptions options = OptimizeOptions.defaults();
      if (!where.isEmpty()) {
        options = options.where(TableCondition.toPredicate(where, t.name(), t.snapshot().schema()));
      }
      List<String> columns = LakeParserSupport.splitNames(zOrderBy);
      if (!columns.isEmpty()) {
        options = options.zOrderBy(columns);
      }
      OptimizeResult r = t.optimize(options);
      return List.<Object[]>of(
          new Object[] {
            t.name(),
            r.version(),
            r.committed(),
            r.filesRemoved(),
            r.filesAdded(),
            r.bytesRemoved(),
            r.bytesAdded(),
            r.partitionsOptimized(),
            columns.isEmpty() ? null : String.join(", ", columns)
          });
    }
  }
}
