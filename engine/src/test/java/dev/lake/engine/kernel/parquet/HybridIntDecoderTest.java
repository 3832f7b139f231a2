package dev.lake.engine.kernel.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** Decodes what parquet-mr's encoder writes, for every bit width, read in chunks of any size. */
class HybridIntDecoderTest {
  @Test
  void decodesParquetMrsEncodingForEveryBitWidth() throws IOException {
    Random random = new Random(42);
    for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
      int[] values = values(random, bitWidth, 5_003);
      ByteBuffer encoded = encode(bitWidth, values);
      HybridIntDecoder decoder = new HybridIntDecoder(bitWidth, encoded);
      int[] out = new int[values.length];
      int at = 0;
      while (at < values.length) {
        int n = Math.min(values.length - at, 1 + random.nextInt(700)); // chunks cross runs and groups
        decoder.read(out, at, n);
        at += n;
      }
      assertThat(out).as("bit width %d", bitWidth).isEqualTo(values);
    }
  }

  /**
   * Skipping repeats of a value (how definition levels of rows without NULLs are passed over)
   * between reads of any size: what is skipped is exactly the leading repeats, and the values
   * read after it are the same as when everything is read.
   */
  @Test
  void skipsRepeatsOfAValueBetweenReads() throws IOException {
    Random random = new Random(11);
    for (int bitWidth : new int[] {1, 2, 5, 8, 13}) {
      int[] values = values(random, bitWidth, 20_011);
      HybridIntDecoder decoder = new HybridIntDecoder(bitWidth, encode(bitWidth, values));
      int at = 0;
      long skippedInAll = 0;
      while (at < values.length) {
        int n = Math.min(values.length - at, 1 + random.nextInt(300));
        int value = values[at]; // a value the next run may repeat
        int skipped = decoder.skipRepeats(value, n);
        int expected = 0;
        while (expected < n && values[at + expected] == value) {
          expected++;
        }
        // Repeats inside a bit-packed run are not skipped (only RLE runs are), so fewer is fine,
        // more never; and every value skipped is a repeat.
        assertThat(skipped).as("bit width %d at %d", bitWidth, at).isBetween(0, expected);
        skippedInAll += skipped;
        int[] out = new int[n - skipped];
        decoder.read(out, 0, n - skipped);
        assertThat(out).as("bit width %d at %d", bitWidth, at).isEqualTo(Arrays.copyOfRange(values, at + skipped, at + n));
        at += n;
      }
      assertThat(skippedInAll).as("bit width %d: RLE runs were skipped", bitWidth).isPositive();
    }
  }

  /**
   * Hand-built runs (bit width 1, as definition levels): an RLE run of 1s that ends exactly where
   * the skip asks, a skip that starts and ends inside a run, an RLE run of another value, and a
   * bit-packed run right after (never skipped, even where its values repeat).
   */
  @Test
  void skipsExactlyTheRleRunsOfTheValue() throws IOException {
    ByteBuffer runs = ByteBuffer.wrap(new byte[] {
        (byte) (60 << 1), 1, // RLE: 60 x 1 (headers below 128 are one varint byte)
        (byte) (20 << 1), 0, // RLE: 20 x 0
        (byte) (1 << 1 | 1), (byte) 0xff, // bit-packed: one group of 8 x 1
        (byte) (50 << 1), 1}); // RLE: 50 x 1
    HybridIntDecoder decoder = new HybridIntDecoder(1, runs);
    assertThat(decoder.skipRepeats(1, 35)).as("inside the first run").isEqualTo(35);
    assertThat(decoder.skipRepeats(1, 25)).as("to the end of the first run, exactly").isEqualTo(25);
    assertThat(decoder.skipRepeats(1, 10)).as("a run of 0s next").isZero();
    int[] zeros = new int[20];
    decoder.read(zeros, 0, 20);
    assertThat(zeros).containsOnly(0);
    assertThat(decoder.skipRepeats(1, 8)).as("a bit-packed run of 1s is read, not skipped").isZero();
    int[] packed = new int[8];
    decoder.read(packed, 0, 8);
    assertThat(packed).containsOnly(1);
    assertThat(decoder.skipRepeats(1, 50)).as("the last run").isEqualTo(50);
  }

  @Test
  void truncatedDataFailsWithAReason() throws IOException {
    int[] values = values(new Random(7), 5, 1_000);
    ByteBuffer encoded = encode(5, values);
    ByteBuffer cut = encoded.slice().limit(encoded.remaining() / 2);
    HybridIntDecoder decoder = new HybridIntDecoder(5, cut);
    assertThatThrownBy(() -> decoder.read(new int[values.length], 0, values.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("RLE/bit-packed");
    assertThatThrownBy(() -> new HybridIntDecoder(33, encoded)).isInstanceOf(IOException.class).hasMessageContaining("bit width of 33");
  }

  /** Runs of repeats (RLE runs) between stretches of distinct values (bit-packed runs). */
  private static int[] values(Random random, int bitWidth, int n) {
    long max = bitWidth == 0 ? 0 : (1L << bitWidth) - 1;
    int[] out = new int[n];
    for (int i = 0; i < n; ) {
      int len = Math.min(n - i, 1 + random.nextInt(40));
      int v = (int) (random.nextLong() & max);
      if (random.nextBoolean()) {
        Arrays.fill(out, i, i + len, v);
      } else {
        for (int j = i; j < i + len; j++) {
          out[j] = (int) (random.nextLong() & max);
        }
      }
      i += len;
    }
    return out;
  }

  private static ByteBuffer encode(int bitWidth, int[] values) throws IOException {
    try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 16, new HeapByteBufferAllocator())) {
      for (int v : values) {
        e.writeInt(v);
      }
      return ByteBuffer.wrap(e.toBytes().toByteArray());
    }
  }
}
