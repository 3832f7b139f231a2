package dev.lake.it.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Lakes in local directories: the embedded default, no server. */
public final class LocalBackend implements Backend {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public Endpoint start(Path workDir) throws IOException {
    Path root = Files.createDirectories(workDir);
    AtomicInteger n = new AtomicInteger();
    return new Endpoint() {
      @Override
      public String backend() {
        return "local";
      }

      @Override
      public String newLakeLocation(String label) {
        try {
          return Files.createDirectories(root.resolve(label + "-" + n.incrementAndGet())).toString();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public Map<String, String> options() {
        return Map.of();
      }

      @Override
      public void close() {}
    };
  }
}
