package dev.lake.it.support;

import dev.lake.engine.Snapshot;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.spark.CanonicalText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rows read by lake (engine scan, or SQL through the JDBC driver) in {@link CanonicalText} form. */
public final class LakeText {
  private LakeText() {}

  /** Every row of the snapshot, sorted. */
  public static List<String> rows(Snapshot snapshot) {
    return rows(snapshot, snapshot.schema().columnNames());
  }

  /** The given columns of every row of the snapshot, sorted. */
  public static List<String> rows(Snapshot snapshot, List<String> columns) {
    List<String> out = new ArrayList<>();
    Scan scan = snapshot.scan().select(columns).where(Predicate.alwaysTrue()).build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          out.add(CanonicalText.oneLine(CanonicalText.row(b.row(r))));
        }
      }
    }
    return CanonicalText.sorted(out);
  }

  /**
   * The rows of a query through JDBC, sorted. Only for columns whose JDBC values have the same
   * Java form as Spark's (numbers, strings, booleans, dates: {@code java.sql.Date} becomes a
   * {@code LocalDate}); JDBC timestamps carry milliseconds only (docs/TYPES.md).
   */
  public static List<String> jdbcRows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          Object v = rs.getObject(i + 1);
          values[i] = v instanceof java.sql.Date d ? d.toLocalDate() : v;
        }
        out.add(CanonicalText.oneLine(CanonicalText.row(values)));
      }
    }
    return CanonicalText.sorted(out);
  }
}
