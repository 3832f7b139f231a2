package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Exclusive commit on a local (POSIX) file system: the content is written and synced to a
 * temporary file, then hard-linked to its final name. {@code link(2)} fails if the name exists,
 * so two writers can never both own a version, and readers only ever see complete files (a plain
 * rename would silently overwrite a concurrent winner).
 *
 * <p>The log directory is synced after the link, so that a version reported as committed is
 * still there after a power loss. Where hard links are not supported, it falls back to {@code
 * O_CREAT|O_EXCL}, which is still exclusive but lets a reader glimpse a file that is being
 * written.
 */
public final class LocalLogStore implements LogStore {

  @Override
  public void writeExclusive(String path, byte[] content) throws IOException {
    Path target = toPath(path);
    LocalDirectories.create(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      writeSynced(temp, content, StandardOpenOption.CREATE_NEW);
      try {
        Files.createLink(target, temp);
      } catch (UnsupportedOperationException e) {
        writeSynced(target, content, StandardOpenOption.CREATE_NEW);
      }
      // The version's name, not only its bytes, survives a crash. Best effort and never thrown:
      // once linked, the version is committed, and a commit reported as failed would be retried.
      LocalDirectories.sync(target.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeSynced(Path file, byte[] content, StandardOpenOption mode)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, mode, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** The local path of a Kernel path string ({@code file:} URI or plain absolute path). */
  public static Path toPath(String path) {
    // Hadoop's Path prints "file:/a/b" (no authority) and does not percent-encode.
    if (path.startsWith("file://")) {
      return Paths.get(path.substring("file://".length()));
    }
    if (path.startsWith("file:")) {
      return Paths.get(path.substring("file:".length()));
    }
    return Paths.get(path);
  }
}
