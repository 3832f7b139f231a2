package dev.lake.engine.kernel;

import dev.lake.engine.kernel.local.LocalFileIO;
import dev.lake.engine.storage.LogStore;
import dev.lake.engine.storage.Storage;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.hook.PostCommitHook;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every table of one lake shares: the Kernel engine (Parquet/JSON I/O over Hadoop file
 * systems), the committer bound to the storage's exclusive-create primitive, and the engine
 * name written into each commit.
 */
public final class KernelContext {
  private static final Logger LOG = LoggerFactory.getLogger(KernelContext.class);

  /** Name and version recorded as {@code engineInfo} in every commit. */
  public static final String ENGINE_INFO = "lake/" + Version.VERSION;

  private final KernelEngine engine;
  private final LakeCommitter committer;
  private final FileIO fileIO;

  /** Kernel over Hadoop's file systems configured by {@code hadoopConf}. */
  public KernelContext(Configuration hadoopConf, LogStore logStore) {
    this(new HadoopFileIO(hadoopConf), logStore);
  }

  /** Kernel over {@code storage}: java.nio for local directories, Hadoop for the rest. */
  public KernelContext(Storage storage) {
    this(
        storage.isLocal() ? new LocalFileIO(storage.hadoopConf()) : new HadoopFileIO(storage.hadoopConf()),
        storage.logStore());
  }

  private KernelContext(FileIO fileIO, LogStore logStore) {
    this.fileIO = fileIO;
    this.engine = new KernelEngine(fileIO);
    this.committer = new LakeCommitter(logStore);
  }

  /**
   * Reads the file at {@code path} (a Kernel path) into the local page cache ahead of its
   * reader; the bytes read, 0 on object stores (nothing to read ahead into) or when the file
   * cannot be read.
   */
  public long readAhead(String path) {
    return fileIO instanceof LocalFileIO local ? local.readAhead(path) : 0;
  }

  public KernelEngine engine() {
    return engine;
  }

  public LakeCommitter committer() {
    return committer;
  }

  /**
   * Runs the post-commit hooks Kernel asks for (checkpoint at Delta's interval, checksum, log
   * compaction). They are optimisations: a failure is logged, the commit stands.
   */
  public void runPostCommitHooks(TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        // A checkpoint is a Parquet write: see WithoutHadoopDefaults.
        WithoutHadoopDefaults.run(() -> invoke(hook));
      } catch (Exception e) {
        LOG.warn("post-commit hook {} failed at version {}: {}", hook.getType(), result.getVersion(), e.toString());
      }
    }
  }

  /**
   * Writes a checkpoint of {@code snapshot} with Kernel's checkpoint writer — what the CHECKPOINT
   * post-commit hook does, on demand. A checkpoint that already exists for that version (a
   * hook, another engine) is kept.
   */
  public void writeCheckpoint(io.delta.kernel.Snapshot snapshot) {
    WithoutHadoopDefaults.run(
        () -> {
          try {
            snapshot.writeCheckpoint(engine);
          } catch (io.delta.kernel.exceptions.CheckpointAlreadyExistsException e) {
            // Same version, same content.
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private void invoke(PostCommitHook hook) {
    try {
      hook.threadSafeInvoke(engine);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
