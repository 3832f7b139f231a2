package dev.lake.engine.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.AddActions;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.txn.Planned;
import dev.lake.engine.txn.WritePlan;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OPTIMIZE as a write plan for the commit runner: per partition, picks the files to rewrite
 * (bins of small files, or every file for Z-order), streams their live rows into new files, and
 * returns removes and adds, all {@code dataChange = false}, for one commit. Rows are moved, never
 * changed: the new files hold exactly the live rows of the removed ones.
 *
 * <p>Concurrency comes from the runner: a commit that got in first makes it re-plan from the new
 * snapshot (files a DELETE removed are then gone from the plan, appended files join it), so
 * OPTIMIZE neither resurrects deleted rows nor duplicates rows.
 */
public final class OptimizePlan implements WritePlan {
  /** The operation name Delta records for OPTIMIZE (also with ZORDER BY). */
  public static final String OPERATION = "OPTIMIZE";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tableName;
  private final OptimizeOptions options;
  private boolean hookRan;
  private long bytesRemoved;
  private long bytesAdded;
  private long partitionsOptimized;

  /** OPTIMIZE of table {@code tableName} (for messages) with {@code options}. */
  public OptimizePlan(String tableName, OptimizeOptions options) {
    this.tableName = tableName;
    this.options = options;
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    bytesRemoved = 0;
    bytesAdded = 0;
    partitionsOptimized = 0;
    OptimizeScope scope = new OptimizeScope(tableName, meta, options);
    long target = options.targetFileSize().orElse(TableSettings.targetFileSize(meta.properties()));
    long min = options.minFileSize().orElse(Math.max(1, target / 2));
    Schema schema = meta.schema();
    FileScanner scanner = new FileScanner(ctx, meta.kernel(), schema, scope.skipping());
    Map<String, List<ScanFile>> byPartition = new TreeMap<>();
    for (ScanFile f : scanner.files()) {
      if (scope.selects(f)) {
        byPartition.computeIfAbsent(new TreeMap<>(f.partitionValues()).toString(), k -> new ArrayList<>()).add(f);
      }
    }
    boolean zOrder = scope.zOrderPositions().length > 0;
    DataFileWriter writer = new DataFileWriter(ctx, txn, schema, meta.partitionColumns());
    List<Row> removes = new ArrayList<>();
    int deletionVectors = 0;
    for (List<ScanFile> files : byPartition.values()) {
      List<List<ScanFile>> bins = zOrder ? List.of(files) : BinPacker.pack(candidates(files, min), target);
      for (List<ScanFile> bin : bins) {
        for (ScanFile f : bin) {
          removes.add(f.removeAction(false));
          bytesRemoved += f.size();
          deletionVectors += f.hasDeletionVector() ? 1 : 0;
        }
        if (zOrder) {
          writeZOrdered(scanner, bin, scope.zOrderPositions(), target, writer);
        } else {
          writer.writeOnePartition(new LiveRows(scanner, bin));
        }
      }
      partitionsOptimized += bins.isEmpty() ? 0 : 1;
    }
    List<Row> adds = AddActions.withoutDataChange(writer.finish());
    long minAdded = Long.MAX_VALUE;
    long maxAdded = 0;
    for (Row add : adds) {
      long size = AddActions.size(add);
      bytesAdded += size;
      minAdded = Math.min(minAdded, size);
      maxAdded = Math.max(maxAdded, size);
    }
    List<Row> actions = new ArrayList<>(removes);
    actions.addAll(adds);
    if (!hookRan && options.afterFirstPlan != null) {
      hookRan = true;
      options.afterFirstPlan.run();
    }
    if (removes.isEmpty()) {
      return Planned.rearrangement(OPERATION, List.of(), 0, 0, List.of());
    }
    return Planned.rearrangement(OPERATION, actions, adds.size(), removes.size(), writer.writtenPaths())
        .parameter("predicate", predicateParameter())
        .parameter("zOrderBy", jsonArray(options.zOrderBy()))
        .parameter("auto", "false")
        .metric("numRemovedBytes", bytesRemoved)
        .metric("numAddedBytes", bytesAdded)
        .metric("minFileSize", adds.isEmpty() ? 0 : minAdded)
        .metric("maxFileSize", maxAdded)
        .metric("numDeletionVectorsRemoved", deletionVectors)
        .metric("partitionsOptimized", partitionsOptimized);
  }

  /** Files below the threshold, and files with deletion vectors (rewriting purges them). */
  private static List<ScanFile> candidates(List<ScanFile> files, long minSize) {
    List<ScanFile> out = new ArrayList<>();
    for (ScanFile f : files) {
      if (f.size() < minSize || f.hasDeletionVector()) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Reads a partition's rows (held in memory: Z-order needs all of them to sort), sorts them by
   * Z-order and cuts the run into files of about the target size, estimated from the input's
   * bytes per row.
   */
  private static void writeZOrdered(
      FileScanner scanner, List<ScanFile> files, int[] positions, long target, DataFileWriter writer) {
    List<Object[]> rows = new ArrayList<>();
    new LiveRows(scanner, files).forEachRemaining(rows::add);
    if (rows.isEmpty()) {
      return;
    }
    ZOrder.sort(rows, positions);
    long bytes = files.stream().mapToLong(ScanFile::size).sum();
    long rowsPerFile = Math.max(1, (long) Math.floor(target / Math.max(1.0, bytes / (double) rows.size())));
    for (int from = 0; from < rows.size(); from += (int) Math.min(rowsPerFile, Integer.MAX_VALUE)) {
      int to = (int) Math.min(rows.size(), from + rowsPerFile);
      writer.writeOnePartition(rows.subList(from, to).iterator());
    }
  }

  /** Delta records the OPTIMIZE predicate as a JSON array of SQL texts, empty for none. */
  private String predicateParameter() {
    boolean none = options.where() instanceof dev.lake.engine.expr.Predicate.Constant c && c.value();
    return jsonArray(none ? List.of() : List.of(options.where().toString()));
  }

  private static String jsonArray(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes of the files the committed plan removed. */
  public long bytesRemoved() {
    return bytesRemoved;
  }

  /** Bytes of the files the committed plan added. */
  public long bytesAdded() {
    return bytesAdded;
  }

  /** Partitions the committed plan rewrote files in. */
  public long partitionsOptimized() {
    return partitionsOptimized;
  }
}
