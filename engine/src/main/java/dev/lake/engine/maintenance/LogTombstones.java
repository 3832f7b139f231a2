package dev.lake.engine.maintenance;

import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.storage.StoredFile;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code remove} actions ("tombstones") of a table's log: every removed file (and its
 * deletion vector file) with the latest time it was removed. Read from every commit file still
 * in {@code _delta_log/} and from the checkpoints (and their sidecars), which carry the
 * tombstones of commits that log cleanup deleted — the same set Delta's VACUUM consults.
 */
final class LogTombstones {
  private static final Pattern COMMIT = Pattern.compile("_delta_log/\\d{20}\\.json");
  private static final Pattern CHECKPOINT =
      Pattern.compile("_delta_log/(\\d{20}\\.checkpoint(\\.\\d+\\.\\d+)?(\\.[^/]+)?\\.parquet|_sidecars/[^/]+\\.parquet)");

  private static final StructType READ_SCHEMA =
      new StructType()
          .add(
              "remove",
              new StructType()
                  .add("path", StringType.STRING)
                  .add("deletionTimestamp", LongType.LONG)
                  .add("deletionVector", DeletionVectorDescriptor.READ_SCHEMA));

  private LogTombstones() {}

  /**
   * Removed files by path relative to the table, each with its latest deletion timestamp (0 when
   * the action has none).
   */
  static Map<String, Long> read(KernelContext ctx, String tablePath, TablePaths paths, List<StoredFile> listing) {
    List<FileStatus> commits = new ArrayList<>();
    List<FileStatus> checkpoints = new ArrayList<>();
    for (StoredFile f : listing) {
      FileStatus status = FileStatus.of(tablePath + "/" + f.path(), f.size(), f.modificationTime());
      if (COMMIT.matcher(f.path()).matches()) {
        commits.add(status);
      } else if (CHECKPOINT.matcher(f.path()).matches()) {
        checkpoints.add(status);
      }
    }
    Map<String, Long> removed = new HashMap<>();
    try {
      if (!commits.isEmpty()) {
        try (CloseableIterator<ColumnarBatch> it =
            ctx.engine().getJsonHandler().readJsonFiles(
                dev.lake.engine.kernel.KernelIterators.of(commits), READ_SCHEMA, Optional.empty())) {
          while (it.hasNext()) {
            collect(it.next(), tablePath, paths, removed);
          }
        }
      }
      if (!checkpoints.isEmpty()) {
        try (CloseableIterator<FileReadResult> it =
            ctx.engine().getParquetHandler().readParquetFiles(
                dev.lake.engine.kernel.KernelIterators.of(checkpoints), READ_SCHEMA, Optional.empty())) {
          while (it.hasNext()) {
            collect(it.next().getData(), tablePath, paths, removed);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removed;
  }

  private static void collect(ColumnarBatch batch, String tablePath, TablePaths paths, Map<String, Long> removed) {
    ColumnVector remove = batch.getColumnVector(0);
    ColumnVector path = remove.getChild(0);
    ColumnVector time = remove.getChild(1);
    ColumnVector dv = remove.getChild(2);
    for (int r = 0; r < batch.getSize(); r++) {
      if (remove.isNullAt(r) || path.isNullAt(r)) {
        continue;
      }
      long at = time.isNullAt(r) ? 0 : time.getLong(r);
      String rel = paths.fromLog(path.getString(r));
      if (rel != null) {
        removed.merge(rel, at, Math::max);
      }
      if (!dv.isNullAt(r)) {
        DeletionVectorDescriptor d = DeletionVectorDescriptor.fromColumnVector(dv, r);
        if (d != null && d.isOnDisk()) {
          String dvRel = paths.fromAbsolute(d.getAbsolutePath(tablePath));
          if (dvRel != null) {
            removed.merge(dvRel, at, Math::max);
          }
        }
      }
    }
  }
}
