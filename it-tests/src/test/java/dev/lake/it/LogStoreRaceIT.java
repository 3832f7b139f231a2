package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.storage.LogStore;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Timeout;

/**
 * The exclusive-create primitive itself, on every backend: writers that each opened the lake on
 * their own (own clients, as separate processes would) race for the same commit file; exactly
 * one wins, every other one gets {@link FileAlreadyExistsException}, and the file holds the
 * winner's bytes, whole.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LogStoreRaceIT {
  static final int WRITERS = 6;
  static final int ROUNDS = 15;

  @BackendTest
  void exactlyOneWriterWinsEachVersion(StorageEndpoint storage) throws Exception {
    String location = storage.newLakeLocation("race");
    List<Lake> lakes = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      lakes.add(storage.open(location));
    }
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      String logDir = lakes.get(0).storage().tablePath("t") + "/_delta_log";
      for (int round = 0; round < ROUNDS; round++) {
        String file = String.format("%s/%020d.json", logDir, round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          LogStore store = lakes.get(w).storage().logStore();
          byte[] content = content(round, w);
          results.add(pool.submit(() -> {
            start.await();
            try {
              store.writeExclusive(file, content);
              return true;
            } catch (FileAlreadyExistsException lost) {
              return false;
            }
          }));
        }
        start.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          if (results.get(w).get(1, TimeUnit.MINUTES)) {
            winners.add(w);
          }
        }
        assertThat(winners).as("winners of version %d", round).hasSize(1);
        assertThat(read(lakes.get(0), file)).as("content of version %d", round)
            .isEqualTo(new String(content(round, winners.get(0)), StandardCharsets.UTF_8));
      }
    } finally {
      pool.shutdownNow();
      lakes.forEach(Lake::close);
    }
    System.out.printf("log store race [%s]: %d rounds x %d writers, one winner each%n", storage.backend(), ROUNDS, WRITERS);
  }

  private static byte[] content(int round, int writer) {
    // Large enough that a torn or interleaved write would show.
    return ("{\"commitInfo\":{\"round\":" + round + ",\"writer\":" + writer + ",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String read(Lake lake, String file) throws Exception {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(lake.storage().hadoopConf());
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
