package dev.lake.mount.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes of a file between two offsets, as a buffered stream. */
final class FileChannelRange extends InputStream {
  private final FileChannel ch;
  private final long end;
  private long pos;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);

  FileChannelRange(Path file, long from, long to) throws IOException {
    this.ch = FileChannel.open(file, StandardOpenOption.READ);
    this.pos = from;
    this.end = to;
    buf.limit(0);
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return buf.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buf.remaining());
    buf.get(b, off, n);
    return n;
  }

  private boolean fill() throws IOException {
    if (buf.hasRemaining()) {
      return true;
    }
    if (pos >= end) {
      return false;
    }
    buf.clear();
    buf.limit((int) Math.min(buf.capacity(), end - pos));
    int n = ch.read(buf, pos);
    if (n <= 0) {
      return false;
    }
    pos += n;
    buf.flip();
    return true;
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
