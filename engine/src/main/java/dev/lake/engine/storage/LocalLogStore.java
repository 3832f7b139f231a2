package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive commit on a local (POSIX) file system: the content is written and synced to a
 * temporary file, then published under its final name by {@link AtomicFiles} without replacing —
 * a hard link, which fails if the name exists, so two writers can never both own a version, and
 * readers only ever see complete files (a plain rename would silently overwrite a concurrent
 * winner). The log directory is synced after the link, so that a version reported as committed is
 * still there after a power loss.
 */
public final class LocalLogStore implements LogStore {

  @Override
  public void writeExclusive(String path, byte[] content) throws IOException {
    // Once linked, the version is committed; the directory sync after it is best effort and never
    // thrown, because a commit reported as failed would be retried.
    AtomicFiles.publish(LocalPaths.toPath(path), false, temp -> writeSynced(temp, content));
  }

  private static void writeSynced(Path file, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }
}
