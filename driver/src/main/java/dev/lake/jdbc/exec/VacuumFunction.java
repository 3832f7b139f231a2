package dev.lake.jdbc.exec;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.maintenance.VacuumOptions;
import dev.lake.engine.maintenance.VacuumResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code LAKE_VACUUM('table', 'hours', dryRun)}: the table function behind
 * {@code VACUUM t [RETAIN n HOURS] [DRY RUN]}. One row per file deleted (or, in a dry run, that
 * would be deleted). A retention shorter than the table's is refused unless the connection has
 * {@code vacuum_retention_check=false} (Delta's {@code retentionDurationCheck}).
 */
public final class VacuumFunction {
  /** The function's SQL name. */
  public static final String NAME = "LAKE_VACUUM";

  /** The connection option that turns the retention check off. */
  public static final String RETENTION_CHECK_OPTION = "vacuum_retention_check";

  private VacuumFunction() {}

  /** The function object registered in the lake schema. */
  public static Function create() {
    return TableFunctionImpl.create(VacuumFunction.class, "vacuum");
  }

  /** Called by generated code; {@code hours} is a decimal number as text, or "" for the default. */
  public static ScannableTable vacuum(String table, String hours, boolean dryRun) {
    return new VacuumTable(table, hours, dryRun);
  }

  /** The statement's result: the work happens when it is scanned, once per execution. */
  static final class VacuumTable extends StatementResultTable {
    private final String table;
    private final String hours;
    private final boolean dryRun;

    VacuumTable(String table, String hours, boolean dryRun) {
      this.table = table;
      this.hours = hours;
      this.dryRun = dryRun;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("path", SqlTypeName.VARCHAR)
          .build();
    }

    @Override
    protected List<Object[]> rows(DataContext root) {
      Lake lake = TableNames.lake(root);
      Table t = lake.table(TableNames.resolve(lake, table));
      VacuumOptions options =
          VacuumOptions.defaults().dryRun(dryRun).allowShortRetention(!retentionCheck(root));
      if (!hours.isEmpty()) {
        options = options.retain(retention(hours));
      }
      VacuumResult r = t.vacuum(options);
      List<Object[]> rows = new ArrayList<>(r.paths().size());
      for (String p : r.paths()) {
        rows.add(new Object[] {p});
      }
      return rows;
    }

    private static Duration retention(String hours) {
      BigDecimal h = new BigDecimal(hours);
      if (h.signum() < 0) {
        throw new InvalidInputException("RETAIN needs a number of hours >= 0, not " + hours);
      }
      return Duration.ofMillis(h.multiply(BigDecimal.valueOf(3_600_000L)).longValue());
    }

    private static boolean retentionCheck(DataContext root) {
      if (root.getQueryProvider() instanceof CalciteConnection c) {
        String v = c.getProperties().getProperty("lake.connection." + RETENTION_CHECK_OPTION);
        return v == null || !v.equalsIgnoreCase("false");
      }
      return true;
    }
  }
}
