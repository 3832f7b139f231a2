package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Publishes a local file all at once: the content goes to a hidden temporary sibling, which then
 * takes the final name — by an atomic rename when replacing is allowed, by a hard link when it is
 * not ({@code link(2)} fails if the name exists, so two writers can never both own it) — and the
 * directory is synced, so that the name survives a crash. Readers never see a partial file, except
 * where hard links are not supported: the content is then copied to the name with {@code
 * O_CREAT|O_EXCL}, still exclusive, but a reader may glimpse it while it is written.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills a (not yet existing) temporary file. */
  public interface Filler {
    void fill(Path tmp) throws IOException;
  }

  /** A hidden temporary name next to {@code target}, in the pattern Hadoop's log stores use. */
  public static Path tempFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
  }

  /**
   * Writes {@code target} through {@code filler} (given the temporary file to create) and publishes
   * it; the temporary file is gone afterwards, whatever happens.
   *
   * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
   */
  public static void publish(Path target, boolean overwrite, Filler filler) throws IOException {
    LocalDirectories.create(target.getParent());
    Path tmp = tempFor(target);
    try {
      filler.fill(tmp);
      moveInto(tmp, target, overwrite);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Gives {@code tmp}'s content the name {@code target}.
   *
   * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
   */
  public static void moveInto(Path tmp, Path target, boolean overwrite) throws IOException {
    link(tmp, target, overwrite);
    LocalDirectories.sync(target.getParent()); // the name, not only the bytes, survives a crash
  }

  private static void link(Path tmp, Path target, boolean overwrite) throws IOException {
    if (overwrite) {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    try {
      Files.createLink(target, tmp);
    } catch (UnsupportedOperationException e) {
      // No hard links here: a copy that creates the name exclusively (O_EXCL), then synced.
      Files.copy(tmp, target);
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
  }
}
