package dev.lake.engine.kernel;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes data files a failed attempt wrote but never committed. */
public final class UncommittedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(UncommittedFiles.class);

  private UncommittedFiles() {}

  /** Deletes the files, logging (not throwing) failures: uncommitted files are invisible anyway. */
  public static void deleteQuietly(KernelContext ctx, List<String> paths) {
    for (String p : paths) {
      try {
        ctx.engine().getFileSystemClient().delete(p);
      } catch (Exception e) {
        LOG.debug("could not delete uncommitted file {}: {}", p, e.toString());
      }
    }
  }
}
