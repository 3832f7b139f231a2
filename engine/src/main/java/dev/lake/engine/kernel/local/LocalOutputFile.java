package dev.lake.engine.kernel.local;

import dev.lake.engine.storage.AtomicFiles;
import dev.lake.engine.storage.LocalDirectories;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file Kernel writes: Parquet data files, checkpoints, checksums, {@code _last_checkpoint}.
 * Every file is on disk ({@code fdatasync}) before it is closed and named: a commit file, which
 * the log store syncs too, never names a data file that a power failure could take back.
 */
final class LocalOutputFile implements OutputFile {
  private static final int BUFFER = 1 << 16;

  private final Path file;
  private final String kernelPath;

  LocalOutputFile(Path file, String kernelPath) {
    this.file = file;
    this.kernelPath = kernelPath;
  }

  @Override
  public String path() {
    return kernelPath;
  }

  /**
   * A stream to the file. With {@code atomicWrite} the bytes go to a temporary sibling that takes
   * the final name on close (failing with {@code FileAlreadyExistsException} if it exists then);
   * without, the file is written in place, replacing any file of that name.
   */
  @Override
  public PositionOutputStream create(boolean atomicWrite) throws IOException {
    LocalDirectories.create(file.getParent());
    if (!atomicWrite) {
      return new Stream(
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
          null);
    }
    Path tmp = AtomicFiles.tempFor(file);
    return new Stream(FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), tmp);
  }

  /** Writes one line per element (each ending in a newline), all or nothing. */
  @Override
  public void writeAtomically(CloseableIterator<String> data, boolean overwrite) throws IOException {
    try (data) {
      AtomicFiles.publish(
          file,
          overwrite,
          tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER);
              while (data.hasNext()) {
                out.write(data.next().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
              }
              out.flush();
              ch.force(false);
            }
          });
    }
  }

  /** Counts bytes for Parquet's footer offsets; syncs, then publishes the temporary file, on close. */
  private final class Stream extends PositionOutputStream {
    private final FileChannel channel;
    private final OutputStream out;
    private final Path tmp;
    private long pos;
    private boolean closed;

    Stream(FileChannel channel, Path tmp) {
      this.channel = channel;
      this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
      this.tmp = tmp;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      pos += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        try (OutputStream o = out) {
          o.flush();
          channel.force(false);
        }
        if (tmp != null) {
          AtomicFiles.moveInto(tmp, file, false);
        } else {
          // Written in place under its name (Kernel writes data files so): the new name must be
          // durable before a commit that names the file is written.
          LocalDirectories.sync(file.getParent());
        }
      } finally {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      }
    }
  }
}
