package dev.lake.engine.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.SingleAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * Delta commit files a snapshot adopted from a commit may carry past its checkpoint. Kernel's
   * post-commit snapshot extends the log segment of the snapshot the transaction started from, so
   * a chain of adopted snapshots never picks up checkpoints written meanwhile; past this many
   * commit files the table reloads from storage instead (which starts at the newest checkpoint).
   */
  static final int MAX_ADOPTED_DELTAS = 12;

  /**
   * The snapshot Kernel built for the version {@code result} committed, when it is safe and
   * cheap to keep: none after a conflict (Kernel builds none), none when the commit wrote a
   * checkpoint (a fresh load uses it), none when its log segment is long. Only for commits that
   * {@link #changesOnlyData}.
   */
  public static Optional<TableMeta> afterCommit(TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      if (hook.getType() == PostCommitHook.PostCommitHookType.CHECKPOINT) {
        return Optional.empty();
      }
    }
    Optional<Snapshot> post = result.getPostCommitSnapshot();
    if (post.isEmpty() || !(post.get() instanceof SnapshotImpl impl)) {
      return Optional.empty();
    }
    if (impl.getLogSegment().getDeltas().size() > MAX_ADOPTED_DELTAS) {
      return Optional.empty();
    }
    return Optional.of(new TableMeta(impl));
  }

  /**
   * True when {@code actions} change data only (no {@code metaData}, no {@code protocol}): Kernel's
   * post-commit snapshot carries the metadata the transaction started with, which is only right
   * when the commit did not change it (lake writes schema changes as actions of its own).
   */
  public static boolean changesOnlyData(List<Row> actions) {
    for (Row a : actions) {
      if (!a.isNullAt(SingleAction.METADATA_ORDINAL) || !a.isNullAt(SingleAction.PROTOCOL_ORDINAL)) {
        return false;
      }
    }
    return true;
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
