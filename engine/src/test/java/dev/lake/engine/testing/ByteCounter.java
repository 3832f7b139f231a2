package dev.lake.engine.testing;

import java.io.OutputStream;

/** An output stream that keeps nothing but the number of bytes written to it. */
public final class ByteCounter extends OutputStream {
  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** Bytes written so far. */
  public long count() {
    return count;
  }
}
