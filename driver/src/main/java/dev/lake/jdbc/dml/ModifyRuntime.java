package dev.lake.jdbc.dml;

import dev.lake.engine.CommitResult;
import dev.lake.engine.Table;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.write.ChangeSet;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.exec.CalciteValues;
import dev.lake.jdbc.exec.OwnClassLoader;
import dev.lake.jdbc.schema.LakeTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Executes a lake TableModify for generated code: turns the rows Calcite computed into engine
 * changes and commits them as one Delta commit (or buffers them in the connection's open
 * transaction). Returns the affected-row count.
 */
public final class ModifyRuntime {
  private ModifyRuntime() {}

  /** Called by generated code; runs when the result is first enumerated. */
  public static Enumerable<Long> execute(
      DataContext root, LakeTable lakeTable, ModifySpec spec, Enumerable<Object[]> rows) {
    return new AbstractEnumerable<Long>() {
      @Override
      public Enumerator<Long> enumerator() {
        long count;
        try {
          count = OwnClassLoader.call(() -> run(root, lakeTable, spec, rows));
        } catch (LakeException e) {
          throw Errors.toRuntime(e);
        }
        return Linq4j.singletonEnumerable(count).enumerator();
      }
    };
  }

  private static long run(DataContext root, LakeTable lakeTable, ModifySpec spec, Enumerable<Object[]> rows) {
    Table table = lakeTable.table();
    Schema schema = table.snapshot().schema();
    int n = spec.columns().size();
    LakeType[] types = new LakeType[n];
    for (int i = 0; i < n; i++) {
      types[i] = schema.field(spec.columns().get(i)).type();
    }
    Object connection = root.getQueryProvider();
    // "autoCommit" below means: commit now (not inside a transaction or a JDBC batch).
    boolean autoCommit = !Transactions.isBuffering(connection, autoCommit(connection));
    ChangeSet changes = new ChangeSet();
    long count = 0;
    switch (spec.operation()) {
      case "INSERT":
        {
          List<Object[]> inserts = new ArrayList<>();
          for (Object[] row : rows) {
            inserts.add(engineRow(row, 0, types));
          }
          if (autoCommit) {
            return table.insert(inserts).rowsInserted();
          }
          inserts.forEach(changes::insert);
          count = inserts.size();
          break;
        }
      case "DELETE":
        if (autoCommit && spec.deletePredicate() != null) {
          return table.delete(spec.deletePredicate()).rowsDeleted();
        }
        for (Object[] row : rows) {
          changes.delete(engineRow(row, 0, types));
          count++;
        }
        break;
      case "UPDATE":
        {
          int[] targets = positions(spec.updateColumns(), spec.columns());
          for (Object[] row : rows) {
            Object[] before = engineRow(row, 0, types);
            Object[] after = before.clone();
            for (int i = 0; i < targets.length; i++) {
              after[targets[i]] = CalciteValues.toEngine(types[targets[i]], row[n + i]);
            }
            changes.update(before, after);
            count++;
          }
          break;
        }
      case "MERGE":
        return merge(lakeTable, table, spec, rows, types, connection, autoCommit);
      default:
        throw new UnsupportedFeatureException(spec.operation() + " is not supported on lake tables");
    }
    if (autoCommit) {
      CommitResult r = table.apply(changes, spec.operation());
      return r.rowsInserted() + r.rowsUpdated() + r.rowsDeleted();
    }
    Transactions.buffer(connection, lakeTable.lake(), table.name(), changes);
    return count;
  }

  /**
   * MERGE rows are [insert values][target row][update values]: a null target row means the
   * source row matched nothing.
   */
  private static long merge(
      LakeTable lakeTable, Table table, ModifySpec spec, Enumerable<Object[]> rows, LakeType[] types, Object connection, boolean autoCommit) {
    int n = types.length;
    int w = spec.mergeInsertWidth();
    boolean updates = !spec.updateColumns().isEmpty();
    ChangeSet changes = new ChangeSet();
    long count = 0;
    if (!updates) {
      // Only WHEN NOT MATCHED: the plan passes exactly the source rows that matched nothing
      // (an anti-join, see LakeSqlToRelConverter).
      for (Object[] row : rows) {
        changes.insert(engineRow(row, 0, types));
        count++;
      }
      return commitOrBuffer(lakeTable, table, changes, count, connection, autoCommit);
    }
    int[] targets = positions(spec.updateColumns(), spec.columns());
    for (Object[] row : rows) {
      Object[] target = engineRow(row, w, types);
      boolean matched = false;
      for (Object v : target) {
        if (v != null) {
          matched = true;
          break;
        }
      }
      if (matched) {
        Object[] after = target.clone();
        for (int i = 0; i < targets.length; i++) {
          after[targets[i]] = CalciteValues.toEngine(types[targets[i]], row[w + n + i]);
        }
        changes.update(target, after);
        count++;
      } else if (w > 0) {
        changes.insert(engineRow(row, 0, types));
        count++;
      }
    }
    return commitOrBuffer(lakeTable, table, changes, count, connection, autoCommit);
  }

  /** One MERGE commit now, or the changes buffered for the connection's transaction. */
  private static long commitOrBuffer(
      LakeTable lakeTable, Table table, ChangeSet changes, long count, Object connection, boolean autoCommit) {
    if (autoCommit) {
      CommitResult r = table.apply(changes, "MERGE");
      return r.rowsInserted() + r.rowsUpdated();
    }
    Transactions.buffer(connection, lakeTable.lake(), table.name(), changes);
    return count;
  }

  private static Object[] engineRow(Object[] row, int offset, LakeType[] types) {
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      out[i] = CalciteValues.toEngine(types[i], row[offset + i]);
    }
    return out;
  }

  private static int[] positions(List<String> names, List<String> columns) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = -1;
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).equalsIgnoreCase(names.get(i))) {
          out[i] = c;
          break;
        }
      }
    }
    return out;
  }

  private static boolean autoCommit(Object connection) {
    try {
      return !(connection instanceof Connection c) || c.getAutoCommit();
    } catch (SQLException e) {
      return true;
    }
  }
}
