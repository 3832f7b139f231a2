package dev.lake.engine.kernel;

import io.delta.kernel.internal.fs.Path;
import io.delta.kernel.internal.util.FileNames;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The latest version of a table from a listing of its log, without loading a snapshot: cheap
 * enough to ask on every {@code stat} of a mounted file. Listing starts at a known version, so
 * its cost does not grow with the table's history.
 */
public final class LogVersions {
  private LogVersions() {}

  /**
   * The highest committed version at or after {@code fromVersion}, or -1 if none (no table, or
   * {@code fromVersion} is beyond the end).
   */
  public static long latest(KernelContext ctx, String tablePath, long fromVersion) {
    return latestCommit(ctx, tablePath, fromVersion)[0];
  }

  /**
   * {version, modification time in ms} of the newest commit file at or after {@code
   * fromVersion}, or {-1, -1}. The time tells apart two tables that reached the same version
   * (a table dropped and created again under the same name).
   */
  public static long[] latestCommit(KernelContext ctx, String tablePath, long fromVersion) {
    Path log = new Path(tablePath, "_delta_log");
    long latest = -1;
    long time = -1;
    try (CloseableIterator<FileStatus> it =
        ctx.engine().getFileSystemClient().listFrom(FileNames.listingPrefix(log, Math.max(0, fromVersion)))) {
      while (it.hasNext()) {
        FileStatus f = it.next();
        String p = f.getPath();
        if (FileNames.isCommitFile(p) && FileNames.deltaVersion(p) > latest) {
          latest = FileNames.deltaVersion(p);
          time = f.getModificationTime();
        }
      }
    } catch (FileNotFoundException e) {
      return new long[] {-1, -1};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new long[] {latest, time};
  }

  /** The modification time (ms) of the commit file of {@code version}, or -1 if there is none. */
  public static long commitMillis(KernelContext ctx, String tablePath, long version) {
    try {
      return ctx.engine()
          .getFileSystemClient()
          .getFileStatus(FileNames.deltaFile(new Path(tablePath, "_delta_log"), version))
          .getModificationTime();
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
