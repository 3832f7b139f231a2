package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.types.TypeParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The embedded default lake: {@code $LAKE_HOME}, else {@code ~/.lake}. On first use it gets a
 * small sample table, so a new user has something to look at.
 */
final class DefaultLake {
  static final String SAMPLE = "sample";

  private DefaultLake() {}

  static Path location() {
    String home = System.getenv("LAKE_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".lake");
  }

  /** Opens the default lake, creating the sample table if the lake has no tables yet. */
  static Lake open() {
    return open(location());
  }

  /** Opens the lake at {@code location} as the default one: with the sample table if it is empty. */
  static Lake open(Path location) {
    Lake lake = Lake.open(location.toString());
    if (lake.tableNames().isEmpty()) {
      lake.createTable(
          SAMPLE,
          TableDefinition.of(
                  TypeParser.parseColumns(
                      "id BIGINT, name STRING, price DECIMAL(10,2), in_stock BOOLEAN, added DATE, updated TIMESTAMP"))
              .withPrimaryKey("id"),
          List.of(
                  new Object[] {1L, "apple", new BigDecimal("0.50"), true, LocalDate.of(2026, 1, 5), Instant.parse("2026-01-05T09:30:00Z")},
                  new Object[] {2L, "bread, sliced", new BigDecimal("2.25"), true, LocalDate.of(2026, 1, 6), Instant.parse("2026-01-06T07:00:00Z")},
                  new Object[] {3L, "cheese \"aged\"", new BigDecimal("7.90"), false, LocalDate.of(2026, 2, 1), Instant.parse("2026-02-01T18:45:12.5Z")},
                  new Object[] {4L, "", null, null, null, null})
              .iterator());
    }
    return lake;
  }
}
