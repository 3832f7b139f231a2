package dev.lake.engine.kernel.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads larger than one channel request still return every byte, in order. */
class ChannelInputStreamTest {
  @TempDir Path dir;

  private byte[] content(Path file, int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    Files.write(file, bytes);
    return bytes;
  }

  @Test
  void aReadAsksTheChannelForAtMostOneRequestAndReadFullyAssemblesTheRest() throws Exception {
    Path file = dir.resolve("chunk.bin");
    int size = 3 * ChannelInputStream.MAX_READ + 5;
    byte[] expected = content(file, size);
    try (ChannelInputStream in = new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ))) {
      byte[] b = new byte[size];
      assertThat(in.read(b, 0, size)).isEqualTo(ChannelInputStream.MAX_READ);
      assertThat(in.getPos()).isEqualTo(ChannelInputStream.MAX_READ);

      in.seek(0);
      Arrays.fill(b, (byte) 0);
      in.readFully(b, 0, size);
      assertThat(b).isEqualTo(expected);
      assertThat(in.getPos()).isEqualTo(size);
      assertThat(in.read(b, 0, 1)).isEqualTo(-1);

      // A range that starts inside one request and ends inside another.
      in.seek(ChannelInputStream.MAX_READ - 3);
      byte[] middle = new byte[ChannelInputStream.MAX_READ + 7];
      in.readFully(middle, 0, middle.length);
      assertThat(middle).isEqualTo(Arrays.copyOfRange(expected, ChannelInputStream.MAX_READ - 3, 2 * ChannelInputStream.MAX_READ + 4));
    }
  }

  @Test
  void readFullyPastTheEndSaysHowFarItGot() throws Exception {
    Path file = dir.resolve("short.bin");
    content(file, ChannelInputStream.MAX_READ + 10);
    try (ChannelInputStream in = new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ))) {
      byte[] b = new byte[ChannelInputStream.MAX_READ + 11];
      assertThatThrownBy(() -> in.readFully(b, 0, b.length))
          .isInstanceOf(EOFException.class)
          .hasMessage("end of file after " + (ChannelInputStream.MAX_READ + 10) + " of " + b.length + " bytes");
    }
  }
}
