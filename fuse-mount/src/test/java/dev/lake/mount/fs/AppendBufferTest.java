package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendBufferTest {
  @TempDir Path dir;

  private Path newFile() {
    try {
      return Files.createTempFile(dir, "w-", ".csv");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] read(AppendBuffer b) throws IOException {
    try (InputStream in = b.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void smallAppendsStayInMemory() throws IOException {
    try (AppendBuffer b = new AppendBuffer(this::newFile)) {
      b.write("1,a\n".getBytes(), 4);
      b.write("2,b\nXX".getBytes(), 4);
      assertThat(b.spilled()).isFalse();
      assertThat(b.size()).isEqualTo(8);
      assertThat(new String(read(b))).isEqualTo("1,a\n2,b\n");
      assertThat(new String(read(b))).as("read again").isEqualTo("1,a\n2,b\n");
    }
    try (var s = Files.list(dir)) {
      assertThat(s.count()).as("no file for a small append").isZero();
    }
  }

  @Test
  void largeAppendsMoveToAFileWithEveryByteInOrderAndTheFileGoesAtClose() throws IOException {
    byte[] chunk = new byte[100_000];
    byte[] expected = new byte[chunk.length * 30];
    AppendBuffer b = new AppendBuffer(this::newFile);
    for (int i = 0; i < 30; i++) {
      Arrays.fill(chunk, (byte) ('a' + i % 26));
      System.arraycopy(chunk, 0, expected, i * chunk.length, chunk.length);
      b.write(chunk, chunk.length);
    }
    assertThat(b.spilled()).isTrue();
    assertThat(b.size()).isEqualTo(expected.length).isGreaterThan(AppendBuffer.SPILL_AT);
    assertThat(read(b)).isEqualTo(expected);
    try (var s = Files.list(dir)) {
      assertThat(s.count()).isEqualTo(1);
    }
    b.close();
    try (var s = Files.list(dir)) {
      assertThat(s.count()).as("deleted at close").isZero();
    }
  }
}
