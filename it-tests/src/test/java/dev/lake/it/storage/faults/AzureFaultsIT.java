package dev.lake.it.storage.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.faults.Fault;
import dev.lake.it.support.faults.FaultProxy;
import dev.lake.it.support.faults.FaultRule;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries on Azure Blob Storage, proven with a {@link FaultProxy} between lake and Azurite:
 * ServerBusy and 5xx on commit uploads, data-file uploads (ABFS), reads and log listings are
 * retried and the table ends exactly right; a lost commit response is recognised as lake's own
 * commit; a version won by another writer meanwhile is never claimed; faults that never stop and
 * permanent errors (403, 404) fail with a storage error naming the location after a bounded
 * number of attempts (counted by the proxy), and commit nothing.
 */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AzureFaultsIT {
  private static final String ACCOUNT = "/" + AzuriteEmulator.ACCOUNT + "/";
  private static final String V1 = ACCOUNT + ".*/lake/t/_delta_log/0+1\\.json";
  private static final String PARQUET = ACCOUNT + ".*/lake/t/.*\\.parquet";

  private static FaultProxy proxy;
  private static AzuriteEmulator azurite;

  @BeforeAll
  static void startProxy(AzuriteEmulator emulator) throws Exception {
    azurite = emulator;
    proxy = FaultProxy.start(URI.create(azurite.endpoint()));
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @AfterEach
  void clearScript() {
    proxy.reset();
  }

  @Test
  void serverBusyOnTheCommitUploadIsRetriedAndCommitsOnce() {
    BlobContainerClient container = azurite.newContainer();
    try (Lake lake = Lake.open(location(container), viaProxy())) {
      Table t = createTable(lake);
      FaultRule busy = proxy.add("PUT", V1, Fault.azureServerBusy(), 2);

      t.insert(rows(1, 2, 3));

      assertThat(busy.hits()).isEqualTo(2);
      assertThat(proxy.count("PUT", V1)).as("attempts").isEqualTo(3);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L, 2L, 3L);
      assertThat(logVersions(container)).containsExactly(0L, 1L);
    }
  }

  @Test
  void failingDataFileUploadsAreRetried() {
    BlobContainerClient container = azurite.newContainer();
    try (Lake lake = Lake.open(location(container), viaProxy())) {
      Table t = createTable(lake);
      // ABFS in Blob mode: create (Put Blob), append (Put Block), flush (Put Block List).
      FaultRule create = proxy.add("PUT", PARQUET, Fault.azureInternalError(), 1);
      FaultRule append = proxy.add("PUT", PARQUET, Fault.azureServerBusy(), 2, "comp=block");
      FaultRule flush = proxy.add("PUT", PARQUET, Fault.azureInternalError(), 1, "comp=blocklist");

      t.insert(rows(1, 2));

      assertThat(create.hits()).isEqualTo(1);
      assertThat(append.hits()).isEqualTo(2);
      assertThat(flush.hits()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L, 2L);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(dataFiles(container)).as("one data file").hasSize(1);
    }
  }

  @Test
  void failingReadsAndListingsAreRetried() {
    BlobContainerClient container = azurite.newContainer();
    String location = location(container);
    try (Lake lake = Lake.open(location, viaProxy())) {
      createTable(lake).insert(rows(1, 2, 3));
    }
    FaultRule list = proxy.add("GET", ACCOUNT + "[^/]+/?", Fault.azureInternalError(), 2, "comp=list", "lake/t/_delta_log");
    FaultRule get = proxy.add("GET", PARQUET, Fault.azureServerBusy(), 2);
    FaultRule cut = proxy.add("GET", PARQUET, new Fault.CloseMidResponse(), 1);
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = lake.table("t");
      assertThat(ids(t)).containsExactly(1L, 2L, 3L);
      assertThat(t.latestVersion()).isEqualTo(1);
    }
    assertThat(list.hits()).as("log listings failed").isEqualTo(2);
    assertThat(get.hits()).as("Parquet reads throttled").isEqualTo(2);
    assertThat(cut.hits()).as("Parquet reads cut").isEqualTo(1);
  }

  @Test
  void aReadThatHangsPastTheTimeoutIsRetried() {
    BlobContainerClient container = azurite.newContainer();
    String location = location(container);
    try (Lake lake = Lake.open(location, viaProxy())) {
      createTable(lake).insert(rows(5, 6));
    }
    // Longer than ABFS's 30 s read timeout (AzureStorage.hadoopConf): the attempt times out and
    // the read is retried on a new connection. The one timeout costs 30 s of the suite.
    FaultRule hang = proxy.add("GET", PARQUET, new Fault.Delay(java.time.Duration.ofSeconds(45)), 1);
    try (Lake lake = Lake.open(location, viaProxy())) {
      assertThat(ids(lake.table("t"))).containsExactly(5L, 6L);
    }
    assertThat(hang.hits()).isEqualTo(1);
    assertThat(proxy.count("GET", PARQUET)).as("the hung read and its retry").isGreaterThanOrEqualTo(2);
  }

  @Test
  void lostCommitResponseIsRecognisedAsOwnCommit() {
    BlobContainerClient container = azurite.newContainer();
    try (Lake lake = Lake.open(location(container), viaProxy())) {
      Table t = createTable(lake);
      FaultRule lost = proxy.add("PUT", V1, new Fault.ForwardThenRespond(Fault.azureInternalError()), 1);

      t.insert(rows(7, 8));

      assertThat(lost.hits()).isEqualTo(1);
      assertThat(proxy.count("PUT", V1)).as("the stored upload and the retry that met 409").isEqualTo(2);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(7L, 8L);
      assertThat(logVersions(container)).containsExactly(0L, 1L);
    }
  }

  @Test
  void versionWonByAnotherWriterMeanwhileIsNotClaimed() {
    BlobContainerClient container = azurite.newContainer();
    String location = location(container);
    try (Lake a = Lake.open(location, viaProxy()); Lake b = Lake.open(location, viaProxy())) {
      Table ta = createTable(a);
      Table tb = b.table("t");
      FaultRule raced = proxy.add("PUT", V1, Fault.azureServerBusy(), 1).beforeFirst(() -> tb.insert(rows(100)));

      ta.insert(rows(1, 2));

      assertThat(raced.hits()).isEqualTo(1);
      assertThat(ta.latestVersion()).isEqualTo(2);
      assertThat(ids(ta)).containsExactly(1L, 2L, 100L);
      assertThat(logVersions(container)).containsExactly(0L, 1L, 2L);
      assertThat(LakeRows.longs(ta.snapshotAt(1), "id")).containsExactly(100L);
    }
  }

  @Test
  void neverEndingServerBusyOnTheCommitFailsBoundedAndCommitsNothing() {
    BlobContainerClient container = azurite.newContainer();
    String location = location(container);
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", V1, Fault.azureServerBusy(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(container.getBlobContainerName() + "@")
          .hasMessageContaining("/lake/t/_delta_log/")
          .hasMessageContaining("503");
      System.out.println("commit upload attempts under never-ending ServerBusy: " + proxy.count("PUT", V1));
      // The Blob SDK's 4 tries (AzureStorage.MAX_TRIES), and no more: Kernel does not retry them.
      assertThat(proxy.count("PUT", V1)).as("attempts").isEqualTo(4);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
      assertThat(ids(t)).isEmpty();
      assertThat(logVersions(container)).containsExactly(0L);
    }
  }

  @Test
  void neverEndingErrorsOnDataFileUploadsFailBoundedAndCommitNothing() {
    BlobContainerClient container = azurite.newContainer();
    try (Lake lake = Lake.open(location(container), viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", PARQUET, Fault.azureInternalError(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(container.getBlobContainerName())
          .hasMessageContaining("/lake/t/");
      System.out.println("data-file upload attempts under never-ending 500: " + proxy.count("PUT", PARQUET));
      // ABFS: 1 + 5 retries (AzureStorage.hadoopConf) per operation.
      assertThat(proxy.count("PUT", PARQUET)).as("attempts").isEqualTo(6);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
      assertThat(ids(t)).isEmpty();
      assertThat(logVersions(container)).containsExactly(0L);
    }
  }

  @Test
  void accessDeniedOnTheCommitIsNotRetried() {
    BlobContainerClient container = azurite.newContainer();
    try (Lake lake = Lake.open(location(container), viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", V1, Fault.azureError(403, "Forbidden", "AuthorizationFailure", "This request is not authorized."),
          FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("/lake/t/_delta_log/")
          .hasMessageContaining("403");
      assertThat(proxy.count("PUT", V1)).as("attempts").isEqualTo(1);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
    }
  }

  @Test
  void wrongKeyAndMissingContainerAreNotRetried() {
    BlobContainerClient container = azurite.newContainer();
    String location = location(container);
    Map<String, String> wrong = viaProxy();
    wrong.put("account_key", Base64.getEncoder().encodeToString(new byte[64]));
    assertThatThrownBy(() -> Lake.open(location, wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("403");
    assertThat(proxy.count("GET", ACCOUNT + container.getBlobContainerName() + "/?", "comp=list")).as("attempts").isEqualTo(1);

    String missing = "no-such-container-" + System.nanoTime();
    assertThatThrownBy(() -> Lake.open(AzuriteEmulator.location(missing, "lake"), viaProxy()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(AzuriteEmulator.location(missing, "lake"))
        .hasMessageContaining("does not exist");
    assertThat(proxy.count("GET", ACCOUNT + missing + "/?", "comp=list")).as("attempts").isEqualTo(1);
  }

  // --- helpers ---

  private static String location(BlobContainerClient container) {
    return AzuriteEmulator.location(container.getBlobContainerName(), "lake");
  }

  private static Map<String, String> viaProxy() {
    Map<String, String> o = new LinkedHashMap<>(azurite.options());
    o.put("endpoint", proxy.endpoint() + "/" + AzuriteEmulator.ACCOUNT);
    return o;
  }

  private static Table createTable(Lake lake) {
    return lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT")));
  }

  private static List<Object[]> rows(long... ids) {
    return Arrays.stream(ids).mapToObj(i -> new Object[] {i}).toList();
  }

  private static List<Long> ids(Table t) {
    return LakeRows.longs(t.snapshot(), "id").stream().sorted().toList();
  }

  private static List<Long> logVersions(BlobContainerClient container) {
    String prefix = "lake/t/_delta_log/";
    return container.listBlobs().stream()
        .map(BlobItem::getName)
        .filter(n -> n.startsWith(prefix) && n.substring(prefix.length()).matches("\\d{20}\\.json"))
        .map(n -> Long.parseLong(n.substring(prefix.length(), prefix.length() + 20)))
        .sorted()
        .toList();
  }

  private static List<String> dataFiles(BlobContainerClient container) {
    return container.listBlobs().stream().map(BlobItem::getName).filter(n -> n.endsWith(".parquet")).toList();
  }
}
