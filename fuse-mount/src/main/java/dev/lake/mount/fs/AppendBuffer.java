package dev.lake.mount.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The bytes an O_APPEND writer of data.csv wrote since its last commit: in memory while they are
 * few (an {@code echo >>} commits in milliseconds, a file on disk would add to that), in a local
 * file once they pass {@link #SPILL_AT} ({@code cat more.csv >> data.csv} may append more than
 * the heap holds). Not thread-safe: one handle's writes arrive one at a time.
 */
final class AppendBuffer implements AutoCloseable {
  /** Bytes kept in memory before they move to a file. */
  static final int SPILL_AT = 1 << 20;

  private final Supplier<Path> newFile;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private long size;

  /** @param newFile creates the (empty) local file the bytes move to past {@link #SPILL_AT} */
  AppendBuffer(Supplier<Path> newFile) {
    this.newFile = newFile;
  }

  void write(byte[] buf, int len) {
    if (file == null && memory.size() + (long) len <= SPILL_AT) {
      memory.write(buf, 0, len);
    } else {
      if (file == null) {
        file = newFile.get();
        LakeFs.writeFile(file, 0, memory.toByteArray(), memory.size());
        memory = null;
      }
      LakeFs.writeFile(file, size, buf, len);
    }
    size += len;
  }

  long size() {
    return size;
  }

  /** The bytes from the first; may be opened again (a commit planned again reads them again). */
  InputStream open() throws IOException {
    return file == null ? new ByteArrayInputStream(memory.toByteArray()) : Files.newInputStream(file);
  }

  /** Whether the bytes are in a file (for tests). */
  boolean spilled() {
    return file != null;
  }

  /** Deletes the file, if any. */
  @Override
  public void close() {
    LakeFs.deleteQuietly(file);
  }
}
