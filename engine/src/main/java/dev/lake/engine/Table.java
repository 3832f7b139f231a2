package dev.lake.engine;

import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.HistoryReader;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelErrors;
import dev.lake.engine.kernel.LogVersions;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.txn.ChangeSetPlan;
import dev.lake.engine.txn.CommitRunner;
import dev.lake.engine.txn.DeletePlan;
import dev.lake.engine.txn.InsertPlan;
import dev.lake.engine.txn.MergePlan;
import dev.lake.engine.txn.UpdatePlan;
import dev.lake.engine.write.ChangeSet;
import dev.lake.engine.write.MergeBatch;
import dev.lake.engine.write.RowSource;
import dev.lake.engine.write.RowUpdate;
import io.delta.kernel.TableManager;
import io.delta.kernel.TransactionCommitResult;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.maintenance.OptimizePlan;
import dev.lake.engine.maintenance.OptimizeResult;
import dev.lake.engine.maintenance.VacuumOptions;
import dev.lake.engine.maintenance.VacuumResult;
import dev.lake.engine.maintenance.VacuumRunner;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Delta table of a lake. Cheap to create: nothing is read until a snapshot is asked for.
 *
 * <p>Every write method is one atomic Delta commit (or none, when nothing changes) and returns
 * what it did. Concurrent writers are handled optimistically: appends are rebased, and writes
 * that read the table are re-planned on the newer version, a bounded number of times, before a
 * {@link dev.lake.engine.error.ConflictException}. Any exception means nothing was committed.
 */
public final class Table {
  private final KernelContext ctx;
  private final String name;
  private final String path;
  private final dev.lake.engine.storage.Storage storage;

  Table(KernelContext ctx, String name, String path, dev.lake.engine.storage.Storage storage) {
    this.ctx = ctx;
    this.name = name;
    this.path = path;
    this.storage = storage;
  }

  /** The table's name (its directory name in the lake). */
  public String name() {
    return name;
  }

  /** The table's location (a Kernel path string such as {@code file:/data/lake/t}). */
  public String path() {
    return path;
  }

  /**
   * The latest committed version, from a listing of the log (no snapshot is loaded): a cheap
   * way to notice that other writers committed.
   */
  public long latestVersion() {
    try {
      long hint = versionHint;
      long[] c = dev.lake.engine.kernel.LogVersions.latestCommit(ctx, path, hint);
      if (c[0] < 0 && hint > 0) {
        c = dev.lake.engine.kernel.LogVersions.latestCommit(ctx, path, 0);
      }
      if (c[0] < 0) {
        throw new NotFoundException("table " + name + " does not exist (no Delta log found)");
      }
      versionHint = c[0];
      latestCommitMillis = c[1];
      return c[0];
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, name);
    }
  }

  private volatile long versionHint;
  private volatile long latestCommitMillis = -1;

  /**
   * The modification time of the latest commit file as of the last {@link #latestVersion()}:
   * with the version, it identifies a state of the table even across a drop and re-create.
   */
  public long latestCommitMillis() {
    return latestCommitMillis;
  }

  /** The latest version the last {@link #latestVersion()} saw (no I/O). */
  public long latestVersionSeen() {
    return versionHint;
  }

  /** The latest version. */
  public Snapshot snapshot() {
    return new Snapshot(ctx, name, loadLatest());
  }

  /** The table as of {@code version}. */
  public Snapshot snapshotAt(long version) {
    Cached cached = latest;
    if (cached != null && cached.meta.version() == version && cached.commitMillis == latestCommitMillis) {
      return new Snapshot(ctx, name, cached.meta);
    }
    try {
      return new Snapshot(
          ctx, name,
          new TableMeta(
              TableManager.loadSnapshot(path).atVersion(version).withCommitter(ctx.committer()).build(ctx.engine())));
    } catch (RuntimeException e) {
      throw notFoundOr(e, "version " + version);
    }
  }

  /** The table as it was at {@code time}: the latest version committed at or before it. */
  public Snapshot snapshotAsOf(Instant time) {
    try {
      io.delta.kernel.Snapshot latest = loadLatest().kernel();
      return new Snapshot(
          ctx, name,
          new TableMeta(
              TableManager.loadSnapshot(path)
                  .atTimestamp(time.toEpochMilli(), latest)
                  .withCommitter(ctx.committer())
                  .build(ctx.engine())));
    } catch (RuntimeException e) {
      throw notFoundOr(e, "a version at " + time);
    }
  }

  /** Every commit still in the log, oldest first. */
  public List<HistoryEntry> history() {
    try {
      return HistoryReader.read(ctx, path);
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, name);
    }
  }

  /**
   * Inserts rows (values in column order, in the engine's Java convention) as one commit. With a
   * primary key, keys must be unique within the rows and absent from the table.
   */
  public CommitResult insert(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return new CommitResult(snapshot().version(), false, 0, 0, 0, 0, 0, 1);
    }
    return runner().run(new InsertPlan(rows));
  }

  /**
   * Inserts the rows {@code rows} yields as one commit, in bounded memory: they are written to
   * data files as they come (with a primary key only their keys are kept, to check them), so a
   * source larger than the heap is fine. The source is read again if the commit is planned again
   * after a concurrent one. With a primary key, keys must be unique within the rows and absent
   * from the table.
   */
  public CommitResult insert(RowSource rows) {
    return runner().run(new InsertPlan(rows));
  }

  /** A buffered writer committing every {@code autoFlushRows} rows, on flush and on close. */
  public TableWriter writer(int autoFlushRows) {
    return new TableWriter(this, autoFlushRows);
  }

  /** A buffered writer with the default auto-flush of {@value TableWriter#DEFAULT_AUTO_FLUSH_ROWS} rows. */
  public TableWriter writer() {
    return writer(TableWriter.DEFAULT_AUTO_FLUSH_ROWS);
  }

  /** Deletes the rows where {@code where} is TRUE, as one commit. */
  public CommitResult delete(Predicate where) {
    return runner().run(new DeletePlan(where, "DELETE"));
  }

  /** Deletes every row, as one commit, without reading the data files. */
  public CommitResult truncate() {
    return runner().run(new DeletePlan(Predicate.alwaysTrue(), "TRUNCATE"));
  }

  /** Updates the rows where {@code where} is TRUE, as one commit. */
  public CommitResult update(Predicate where, RowUpdate update) {
    return runner().run(new UpdatePlan(where, update));
  }

  /** Sets columns to constants where {@code where} is TRUE, as one commit. */
  public CommitResult update(Predicate where, Map<String, ?> assignments) {
    return update(where, RowUpdate.set(assignments));
  }

  /** Applies a keyed batch of upserts, inserts, updates and deletes, as one commit. */
  public CommitResult merge(MergeBatch batch) {
    return runner().run(new MergePlan(batch));
  }

  /**
   * Applies before/after row changes as one commit (see {@link ChangeSet} for how rows are
   * matched and when it conflicts).
   *
   * @param operation the operation name recorded in the commit (UPDATE, DELETE, MERGE, WRITE...)
   */
  public CommitResult apply(ChangeSet changes, String operation) {
    if (changes.isEmpty()) {
      return new CommitResult(snapshot().version(), false, 0, 0, 0, 0, 0, 1);
    }
    return runner().run(new ChangeSetPlan(changes, operation));
  }

  /**
   * Adds nullable columns at the end of the schema, as one commit; existing rows read NULL in
   * them.
   *
   * @throws dev.lake.engine.error.AlreadyExistsException if a column exists
   */
  public CommitResult addColumns(List<dev.lake.engine.types.Field> columns) {
    return runner().run(new dev.lake.engine.txn.AddColumnsPlan(columns));
  }

  /**
   * OPTIMIZE: compacts small files (bin-packing), or with {@link OptimizeOptions#zOrderBy}
   * rewrites files sorted along a Z-order curve, as one commit with operation {@code OPTIMIZE}
   * whose actions all carry {@code dataChange = false}. Rows and values are unchanged. When
   * there is nothing to rewrite no commit is made ({@link OptimizeResult#committed()} false).
   * Appends that commit meanwhile are kept; a concurrent DELETE, UPDATE or MERGE makes it re-plan
   * (or fail with a {@link dev.lake.engine.error.ConflictException}), never bring rows back.
   *
   * @throws dev.lake.engine.error.InvalidInputException for a WHERE on a non-partition column or
   *     a bad ZORDER BY column
   * @throws dev.lake.engine.error.UnsupportedFeatureException for tables with row tracking
   */
  public OptimizeResult optimize(OptimizeOptions options) {
    OptimizePlan plan = new OptimizePlan(name, options);
    CommitResult r = runner().run(plan);
    if (!r.committed()) {
      return new OptimizeResult(r.version(), false, 0, 0, 0, 0, 0);
    }
    return new OptimizeResult(
        r.version(), true, r.filesRemoved(), r.filesAdded(), plan.bytesRemoved(), plan.bytesAdded(),
        plan.partitionsOptimized());
  }

  /**
   * VACUUM: deletes the files under the table directory that neither the latest version nor any
   * version within the retention needs (see {@link VacuumOptions} and {@link VacuumRunner}).
   * Makes no commit. Afterwards, versions older than the retention can no longer be read.
   *
   * @throws dev.lake.engine.error.InvalidInputException for a retention below the table's
   *     without {@link VacuumOptions#allowShortRetention}
   */
  public VacuumResult vacuum(VacuumOptions options) {
    try {
      return new VacuumRunner(ctx, storage, name, path).run(loadLatest(), options, System.currentTimeMillis());
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, name);
    }
  }

  /**
   * Writes a Delta checkpoint of the latest version (Kernel's checkpoint writer, the same one
   * the post-commit hook runs every {@code delta.checkpointInterval} commits), so readers start
   * from it instead of replaying every commit. A checkpoint that already exists is kept.
   *
   * @return the version checkpointed
   */
  public long checkpoint() {
    TableMeta meta = loadLatest();
    try {
      ctx.writeCheckpoint(meta.kernel());
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, name);
    }
    return meta.version();
  }

  private CommitRunner runner() {
    return new CommitRunner(ctx, name, this::loadLatest, this::adopt);
  }

  /**
   * The latest snapshot. A snapshot already loaded is reused while the log shows no newer
   * version: checking is a listing, loading replays the log. After a commit of this engine the
   * snapshot Kernel built for the new version is kept ({@link #adopt}), so the next read or write
   * needs no reload; {@link TableMeta#afterCommit} bounds how long such a chain may grow.
   */
  TableMeta loadLatest() {
    Cached cached = latest;
    long version = latestVersion();
    long commitMillis = latestCommitMillis;
    if (cached != null && version == cached.meta.version() && commitMillis == cached.commitMillis) {
      return cached.meta;
    }
    try {
      TableMeta fresh = new TableMeta(TableManager.loadSnapshot(path).withCommitter(ctx.committer()).build(ctx.engine()));
      latest = new Cached(fresh, fresh.version() == version ? commitMillis : -2);
      return fresh;
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, name);
    }
  }

  /** Keeps the snapshot of a version this engine just committed, when {@link TableMeta#afterCommit} allows. */
  private void adopt(TransactionCommitResult result) {
    TableMeta.afterCommit(result)
        .ifPresent(
            meta -> {
              long millis = LogVersions.commitMillis(ctx, path, meta.version());
              if (millis >= 0) {
                latest = new Cached(meta, millis);
              }
            });
  }

  /** A loaded snapshot and the modification time of its commit file (tells re-created tables apart). */
  private record Cached(TableMeta meta, long commitMillis) {}

  private volatile Cached latest;

  private RuntimeException notFoundOr(RuntimeException e, String what) {
    RuntimeException t = KernelErrors.translate(e, name);
    if (t instanceof dev.lake.engine.error.InvalidInputException) {
      return new NotFoundException("table " + name + " has no " + what + ": " + e.getMessage(), e);
    }
    return t;
  }
}
