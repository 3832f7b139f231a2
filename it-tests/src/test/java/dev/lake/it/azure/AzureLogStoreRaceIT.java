package dev.lake.it.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import dev.lake.engine.storage.AzureStorage;
import dev.lake.engine.storage.LogStore;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commit primitive on Azure: writers racing for the same version file, each with its own
 * client (as separate processes would be). Exactly one wins each version, every loser gets
 * {@link FileAlreadyExistsException}, and a reader polling meanwhile never sees an empty or
 * partial file.
 */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AzureLogStoreRaceIT {
  private static final int WRITERS = 8;
  private static final int VERSIONS = 10;
  private static final int SIZE = 128 * 1024;

  @Test
  void exactlyOneWriterWinsEachVersion(AzuriteEmulator azurite) throws Exception {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    List<LogStore> stores = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      stores.add(AzureStorage.open(location, azurite.options()).logStore());
    }
    String root = AzureStorage.open(location, azurite.options()).tablePath("t") + "/_delta_log/";

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try {
      for (int v = 0; v < VERSIONS; v++) {
        String file = String.format("%020d.json", v);
        String path = root + file;
        List<byte[]> contents = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          contents.add(content(v, w));
        }
        CyclicBarrier start = new CyclicBarrier(WRITERS + 1);
        AtomicBoolean racing = new AtomicBoolean(true);
        Set<Integer> seenLengths = ConcurrentHashMap.newKeySet();
        BlobClient blob = container.getBlobClient("lake/t/_delta_log/" + file);
        Future<Boolean> reader =
            pool.submit(
                () -> {
                  start.await();
                  boolean allWhole = true;
                  while (racing.get()) {
                    if (blob.exists()) {
                      byte[] seen = blob.downloadContent().toBytes();
                      seenLengths.add(seen.length);
                      allWhole &= contents.stream().anyMatch(c -> Arrays.equals(c, seen));
                    }
                  }
                  return allWhole;
                });
        List<Future<String>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      stores.get(writer).writeExclusive(path, contents.get(writer));
                      return "won";
                    } catch (FileAlreadyExistsException e) {
                      return "lost";
                    }
                  }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
          outcomes.add(f.get(1, TimeUnit.MINUTES));
        }
        racing.set(false);
        assertThat(reader.get(1, TimeUnit.MINUTES)).as("every read of version %d was one writer's whole file", v).isTrue();
        assertThat(outcomes).as("version %d", v).containsOnly("won", "lost");
        assertThat(outcomes.stream().filter("won"::equals).count()).as("winners of version %d", v).isEqualTo(1);
        byte[] stored = blob.downloadContent().toBytes();
        assertThat(stored).as("version %d holds the winner's content", v).isEqualTo(contents.get(outcomes.indexOf("won")));
        assertThat(seenLengths).allSatisfy(len -> assertThat(len).isEqualTo(SIZE));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A retried upload whose first attempt did reach the service finds its own file there: that is
   * a success, not a lost race (else a blind append would be rebased and applied twice).
   */
  @Test
  void findingOwnContentIsASuccess(AzuriteEmulator azurite) throws Exception {
    String location = azurite.newLocation();
    AzureStorage storage = AzureStorage.open(location, azurite.options());
    String path = storage.tablePath("t") + "/_delta_log/00000000000000000000.json";
    byte[] mine = content(0, 1);
    storage.logStore().writeExclusive(path, mine);
    storage.logStore().writeExclusive(path, mine);
    try {
      storage.logStore().writeExclusive(path, content(0, 2));
      throw new AssertionError("a different content overwrote or joined an existing commit file");
    } catch (FileAlreadyExistsException expected) {
      assertThat(expected.getFile()).isEqualTo(path);
    }
  }

  private static byte[] content(int version, int writer) {
    byte[] line = ("{\"commitInfo\":{\"version\":" + version + ",\"writer\":" + writer + "}}\n").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      out[i] = line[i % line.length];
    }
    return out;
  }
}
