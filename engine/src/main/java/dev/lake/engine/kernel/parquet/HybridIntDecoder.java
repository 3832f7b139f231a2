package dev.lake.engine.kernel.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Parquet's RLE / bit-packing hybrid encoding (definition levels, dictionary ids) decoded many
 * values per call: an RLE run is one fill, a bit-packed run is unpacked eight values at a time by
 * parquet-mr's {@link BytePacker}. parquet-mr's own {@code RunLengthBitPackingHybridDecoder}
 * returns one value per call and builds a debug message for every run, which cost more than the
 * decoding itself when rendering a table.
 */
final class HybridIntDecoder {
  private final ByteBuffer in; // the encoded runs, from position to limit
  private final int bitWidth;
  private final BytePacker packer;
  private final int[] group = new int[8];

  private boolean rle;
  private int rleValue;
  private int runLeft; // values left in the current run
  private int groupPos = 8; // next value of `group`, 8 when it is used up

  /** Decodes values of {@code bitWidth} bits (0..32) from the bytes of {@code in} (not copied). */
  HybridIntDecoder(int bitWidth, ByteBuffer in) throws IOException {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IOException("a bit width of " + bitWidth + " in an RLE/bit-packed run");
    }
    this.in = in;
    this.bitWidth = bitWidth;
    this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
  }

  /** The next {@code n} values into {@code out[at..at+n)}. */
  void read(int[] out, int at, int n) throws IOException {
    while (n > 0) {
      if (runLeft == 0) {
        nextRun();
      }
      int k = Math.min(n, runLeft);
      if (rle) {
        Arrays.fill(out, at, at + k, rleValue);
      } else {
        int j = 0;
        while (j < k && groupPos < 8) {
          out[at + j++] = group[groupPos++];
        }
        while (k - j >= 8) {
          unpackGroup(out, at + j);
          j += 8;
        }
        if (j < k) {
          unpackGroup(group, 0);
          groupPos = 0;
          while (j < k) {
            out[at + j++] = group[groupPos++];
          }
        }
      }
      runLeft -= k;
      at += k;
      n -= k;
    }
  }

  /**
   * Skips up to {@code n} values while they are RLE repeats of {@code value} (no value is
   * decoded one by one); returns how many were skipped, fewer than n where another run starts.
   */
  int skipRepeats(int value, int n) throws IOException {
    int skipped = 0;
    while (skipped < n) {
      if (runLeft == 0) {
        nextRun();
      }
      if (!rle || rleValue != value) {
        break;
      }
      int k = Math.min(n - skipped, runLeft);
      runLeft -= k;
      skipped += k;
    }
    return skipped;
  }

  private void nextRun() throws IOException {
    int header = readUnsignedVarInt();
    if ((header & 1) == 0) {
      rle = true;
      runLeft = header >>> 1;
      int bytes = (bitWidth + 7) / 8;
      if (in.remaining() < bytes) {
        throw new IOException("an RLE run ends before its value");
      }
      int v = 0;
      for (int b = 0; b < bytes; b++) {
        v |= (in.get() & 0xff) << (8 * b);
      }
      rleValue = v;
    } else {
      rle = false;
      runLeft = (header >>> 1) * 8;
      groupPos = 8;
    }
    if (runLeft <= 0) {
      throw new IOException("an empty or oversized RLE/bit-packed run (header " + header + ")");
    }
  }

  /** Eight bit-packed values into out[at..at+8); a short last group is read as if zero-padded. */
  private void unpackGroup(int[] out, int at) {
    if (in.remaining() >= bitWidth) {
      if (in.hasArray()) {
        // The array form reads bytes directly; the ByteBuffer form calls get(int) for each
        // byte, a call per byte under C1 (the mount's JIT).
        packer.unpack8Values(in.array(), in.arrayOffset() + in.position(), out, at);
      } else {
        packer.unpack8Values(in, in.position(), out, at);
      }
      in.position(in.position() + bitWidth);
    } else {
      byte[] padded = new byte[bitWidth];
      in.get(padded, 0, in.remaining());
      packer.unpack8Values(padded, 0, out, at);
    }
  }

  private int readUnsignedVarInt() throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (!in.hasRemaining()) {
        throw new IOException("the RLE/bit-packed runs end before the values they should hold");
      }
      int b = in.get() & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("a malformed run header in RLE/bit-packed data");
  }
}
