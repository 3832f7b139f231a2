package dev.lake.it.workers;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.write.RowUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of {@code ConcurrentRowChangesIT}, defined once for the workers (which run
 * them) and the test (which replays the committed ones serially, in version order, on a model).
 *
 * <p>Table {@code counters}: {@code id BIGINT PRIMARY KEY, counter INT, trail STRING}, ids
 * 0..199. Update {@code (w, i)} adds 1 to {@code counter} and appends {@code "w.i;"} to {@code
 * trail} of the rows its predicate selects; the sets of different workers overlap.
 *
 * <p>Table {@code events}: {@code id BIGINT, src STRING} without key, ids 0..199 at first.
 * Delete {@code (w, i)} removes an id range overlapping its neighbours and the other deleter's;
 * append {@code (w, i)} adds 4 rows with ids in 200..399, which later deletes may cover.
 */
public final class RowChangeOps {
  public static final int ROWS = 200;

  private RowChangeOps() {}

  // --- updates --------------------------------------------------------------------------------

  /** The predicate of update {@code i} of worker {@code w}. */
  public static Predicate updatePredicate(int w, int i) {
    switch (i % 3) {
      case 0:
        return Predicate.ge("id", 0L); // every row
      case 1:
        return Predicate.and(Predicate.ge("id", w * 40L), Predicate.lt("id", w * 40L + 80)); // overlapping ranges
      default:
        List<Object> ids = new ArrayList<>();
        for (long id = 0; id < ROWS; id++) {
          if (id % 3 == (w + i) % 3 || id % 7 == w) {
            ids.add(id);
          }
        }
        return Predicate.in("id", ids);
    }
  }

  /** Whether update {@code (w, i)} selects row {@code id} (the same sets as the predicate). */
  public static boolean updateCovers(int w, int i, long id) {
    switch (i % 3) {
      case 0:
        return id >= 0;
      case 1:
        return id >= w * 40L && id < w * 40L + 80;
      default:
        return id % 3 == (w + i) % 3 || id % 7 == w;
    }
  }

  /** The increment: a pure function of the row, as re-planning requires. */
  public static RowUpdate increment(int w, int i) {
    String mark = w + "." + i + ";";
    return (row, schema) -> {
      Object[] out = row.clone();
      int c = schema.require("counter");
      int t = schema.require("trail");
      out[c] = ((Integer) row[c]) + 1;
      out[t] = row[t] + mark;
      return out;
    };
  }

  // --- deletes and appends --------------------------------------------------------------------

  /** {lo, hi}: delete {@code (w, i)} removes ids in [lo, hi). */
  public static long[] deleteRange(int w, int i) {
    long lo = (i * 20L + w * 10L) % 390;
    return new long[] {lo, lo + 25};
  }

  public static Predicate deletePredicate(int w, int i) {
    long[] r = deleteRange(w, i);
    return Predicate.and(Predicate.ge("id", r[0]), Predicate.lt("id", r[1]));
  }

  /** The ids append {@code (w, i)} inserts. */
  public static List<Long> appendIds(int w, int i) {
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      out.add(200L + w * 100L + i * 4L + k);
    }
    return out;
  }
}
