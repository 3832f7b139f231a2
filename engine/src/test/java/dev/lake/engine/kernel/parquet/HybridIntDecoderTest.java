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
