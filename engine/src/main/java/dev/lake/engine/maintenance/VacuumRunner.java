package dev.lake.engine.maintenance;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.storage.Storage;
import dev.lake.engine.storage.StoredFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * VACUUM: deletes the files under a table directory that no version within the retention window
 * needs. A file is kept when the latest snapshot references it (as data or deletion vector
 * file), when a {@code remove} action newer than now − retention removed it (older versions
 * still read it), or when it was modified within the retention (a writer may be about to commit
 * it). Everything else is deleted — the rule of Delta's VACUUM.
 *
 * <p>Hidden paths are never touched: {@code _delta_log/} and any file or directory whose name
 * starts with '_' or '.', except {@code _change_data/} (change data files, which Delta's VACUUM
 * also deletes once past the retention) and partition directories ({@code _p=1}).
 */
public final class VacuumRunner {
  private final KernelContext ctx;
  private final Storage storage;
  private final String tableName;
  private final String tablePath;

  /** VACUUM of the table {@code tableName} at {@code tablePath} in {@code storage}. */
  public VacuumRunner(KernelContext ctx, Storage storage, String tableName, String tablePath) {
    this.ctx = ctx;
    this.storage = storage;
    this.tableName = tableName;
    this.tablePath = tablePath;
  }

  /** Runs VACUUM against {@code latest} at time {@code nowMillis}. */
  public VacuumResult run(TableMeta latest, VacuumOptions options, long nowMillis) {
    Duration tableRetention = TableSettings.deletedFileRetention(latest.properties());
    Duration retention = options.retain().orElse(tableRetention);
    if (retention.compareTo(tableRetention) < 0 && !options.allowShortRetention()) {
      throw new InvalidInputException("VACUUM of table " + tableName + ": a retention of " + hours(retention)
          + " is shorter than the table's " + hours(tableRetention) + " (" + TableSettings.DELETED_FILE_RETENTION
          + "); files that readers of older versions or running writers still need could be deleted."
          + " Set allowShortRetention to do it anyway (Delta: retentionDurationCheck)");
    }
    long cutoff = nowMillis - retention.toMillis();
    TablePaths paths = new TablePaths(tablePath);
    List<StoredFile> listing;
    try {
      listing = storage.listTableFiles(tableName);
    } catch (IOException e) {
      throw new StorageException("VACUUM of table " + tableName + ": cannot list its files: " + e.getMessage(), e);
    }
    Set<String> keep = referenced(latest, paths);
    Map<String, Long> tombstones = LogTombstones.read(ctx, tablePath, paths, listing);
    tombstones.forEach((path, removedAt) -> {
      if (removedAt >= cutoff) {
        keep.add(path);
      }
    });
    List<StoredFile> doomed = new ArrayList<>();
    for (StoredFile f : listing) {
      if (!isHidden(f.path(), latest.partitionColumns()) && !keep.contains(f.path()) && f.modificationTime() < cutoff) {
        doomed.add(f);
      }
    }
    doomed.sort((a, b) -> a.path().compareTo(b.path()));
    long bytes = 0;
    List<String> listed = new ArrayList<>();
    for (StoredFile f : doomed) {
      if (!options.dryRun()) {
        try {
          storage.deleteTableFile(tableName, f.path());
        } catch (IOException e) {
          throw new StorageException("VACUUM of table " + tableName + ": cannot delete " + f.path() + " (" + listed.size()
              + " files were deleted before it): " + e.getMessage(), e);
        }
      }
      bytes += f.size();
      if (listed.size() < VacuumOptions.MAX_LISTED_PATHS) {
        listed.add(f.path());
      }
    }
    return new VacuumResult(options.dryRun(), doomed.size(), bytes, List.copyOf(listed));
  }

  /** The data files of the latest snapshot and their deletion vector files. */
  private Set<String> referenced(TableMeta latest, TablePaths paths) {
    Set<String> out = new HashSet<>();
    for (ScanFile f : new FileScanner(ctx, latest.kernel(), latest.schema(), Optional.empty()).files()) {
      String rel = paths.fromAbsolute(f.path());
      if (rel != null) {
        out.add(rel);
      }
      f.deletionVectorFile(tablePath).map(paths::fromAbsolute).ifPresent(out::add);
    }
    return out;
  }

  /**
   * True for paths VACUUM leaves alone: a name starting with '_' or '.' anywhere in the path,
   * except the {@code _change_data} directory and partition directories.
   */
  static boolean isHidden(String relative, List<String> partitionColumns) {
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (!(p.startsWith("_") || p.startsWith("."))) {
        continue;
      }
      boolean dir = i < parts.length - 1;
      if (dir && i == 0 && p.equals("_change_data")) {
        continue;
      }
      if (dir && isPartitionDir(p, partitionColumns)) {
        continue;
      }
      return true;
    }
    return false;
  }

  private static boolean isPartitionDir(String name, List<String> partitionColumns) {
    int eq = name.indexOf('=');
    if (eq <= 0) {
      return false;
    }
    String col = name.substring(0, eq);
    return partitionColumns.stream().anyMatch(col::equalsIgnoreCase);
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 && d.toSeconds() % 60 == 0 ? d.toHours() + " hours" : d.toString();
  }
}
