package dev.lake.jdbc.plan;

import dev.lake.engine.expr.Predicate;
import java.util.List;

/**
 * What a lake scan reads, fixed at planning and handed to the runtime: the columns (by name, in
 * output order), the rows (an engine predicate, applied exactly) and the version.
 */
public record ScanSpec(List<String> columns, Predicate predicate, AsOf asOf) {
  public ScanSpec {
    columns = List.copyOf(columns);
  }
}
