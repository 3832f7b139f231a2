package dev.lake.engine.csv;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equality of lake Java values as the tests need it: byte[] by content, lists element by
 * element, maps entry by entry in order, NaN equal to NaN and -0.0 different from 0.0 (what
 * {@link Double#equals} does), and BigDecimal including its scale.
 */
final class ValueEquality {
  private ValueEquality() {}

  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
      Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
      while (i.hasNext()) {
        Map.Entry<?, ?> e = i.next();
        Map.Entry<?, ?> f = j.next();
        if (!equal(e.getKey(), f.getKey()) || !equal(e.getValue(), f.getValue())) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && Objects.equals(a, b);
  }

  static boolean rowsEqual(Object[] a, Object[] b) {
    return equal(Arrays.asList(a), Arrays.asList(b));
  }
}
