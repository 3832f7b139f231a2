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
    Path log = new Path(tablePath, "_delta_log");
    long latest = -1;
    try (CloseableIterator<FileStatus> it =
        ctx.engine().getFileSystemClient().listFrom(FileNames.listingPrefix(log, Math.max(0, fromVersion)))) {
      while (it.hasNext()) {
        String p = it.next().getPath();
        if (FileNames.isCommitFile(p)) {
          latest = Math.max(latest, FileNames.deltaVersion(p));
        }
      }
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return latest;
  }
}
