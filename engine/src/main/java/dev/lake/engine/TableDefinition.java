package dev.lake.engine;

import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a new table is made of: columns, an optional primary key, optional partition columns and
 * table properties (Delta's {@code delta.*} properties pass through to the log).
 *
 * @param schema the columns
 * @param primaryKey key columns (empty for none); they become NOT NULL
 * @param partitionColumns partition columns (empty for none)
 * @param properties table properties
 */
public record TableDefinition(
    Schema schema, List<String> primaryKey, List<String> partitionColumns, Map<String, String> properties) {

  public TableDefinition {
    primaryKey = List.copyOf(primaryKey);
    partitionColumns = List.copyOf(partitionColumns);
    properties = Map.copyOf(properties);
    for (String k : primaryKey) {
      if (schema.field(k).type().isNested()) {
        throw new SchemaException("primary key column '" + k + "' cannot be of nested type " + schema.field(k).type());
      }
    }
    for (String p : partitionColumns) {
      if (schema.field(p).type().isNested()) {
        throw new SchemaException("partition column '" + p + "' cannot be of nested type " + schema.field(p).type());
      }
    }
    if (primaryKey.stream().map(String::toLowerCase).distinct().count() != primaryKey.size()) {
      throw new SchemaException("primary key names a column twice: " + primaryKey);
    }
    // Key columns cannot hold NULL: make that part of the schema other engines see.
    if (!primaryKey.isEmpty()) {
      List<Field> fields = new ArrayList<>();
      for (Field f : schema.fields()) {
        boolean key = primaryKey.stream().anyMatch(k -> k.equalsIgnoreCase(f.name()));
        fields.add(key ? new Field(f.name(), f.type(), false) : f);
      }
      schema = new Schema(fields);
    }
  }

  /** A table of these columns, no key, not partitioned. */
  public static TableDefinition of(Schema schema) {
    return new TableDefinition(schema, List.of(), List.of(), Map.of());
  }

  /** The same definition with a primary key. */
  public TableDefinition withPrimaryKey(String... columns) {
    return new TableDefinition(schema, List.of(columns), partitionColumns, properties);
  }

  /** The same definition partitioned by the given columns. */
  public TableDefinition withPartitionColumns(String... columns) {
    return new TableDefinition(schema, primaryKey, List.of(columns), properties);
  }

  /** The same definition with these table properties. */
  public TableDefinition withProperties(Map<String, String> props) {
    return new TableDefinition(schema, primaryKey, partitionColumns, props);
  }
}
