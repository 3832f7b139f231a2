package dev.lake.engine.kernel.local;

import dev.lake.engine.storage.LocalDirectories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Publishes a file all at once: the content goes to a hidden temporary sibling, which then takes
 * the final name — by an atomic rename when replacing is allowed, by a hard link (which fails if
 * the name exists) when it is not — and the directory is synced, so that the name survives a
 * crash. Readers never see a partial file.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills a (not yet existing) temporary file. */
  interface Filler {
    void fill(Path tmp) throws IOException;
  }

  /** A hidden temporary name next to {@code target}, in the pattern Hadoop's log stores use. */
  static Path tempFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
  }

  static void publish(Path target, boolean overwrite, Filler filler) throws IOException {
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
  static void moveInto(Path tmp, Path target, boolean overwrite) throws IOException {
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
      // No hard links here: a plain move, with the existence check racing (never used for commits,
      // which go through the storage's LogStore).
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(tmp, target);
    }
  }
}
