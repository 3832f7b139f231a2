package dev.lake.engine.maintenance;

import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Sorts rows along a Z-order (Morton) curve of some columns. Each column's values are first
 * replaced by their rank among the column's distinct values, spread over 32 bits (NULL below
 * every value): ranks make strings, dates, decimals and doubles comparable on one scale, and
 * spreading gives every column the same weight whatever its number of distinct values. The
 * bits of the columns are then interleaved, most significant first, and rows sorted by the
 * result — rows close in every column end up close together, so min/max stats of the files cut
 * from the sorted run are narrow in each column.
 */
final class ZOrder {
  private static final int BITS = 32;

  private ZOrder() {}

  /** True for the types Z-order can rank: every scalar type (nested types have no order). */
  static boolean isOrderable(LakeType type) {
    return !type.isNested();
  }

  /** Sorts {@code rows} in place by the Z-order of the columns at {@code positions}. */
  static void sort(List<Object[]> rows, int[] positions) {
    int n = rows.size();
    long[][] ranks = new long[positions.length][];
    for (int c = 0; c < positions.length; c++) {
      ranks[c] = spreadRanks(rows, positions[c]);
    }
    int words = (positions.length * BITS + 63) / 64;
    long[][] keys = new long[n][];
    for (int r = 0; r < n; r++) {
      keys[r] = interleave(ranks, r, words);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> keys[i], Arrays::compareUnsigned));
    List<Object[]> sorted = new ArrayList<>(n);
    for (Integer i : order) {
      sorted.add(rows.get(i));
    }
    for (int i = 0; i < n; i++) {
      rows.set(i, sorted.get(i));
    }
  }

  /** Each row's rank in one column, scaled to [1, 2^32 - 1]; 0 for NULL. */
  private static long[] spreadRanks(List<Object[]> rows, int position) {
    TreeMap<Object, Long> distinct = new TreeMap<>(Values::compare);
    for (Object[] row : rows) {
      if (row[position] != null) {
        distinct.put(row[position], 0L);
      }
    }
    long d = distinct.size();
    long rank = 0;
    double scale = ((1L << BITS) - 1) / (double) Math.max(1, d);
    for (var e : distinct.entrySet()) {
      rank++;
      e.setValue(Math.min((1L << BITS) - 1, Math.max(1, (long) Math.floor(rank * scale))));
    }
    long[] out = new long[rows.size()];
    for (int r = 0; r < out.length; r++) {
      Object v = rows.get(r)[position];
      out[r] = v == null ? 0 : distinct.get(v);
    }
    return out;
  }

  /** Interleaves the columns' 32-bit ranks of row {@code r}, most significant bit first. */
  static long[] interleave(long[][] ranks, int r, int words) {
    long[] key = new long[words];
    int bit = 0;
    for (int b = BITS - 1; b >= 0; b--) {
      for (long[] column : ranks) {
        if (((column[r] >>> b) & 1) != 0) {
          key[bit / 64] |= 1L << (63 - bit % 64);
        }
        bit++;
      }
    }
    return key;
  }
}
