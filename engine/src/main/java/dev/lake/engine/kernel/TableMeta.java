package dev.lake.engine.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * A loaded Kernel snapshot with lake's view of it: schema in lake types, primary key, partition
 * columns. Internal: the public face is {@link dev.lake.engine.Snapshot}.
 */
public final class TableMeta {
  /** Table property holding the primary key as a JSON array of column names. */
  public static final String PRIMARY_KEY_PROPERTY = "lake.primaryKey";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Snapshot snapshot;
  private final Schema schema;
  private final List<String> primaryKey;
  private final List<String> partitionColumns;

  public TableMeta(Snapshot snapshot) {
    this.snapshot = snapshot;
    this.schema = KernelTypes.fromKernel(snapshot.getSchema());
    this.primaryKey = parsePrimaryKey(snapshot.getTableProperties().get(PRIMARY_KEY_PROPERTY), schema);
    this.partitionColumns = List.copyOf(snapshot.getPartitionColumnNames());
  }

  public Snapshot kernel() {
    return snapshot;
  }

  public long version() {
    return snapshot.getVersion();
  }

  public Schema schema() {
    return schema;
  }

  public List<String> primaryKey() {
    return primaryKey;
  }

  /** Positions of the primary key's columns in {@link #schema()}, in key order; empty without one. */
  public int[] primaryKeyPositions() {
    return primaryKey.stream().mapToInt(schema::require).toArray();
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public Map<String, String> properties() {
    return snapshot.getTableProperties();
  }

  /** The JSON text stored for a primary key. */
  public static String encodePrimaryKey(List<String> columns) {
    try {
      return JSON.writeValueAsString(columns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> parsePrimaryKey(String json, Schema schema) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<String> cols;
    try {
      cols = JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SchemaException("table property " + PRIMARY_KEY_PROPERTY + " is not a JSON list of column names: " + json);
    }
    for (String c : cols) {
      schema.require(c);
    }
    return List.copyOf(cols);
  }
}
