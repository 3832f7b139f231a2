package dev.lake.engine.types;

import java.util.Arrays;

/**
 * A hash key over one or more values with the engine's value equality ({@link Values#equal}):
 * byte arrays compare by content, decimals by value. Used for primary keys, IN lists and
 * whole-row matching.
 */
public final class ValueKey {
  private final Object[] values;
  private final int hash;

  private ValueKey(Object[] values) {
    this.values = values;
    int h = 1;
    for (Object v : values) {
      h = 31 * h + Values.hash(v);
    }
    this.hash = h;
  }

  /** A key over the given values (the array is not copied: do not change it afterwards). */
  public static ValueKey of(Object... values) {
    return new ValueKey(values);
  }

  /** A key over the values of {@code row} at {@code positions}. */
  public static ValueKey of(Object[] row, int[] positions) {
    Object[] v = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      v[i] = row[positions[i]];
    }
    return new ValueKey(v);
  }

  /** The values of the key. */
  public Object[] values() {
    return values.clone();
  }

  /** True if any value of the key is NULL. */
  public boolean hasNull() {
    for (Object v : values) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ValueKey k) || k.hash != hash || k.values.length != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!Values.equal(values[i], k.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * The key as error messages show it: {@code (id, region)=(5, 'eu')} — the same text wherever
   * a key is reported, so callers can find the row a message is about.
   */
  public String describe(java.util.List<String> columns) {
    StringBuilder sb = new StringBuilder("(").append(String.join(", ", columns)).append(")=(");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? ", " : "").append(values[i] instanceof String s ? "'" + s + "'" : String.valueOf(values[i]));
    }
    return sb.append(')').toString();
  }

  @Override
  public String toString() {
    return values.length == 1 ? String.valueOf(values[0]) : Arrays.toString(values);
  }
}
