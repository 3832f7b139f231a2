package dev.lake.engine.kernel.local;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A seekable stream over a file channel. Reads go straight to the channel (Parquet reads whole
 * column chunks, Kernel's JSON reader wraps it in a buffered reader), so there is no second
 * buffer here.
 */
final class ChannelInputStream extends SeekableInputStream {
  /**
   * The most one read asks of the channel. The JDK reads into a heap array through a temporary
   * native buffer as large as the request, cached per thread: whole column chunks (megabytes) had
   * each thread allocate, zero and fault in a new one whenever it met a larger chunk than before
   * — about 2,000 page faults in the first rendering of a freshly mounted 1M-row table. Bounded
   * requests keep that buffer small and reused; the extra system calls cost next to nothing.
   */
  static final int MAX_READ = 1 << 17;

  private final FileChannel ch;
  private long pos;

  ChannelInputStream(FileChannel ch) {
    this.ch = ch;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = ch.read(ByteBuffer.wrap(b, off, Math.min(len, MAX_READ)), pos);
    if (n > 0) {
      pos += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = Math.max(0, Math.min(n, ch.size() - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ch.size() - pos));
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    if (newPos < 0) {
      throw new EOFException("negative position " + newPos);
    }
    pos = newPos;
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(b, off + done, len - done);
      if (n < 0) {
        throw new EOFException("end of file after " + done + " of " + len + " bytes");
      }
      done += n;
    }
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
