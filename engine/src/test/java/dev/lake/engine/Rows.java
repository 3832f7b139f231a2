package dev.lake.engine;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Test helpers: read a snapshot's rows as lists, sorted for comparison. */
final class Rows {
  private Rows() {}

  static List<List<Object>> all(Snapshot s) {
    return where(s, Predicate.alwaysTrue());
  }

  static List<List<Object>> where(Snapshot s, Predicate p) {
    Scan scan = s.scan().where(p).build();
    List<List<Object>> out = new ArrayList<>();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          out.add(Arrays.asList(b.row(r)));
        }
      }
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }
}
