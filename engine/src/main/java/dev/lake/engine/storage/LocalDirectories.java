package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of names on a local (POSIX) file system. */
public final class LocalDirectories {
  private LocalDirectories() {}

  /**
   * Makes the entries of {@code dir} durable (fsync of the directory): a file synced and then
   * linked or renamed into a directory survives a crash only once the directory is synced too —
   * until then a commit reported as done could vanish with a power loss. Where a directory
   * cannot be opened for syncing (not POSIX), this does nothing.
   */
  public static void sync(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (UnsupportedOperationException | SecurityException e) {
      return;
    }
    try (ch) {
      ch.force(true);
    }
  }
}
