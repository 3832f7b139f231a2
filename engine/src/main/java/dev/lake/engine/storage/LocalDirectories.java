package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of names on a local (POSIX) file system. */
public final class LocalDirectories {
  private LocalDirectories() {}

  /**
   * Makes the entries of {@code dir} durable (fsync of the directory): a file synced and then
   * linked or renamed into a directory survives a crash only once the directory is synced too —
   * until then a commit reported as done could vanish with a power loss. Where a directory
   * cannot be opened at all (Windows refuses to open one as a file), this does nothing: there
   * the file system makes names durable itself or not at all.
   *
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws IOException if the sync itself fails
   */
  public static void sync(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }
}
