package dev.lake.engine.imports;

import dev.lake.engine.types.Schema;
import java.util.List;
import java.util.Optional;

/**
 * Options of an import.
 *
 * @param primaryKey primary key columns of the new table (empty for none)
 * @param partitionColumns partition columns of the new table (empty for none)
 * @param schema a schema to use instead of inferring one (CSV only)
 */
public record ImportOptions(List<String> primaryKey, List<String> partitionColumns, Optional<Schema> schema) {
  public ImportOptions {
    primaryKey = List.copyOf(primaryKey);
    partitionColumns = List.copyOf(partitionColumns);
  }

  /** No key, no partitions, schema inferred. */
  public static ImportOptions defaults() {
    return new ImportOptions(List.of(), List.of(), Optional.empty());
  }
}
