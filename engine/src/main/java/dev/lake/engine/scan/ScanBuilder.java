package dev.lake.engine.scan;

import dev.lake.engine.expr.Predicate;
import java.util.List;

/** Configures a {@link Scan}: which columns, which rows. */
public interface ScanBuilder {
  /** Read only these columns, in this order (default: all). Unknown names fail at build. */
  ScanBuilder select(List<String> columns);

  /** Read only these columns, in this order. */
  default ScanBuilder select(String... columns) {
    return select(List.of(columns));
  }

  /** Keep only rows where the predicate is TRUE; files that cannot match are skipped unread. */
  ScanBuilder where(Predicate predicate);

  /**
   * The scan.
   *
   * @throws dev.lake.engine.error.SchemaException for unknown columns or ill-typed literals
   */
  Scan build();
}
