package dev.lake.it.support;

import dev.lake.engine.Snapshot;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import java.util.ArrayList;
import java.util.List;

/** Reads a snapshot through lake's own scan into rows in {@link Canonical} form. */
public final class LakeRows {
  private LakeRows() {}

  /** Every row of the snapshot, in canonical form, sorted by text. */
  public static List<List<Object>> all(Snapshot snapshot) {
    return Canonical.sorted(read(snapshot, Predicate.alwaysTrue(), snapshot.schema().columnNames()));
  }

  /** The selected columns of the rows matching {@code where}, in scan order. */
  public static List<List<Object>> read(Snapshot snapshot, Predicate where, List<String> columns) {
    List<List<Object>> out = new ArrayList<>();
    Scan scan = snapshot.scan().select(columns).where(where).build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          out.add(Canonical.row(b.row(r)));
        }
      }
    }
    return out;
  }

  /** One column of every row, as longs (for id columns). */
  public static List<Long> longs(Snapshot snapshot, String column) {
    List<Long> out = new ArrayList<>();
    Scan scan = snapshot.scan().select(column).build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          out.add(b.getLong(0, r));
        }
      }
    }
    return out;
  }
}
