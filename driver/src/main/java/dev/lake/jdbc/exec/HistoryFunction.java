package dev.lake.jdbc.exec;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code LAKE_HISTORY('table')}: the table function behind {@code DESCRIBE HISTORY t}, one row
 * per commit (version, timestamp, operation, rows inserted/updated/deleted, files added/removed,
 * parameters, engine).
 */
public final class HistoryFunction {
  /** The function's SQL name. */
  public static final String NAME = "LAKE_HISTORY";

  private HistoryFunction() {}

  /** The function object registered in the lake schema. */
  public static Function create(Lake lake) {
    return TableFunctionImpl.create(HistoryFunction.class, "history");
  }

  /** Called by generated code: the history of {@code table} as a scannable table. */
  public static ScannableTable history(String table) {
    return new HistoryTable(table);
  }

  /** The history rows of one table; the lake is found through the statement's root schema. */
  static final class HistoryTable extends StatementResultTable {
    private final String table;

    HistoryTable(String table) {
      this.table = table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("version", SqlTypeName.BIGINT)
          .add("timestamp", f.createSqlType(SqlTypeName.TIMESTAMP, 3))
          .add("operation", SqlTypeName.VARCHAR)
          .add("rows_inserted", SqlTypeName.BIGINT)
          .add("rows_updated", SqlTypeName.BIGINT)
          .add("rows_deleted", SqlTypeName.BIGINT)
          .add("files_added", SqlTypeName.INTEGER)
          .add("files_removed", SqlTypeName.INTEGER)
          .add("parameters", SqlTypeName.VARCHAR)
          .add("engine", SqlTypeName.VARCHAR)
          .build();
    }

    @Override
    protected List<Object[]> rows(DataContext root) {
      Lake lake = TableNames.lake(root);
      List<Object[]> rows = new ArrayList<>();
      for (HistoryEntry h : lake.table(TableNames.resolve(lake, table)).history()) {
        rows.add(
            new Object[] {
              h.version(),
              h.timestamp().toEpochMilli(),
              h.operation(),
              h.rowsInserted(),
              h.rowsUpdated(),
              h.rowsDeleted(),
              h.filesAdded(),
              h.filesRemoved(),
              h.parameters().toString(),
              h.engineInfo()
            });
      }
      return rows;
    }
  }
}
