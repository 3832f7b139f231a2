package dev.lake.it.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparable form for values read by different readers: lake's scan (engine convention)
 * and Delta Kernel's default engine (Delta convention). {@code byte[]} becomes a hex string (so
 * {@code equals} compares contents), {@link BigInteger} (lake's UINT64) becomes the
 * {@link BigDecimal} Delta stores it as (DECIMAL(20,0)), lists and maps are converted
 * element-wise. Every other value is kept as it is.
 */
public final class Canonical {
  private Canonical() {}

  /** The canonical form of a value. */
  public static Object of(Object v) {
    if (v instanceof byte[] b) {
      return "0x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(of(e));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(of(k), of(val)));
      return out;
    }
    return v;
  }

  /** The canonical form of a row. */
  public static List<Object> row(Object[] values) {
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(of(v));
    }
    return out;
  }

  /** Rows sorted by their text, so two readers' results can be compared as lists. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }
}
