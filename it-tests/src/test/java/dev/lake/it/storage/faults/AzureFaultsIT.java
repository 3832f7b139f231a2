package dev.lake.it.storage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.lake.engine.Lake;
import dev.lake.it.support.faults.Fault;
import dev.lake.it.support.faults.FaultProxy;
import dev.lake.it.support.faults.FaultRule;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link StorageFaultScenarios} on Azure Blob Storage (Azurite), plus Azure's own: a read
 * that hangs past ABFS's timeout. Commit files go through the Blob SDK (4 tries), data files
 * through ABFS in Blob mode (create, append, flush; 1 + 5 tries each). Every lake gets a fresh
 * container.
 */
@ExtendWith(AzuriteExtension.class)
class AzureFaultsIT extends StorageFaultScenarios {
  private static final String ACCOUNT = "/" + AzuriteEmulator.ACCOUNT + "/";

  private AzuriteEmulator azurite;

  @BeforeAll
  void startProxy(AzuriteEmulator emulator) throws Exception {
    azurite = emulator;
    proxy = FaultProxy.start(URI.create(azurite.endpoint()));
  }

  @Test
  void aReadThatHangsPastTheTimeoutIsRetried() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      createTable(lake).insert(rows(5, 6));
    }
    // Longer than ABFS's 30 s read timeout (AzureStorage.hadoopConf): the attempt times out and
    // the read is retried on a new connection. The one timeout costs 30 s of the suite.
    FaultRule hang = proxy.add("GET", dataFile(), new Fault.Delay(Duration.ofSeconds(45)), 1);
    try (Lake lake = Lake.open(location, viaProxy())) {
      assertThat(ids(lake.table("t"))).containsExactly(5L, 6L);
    }
    assertThat(hang.hits()).isEqualTo(1);
    assertThat(proxy.count("GET", dataFile())).as("the hung read and its retry").isGreaterThanOrEqualTo(2);
  }

  AzureFaultsIT() {
    super(new Facts(
        Fault.azureServerBusy(),
        Fault.azureInternalError(),
        Fault.azureError(403, "Forbidden", "AuthorizationFailure", "This request is not authorized."),
        4, // the Blob SDK's tries (AzureStorage.MAX_TRIES)
        Fault.azureInternalError(),
        6, // ABFS: 1 + 5 retries (AzureStorage.hadoopConf) per operation
        "403"));
  }

  // --- Azure, as the scenarios see it ---

  /** {@code abfs://CONTAINER@devstoreaccount1.dfs.core.windows.net/lake} in a fresh container. */
  @Override
  protected String newLocation() {
    return azurite.newLocation();
  }

  @Override
  protected Map<String, String> viaProxy() {
    Map<String, String> o = new LinkedHashMap<>(azurite.options());
    o.put("endpoint", proxy.endpoint() + "/" + AzuriteEmulator.ACCOUNT);
    return o;
  }

  @Override
  protected Map<String, String> withWrongCredentials() {
    Map<String, String> o = viaProxy();
    o.put("account_key", Base64.getEncoder().encodeToString(new byte[64]));
    return o;
  }

  @Override
  protected String missingContainerLocation() {
    return AzuriteEmulator.location("no-such-container-" + System.nanoTime(), "lake");
  }

  /** Opening a lake checks its container with one List Blobs. */
  @Override
  protected int containerChecks(String location) {
    return proxy.count("GET", ACCOUNT + containerOf(location) + "/?", "comp=list");
  }

  @Override
  protected List<String> objects(Lake lake, String folder) {
    String root = URI.create(lake.location()).getPath().substring(1) + "/";
    return azurite.client().getBlobContainerClient(containerOf(lake.location()))
        .listBlobs(new ListBlobsOptions().setPrefix(root + folder), null).stream()
        .map(BlobItem::getName)
        .map(n -> n.substring(root.length()))
        .toList();
  }

  @Override
  protected String tableRequests() {
    return ACCOUNT + ".*/lake/t/";
  }

  @Override
  protected FaultRule failLogListings(Fault fault, int times) {
    return proxy.add("GET", ACCOUNT + "[^/]+/?", fault, times, "comp=list", "lake/t/_delta_log");
  }

  /** ABFS in Blob mode: create (Put Blob), append (Put Block), flush (Put Block List). */
  @Override
  protected List<FaultRule> failDataFileWrites() {
    FaultRule create = proxy.add("PUT", dataFile(), Fault.azureInternalError(), 1);
    FaultRule append = proxy.add("PUT", dataFile(), Fault.azureServerBusy(), 2, "comp=block");
    FaultRule flush = proxy.add("PUT", dataFile(), Fault.azureInternalError(), 1, "comp=blocklist");
    return List.of(create, append, flush);
  }

  @Override
  protected String[] logNamedIn(String location) {
    return new String[] {containerOf(location) + "@", "/lake/t/_delta_log/"};
  }

  @Override
  protected String[] dataFileFailureMessage(String location) {
    return new String[] {containerOf(location), "/lake/t/"};
  }

  /** The container of an {@code abfs://CONTAINER@ACCOUNT...} location. */
  private static String containerOf(String location) {
    return location.substring("abfs://".length(), location.indexOf('@'));
  }
}
