package dev.lake.it.mount.support;

import dev.lake.engine.Lake;
import java.util.ArrayList;
import java.util.List;

/**
 * The five-row table people(id BIGINT PRIMARY KEY, name STRING, city STRING) that the write and
 * error suites edit through the mount, and its expected contents after a change.
 */
public final class People {
  /** The header of its data.csv. */
  public static final String HEADER = "id,name,city\n";

  /** Its five rows as data.csv lists them (after the header). */
  public static final String CSV_ROWS = "1,alice,Berlin\n2,bob,Paris\n3,carol,Berlin\n4,dave,Rome\n5,eve,Oslo\n";

  private People() {}

  private static List<Object[]> initialRows() {
    return new ArrayList<>(List.of(
        new Object[] {1L, "alice", "Berlin"},
        new Object[] {2L, "bob", "Paris"},
        new Object[] {3L, "carol", "Berlin"},
        new Object[] {4L, "dave", "Rome"},
        new Object[] {5L, "eve", "Oslo"}));
  }

  /** Creates the table {@code name} with the five rows (one commit after the create). */
  public static void create(Lake lake, String name) {
    Tables.create(lake, name, "id BIGINT, name STRING, city STRING", initialRows(), "id");
  }

  /**
   * The five rows after changes, sorted: {@code {id, name, city}} replaces or adds a row,
   * {@code {id}} removes one.
   */
  public static List<List<Object>> rowsWith(Object[]... changes) {
    List<Object[]> rows = initialRows();
    for (Object[] c : changes) {
      rows.removeIf(r -> r[0].equals(c[0]));
      if (c.length > 1) {
        rows.add(c);
      }
    }
    List<List<Object>> out = new ArrayList<>();
    rows.forEach(r -> out.add(Tables.row(r)));
    return Tables.sorted(out);
  }
}
