package dev.lake.engine.kernel;

import dev.lake.engine.error.ConflictException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.error.UnsupportedFeatureException;
import io.delta.kernel.commit.CommitFailedException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Translates Kernel's and Hadoop's exceptions into lake's hierarchy, naming the table. */
public final class KernelErrors {
  private KernelErrors() {}

  /**
   * A read of {@code version} that failed because a data file of it no longer exists: VACUUM
   * deletes the files of versions older than the retention, so time travel to such a version
   * fails here. Empty when {@code e} is about something else.
   */
  public static java.util.Optional<StorageException> missingDataFile(Throwable e, String table, long version) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.FileNotFoundException || t instanceof java.nio.file.NoSuchFileException) {
        return java.util.Optional.of(new StorageException("table " + table + ": version " + version
            + " cannot be read because one of its data files is gone (" + t.getMessage() + "); VACUUM deletes the"
            + " files of versions older than the table's retention (delta.deletedFileRetentionDuration), so such a"
            + " version can no longer be read by time travel. Newer versions are unaffected", e));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return java.util.Optional.empty();
  }

  /** The lake exception for {@code e}, raised while working on {@code table}. */
  public static LakeException translate(Throwable e, String table) {
    if (e instanceof LakeException le) {
      return le;
    }
    if (e instanceof TableNotFoundException) {
      return new NotFoundException("table " + table + " does not exist (no Delta log found)", e);
    }
    if (e instanceof UnsupportedTableFeatureException f && f.getUnsupportedFeatures() != null
        && !f.getUnsupportedFeatures().isEmpty()) {
      // Kernel speaks of "this version of Delta Kernel"; users know lake, and need the names.
      return new UnsupportedFeatureException("table " + table + " uses table feature(s) "
          + new java.util.TreeSet<>(f.getUnsupportedFeatures()) + ", which lake does not support for this operation ("
          + e.getMessage() + ")", e);
    }
    if (e instanceof UnsupportedTableFeatureException || e instanceof UnsupportedProtocolVersionException) {
      return new UnsupportedFeatureException("table " + table + ": " + e.getMessage(), e);
    }
    CommitFailedException failedCommit = failedCommit(e);
    if (failedCommit != null) {
      // Kernel wraps a commit file that could not be written (after the store's own retries)
      // in "Commit attempt N for version V failed"; the log store's message names the file.
      return new StorageException("table " + table + ": " + failedCommit.getMessage(), e);
    }
    if (e instanceof ConcurrentWriteException) {
      return new ConflictException("table " + table + ": " + e.getMessage(), e);
    }
    if (e instanceof UncheckedIOException || e instanceof IOException || e instanceof KernelEngineException) {
      Throwable cause = e.getCause() != null && e instanceof UncheckedIOException ? e.getCause() : e;
      return new StorageException("table " + table + ": storage failed: " + cause.getMessage(), e);
    }
    if (e instanceof KernelException) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      if (msg.contains("Trying to load a non-existent version")
          || msg.contains("is before the earliest available version")
          || msg.contains("is after the latest available version")
          || msg.contains("before the earliest")
          || msg.contains("after the latest")) {
        return new NotFoundException("table " + table + ": " + msg, e);
      }
      if (msg.contains("not supported") || msg.contains("Unsupported") || msg.contains("unsupported")) {
        return new UnsupportedFeatureException("table " + table + ": " + msg, e);
      }
      return new InvalidInputException("table " + table + ": " + msg, e);
    }
    if (e instanceof UnsupportedOperationException) {
      // Kernel's way of saying a table uses something it cannot write (e.g. column defaults).
      return new UnsupportedFeatureException("table " + table + ": " + e.getMessage() + " (lake cannot do this yet)", e);
    }
    if (e instanceof IllegalArgumentException) {
      return new InvalidInputException("table " + table + ": " + e.getMessage(), e);
    }
    if (e instanceof RuntimeException re) {
      return new StorageException("table " + table + ": unexpected failure: " + re, re);
    }
    return new StorageException("table " + table + ": " + e, e);
  }

  /** The non-retryable commit failure of LakeCommitter somewhere in {@code e}'s causes, if any. */
  private static CommitFailedException failedCommit(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof CommitFailedException c && !c.isRetryable()) {
        return c;
      }
    }
    return null;
  }
}
