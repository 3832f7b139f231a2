package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability of names on a local file system. A file synced and then linked, renamed or created
 * in a directory survives a crash only once the directory is synced too (and a new directory
 * only once its parent is): until then a commit reported as done could vanish with a power loss.
 *
 * <p>Syncing a directory is best effort. Where directories cannot be opened as files (Windows)
 * it is not attempted; where the sync fails (some network file systems refuse it), the failure
 * is logged — the first one as a warning — and the operation goes on: the file's own sync has
 * succeeded by then, and a version already linked into the log is committed whatever follows.
 */
public final class LocalDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDirectories.class);
  private static final boolean SYNCABLE = !System.getProperty("os.name", "").startsWith("Windows");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private LocalDirectories() {}

  /** Syncs {@code dir} (its entries become durable); never throws, see the class comment. */
  public static void sync(Path dir) {
    if (!SYNCABLE) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn("cannot sync directory {} ({}): new names there may not survive a power loss;"
            + " further failures are logged at debug level", dir, e.toString());
      } else {
        LOG.debug("cannot sync directory {}", dir, e);
      }
    }
  }

  /**
   * Creates {@code dir} and its missing parents, and syncs the parent of each directory it
   * created, so that the new directories' names are durable too.
   */
  public static void create(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    if (missing.isEmpty()) {
      return; // the common case (every commit, every data file): one stat, no mkdir
    }
    Files.createDirectories(dir);
    for (Path created : missing) { // outermost first
      if (created.getParent() != null) {
        sync(created.getParent());
      }
    }
  }
}
