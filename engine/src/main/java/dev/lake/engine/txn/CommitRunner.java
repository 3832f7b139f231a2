package dev.lake.engine.txn;

import dev.lake.engine.CommitResult;
import dev.lake.engine.error.ConflictException;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelErrors;
import dev.lake.engine.kernel.LakeCommitter;
import dev.lake.engine.kernel.UncommittedFiles;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.kernel.WriteFeatureGuard;
import io.delta.kernel.Operation;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.utils.CloseableIterable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one commit path of the engine. A write is planned against the latest snapshot and
 * committed as a single Delta commit. If another writer committed first:
 *
 * <ul>
 *   <li>a blind append (no reads) is rebased by Kernel and committed at the next version;
 *   <li>anything that read the table is re-planned from the new snapshot and tried again, up to
 *       {@link #MAX_ATTEMPTS} times, then fails with a {@link ConflictException}.
 * </ul>
 *
 * Re-planning from scratch is what makes the result equal to some serial order: the plan sees
 * every row the winner committed, so nothing is lost or applied twice.
 */
public final class CommitRunner {
  /** Attempts for a write that read the table. */
  public static final int MAX_ATTEMPTS = 25;
  /** Kernel's rebase attempts for blind appends. */
  private static final int BLIND_APPEND_RETRIES = 200;

  private static final Logger LOG = LoggerFactory.getLogger(CommitRunner.class);

  private final KernelContext ctx;
  private final String tableName;
  private final Supplier<TableMeta> latest;
  private final Consumer<TransactionCommitResult> committed;

  /**
   * @param latest loads the latest snapshot of the table (with lake's committer)
   */
  public CommitRunner(KernelContext ctx, String tableName, Supplier<TableMeta> latest) {
    this(ctx, tableName, latest, r -> {});
  }

  /**
   * @param latest loads the latest snapshot of the table (with lake's committer)
   * @param committed told of every successful commit that changed data only (no schema or
   *     protocol change), after its post-commit hooks ran: the table adopts the snapshot Kernel
   *     built for the new version
   */
  public CommitRunner(
      KernelContext ctx, String tableName, Supplier<TableMeta> latest, Consumer<TransactionCommitResult> committed) {
    this.ctx = ctx;
    this.tableName = tableName;
    this.latest = latest;
    this.committed = committed;
  }

  /** Plans and commits {@code plan}. */
  public CommitResult run(WritePlan plan) {
    for (int attempt = 1; ; attempt++) {
      TableMeta meta = latest.get();
      boolean blindAppend = plan.isBlindAppend(meta);
      Planned planned = null;
      try {
        Transaction txn =
            meta.kernel()
                .buildUpdateTableTransaction(KernelContext.ENGINE_INFO, Operation.WRITE)
                .withMaxRetries(blindAppend ? BLIND_APPEND_RETRIES : 0)
                .build(ctx.engine());
        planned = plan.plan(ctx, meta, txn);
        if (planned.isEmpty()) {
          return new CommitResult(meta.version(), false, 0, 0, 0, 0, 0, attempt);
        }
        if (!planned.dataChange) {
          WriteFeatureGuard.checkCompaction(meta, tableName, planned.operation);
        } else if (planned.filesRemoved > 0) {
          // Copy-on-write commits have obligations under some features Kernel lets through.
          WriteFeatureGuard.checkRewrite(meta, tableName, planned.operation);
        }
        if (planned.skipPostCommitHooks) {
          // A metaData action of lake's own (not Kernel's): it knows nothing of column mapping.
          WriteFeatureGuard.checkSchemaChange(meta, tableName);
        }
        Map<String, String> props = committerProperties(planned);
        txn.withCommitterProperties(() -> props);
        TransactionCommitResult result =
            txn.commit(ctx.engine(), CloseableIterable.inMemoryIterable(
                dev.lake.engine.kernel.KernelIterators.of(planned.actions)));
        if (!planned.skipPostCommitHooks) {
          ctx.runPostCommitHooks(result);
        }
        if (TableMeta.changesOnlyData(planned.actions)) {
          committed.accept(result);
        }
        return new CommitResult(
            result.getVersion(),
            true,
            planned.inserted,
            planned.updated,
            planned.deleted,
            planned.filesAdded,
            planned.filesRemoved,
            attempt);
      } catch (ConcurrentWriteException | MaxCommitRetryLimitReachedException e) {
        if (planned != null) {
          UncommittedFiles.deleteQuietly(ctx, planned.writtenPaths);
        }
        if (blindAppend || attempt >= MAX_ATTEMPTS) {
          throw new ConflictException(
              "table " + tableName + ": gave up after " + attempt
                  + " attempts because other writers kept committing first; nothing was committed",
              e);
        }
        LOG.debug("table {}: concurrent commit, re-planning (attempt {})", tableName, attempt);
        backoff(attempt);
      } catch (RuntimeException e) {
        if (planned != null) {
          UncommittedFiles.deleteQuietly(ctx, planned.writtenPaths);
        }
        throw KernelErrors.translate(e, tableName);
      }
    }
  }

  private static Map<String, String> committerProperties(Planned p) {
    Map<String, String> props = new HashMap<>();
    props.put(LakeCommitter.OPERATION, p.operation);
    if (p.dataChange) {
      props.put(LakeCommitter.METRIC_PREFIX + "numInsertedRows", Long.toString(p.inserted));
      props.put(LakeCommitter.METRIC_PREFIX + "numUpdatedRows", Long.toString(p.updated));
      props.put(LakeCommitter.METRIC_PREFIX + "numDeletedRows", Long.toString(p.deleted));
    }
    props.put(LakeCommitter.METRIC_PREFIX + "numAddedFiles", Integer.toString(p.filesAdded));
    props.put(LakeCommitter.METRIC_PREFIX + "numRemovedFiles", Integer.toString(p.filesRemoved));
    if ("WRITE".equals(p.operation)) {
      props.put(LakeCommitter.METRIC_PREFIX + "numOutputRows", Long.toString(p.inserted));
    }
    p.metrics.forEach((k, v) -> props.put(LakeCommitter.METRIC_PREFIX + k, v));
    p.parameters.forEach((k, v) -> props.put(LakeCommitter.PARAMETER_PREFIX + k, v));
    return props;
  }

  private static void backoff(int attempt) {
    // Full jitter, growing to a second: many writers on one table spread out instead of
    // colliding again on the next version.
    long cap = Math.min(1000, 10L << Math.min(attempt, 7));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("interrupted while waiting to retry a conflicting commit", e);
    }
  }
}
