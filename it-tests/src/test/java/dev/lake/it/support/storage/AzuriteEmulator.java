package dev.lake.it.support.storage;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.BlobServiceVersion;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.azure.AzuriteContainer;

/**
 * An Azure Blob Storage emulator (Azurite) for the suites: a Testcontainers Azurite where Docker
 * is available, else a local {@code azurite-blob} process from the npm package pinned in
 * {@code it-tests/azurite/package.json} (installed into {@code it-tests/azurite/node_modules} by
 * {@code ./run-tests}, or by Maven's {@code azurite-install} profile). Either way it listens on
 * 127.0.0.1 on a free port, with Azurite's well-known development account.
 *
 * <p>Use one per test run: {@link #shared(ExtensionContext)} starts it once and stops it when the
 * JUnit root store closes (or use {@link AzuriteExtension}). Each test takes a fresh container
 * with {@link #newLocation()}, and passes {@link #options()} to {@code Lake.open}.
 *
 * <p>As a storage backend of a parameterised suite it is one object: the backend's start is
 * {@link #shared(ExtensionContext)}, a fresh lake is {@link #newLocation()}, its options are
 * {@link #options()} (JDBC: the same as URL-encoded {@code ?k=v} pairs), and worker processes get
 * {@code AZURE_STORAGE_CONNECTION_STRING=}{@link #connectionString()} in their environment.
 */
public final class AzuriteEmulator implements AutoCloseable, ExtensionContext.Store.CloseableResource {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  /** The Blob REST version lake pins (AzureStorage); Azurite 3.37 knows versions up to this one. */
  public static final BlobServiceVersion SERVICE_VERSION = BlobServiceVersion.V2026_06_06;

  private static final Pattern LISTENING = Pattern.compile("successfully listens on http://127\\.0\\.0\\.1:(\\d+)");
  private static final AtomicInteger CONTAINERS = new AtomicInteger();

  private final String endpoint;
  private final Runnable stop;
  private final BlobServiceClient client;

  private AzuriteEmulator(String endpoint, Runnable stop) {
    this.endpoint = endpoint;
    this.stop = stop;
    this.client =
        new BlobServiceClientBuilder()
            .endpoint(endpoint)
            .serviceVersion(SERVICE_VERSION)
            .httpClient(new JdkHttpClientBuilder().build())
            .credential(new StorageSharedKeyCredential(ACCOUNT, KEY))
            .buildClient();
  }

  /** The emulator shared by the whole test run, started on first use and stopped at the end. */
  public static AzuriteEmulator shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(AzuriteEmulator.class))
        .getOrComputeIfAbsent("azurite", k -> start(), AzuriteEmulator.class);
  }

  /** Starts an emulator: a container when Docker is available, else a local process. */
  public static AzuriteEmulator start() {
    return dockerAvailable() ? startContainer() : startProcess();
  }

  private static boolean dockerAvailable() {
    // Without any sign of Docker, do not ask Testcontainers: it would log an ERROR with the
    // strategies it tried, which reads like a test failure.
    Path home = Path.of(System.getProperty("user.home"));
    boolean hint =
        System.getenv("DOCKER_HOST") != null
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(home.resolve(".docker/run/docker.sock"))
            || Files.exists(home.resolve(".testcontainers.properties"));
    if (!hint) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** The Blob endpoint, {@code http://127.0.0.1:PORT/devstoreaccount1}. */
  public String endpoint() {
    return endpoint;
  }

  /** Lake options for this emulator: {@code endpoint}, {@code account_name}, {@code account_key}. */
  public Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("endpoint", endpoint);
    o.put("account_name", ACCOUNT);
    o.put("account_key", KEY);
    return o;
  }

  /** A connection string for this emulator (for {@code connection_string} or the environment). */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + endpoint + ";";
  }

  /** An SDK client on the emulator, for tests that look at blobs directly. */
  public BlobServiceClient client() {
    return client;
  }

  /** Creates a fresh, empty container and returns its client. */
  public BlobContainerClient newContainer() {
    String name = ("lake-" + CONTAINERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    return client.createBlobContainer(name);
  }

  /** A lake location in a fresh, empty container: {@code abfs://CONTAINER@devstoreaccount1.dfs.core.windows.net/lake}. */
  public String newLocation() {
    return location(newContainer().getBlobContainerName(), "lake");
  }

  /** The lake location of {@code prefix} in {@code container} (which need not exist). */
  public static String location(String container, String prefix) {
    return "abfs://" + container + "@" + ACCOUNT + ".dfs.core.windows.net/" + prefix;
  }

  @Override
  public void close() {
    stop.run();
  }

  private static AzuriteEmulator startContainer() {
    AzuriteContainer container = new LooseAzurite("mcr.microsoft.com/azure-storage/azurite:" + pinnedVersion());
    container.start();
    String endpoint = "http://" + container.getHost() + ":" + container.getMappedPort(10000) + "/" + ACCOUNT;
    return new AzuriteEmulator(endpoint, container::stop);
  }

  /** Testcontainers' Azurite with {@code --loose} (ABFS sends headers strict mode refuses). */
  private static final class LooseAzurite extends AzuriteContainer {
    LooseAzurite(String image) {
      super(image);
    }

    @Override
    protected void configure() {
      super.configure();
      withCommand("azurite --blobHost 0.0.0.0 --queueHost 0.0.0.0 --tableHost 0.0.0.0 --loose --disableTelemetry");
    }
  }

  private static AzuriteEmulator startProcess() {
    Path bin = installDir().resolve("node_modules/.bin/azurite-blob");
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException(
          "Azurite is not installed at " + bin + ": run ./run-tests, or `npm ci --prefix "
              + installDir() + "` (Node.js 18+), or run Maven with Docker available");
    }
    Path data;
    try {
      data = Files.createTempDirectory("azurite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd =
        List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", data.toString(),
            "--disableTelemetry", "--loose");
    Process process;
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                // The process ended.
              }
              port.completeExceptionally(new IllegalStateException("azurite-blob exited before listening"));
            },
            "azurite-output");
    pump.setDaemon(true);
    pump.start();
    Runnable stop = () -> stopProcess(process, data);
    // If the test JVM is stopped (SIGTERM, Ctrl-C) before the root store closes, Azurite goes too.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "azurite-stop"));
    try {
      int p = port.get(2, TimeUnit.MINUTES);
      return new AzuriteEmulator("http://127.0.0.1:" + p + "/" + ACCOUNT, stop);
    } catch (Exception e) {
      stop.run();
      synchronized (output) {
        throw new IllegalStateException("Azurite did not start: " + e.getMessage() + "\n" + String.join("\n", output), e);
      }
    }
  }

  private static void stopProcess(Process process, Path data) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }

  /** Where package.json and node_modules live: {@code lake.it.azuriteDir}, else {@code ./azurite}. */
  static Path installDir() {
    return Path.of(System.getProperty("lake.it.azuriteDir", "azurite")).toAbsolutePath();
  }

  /** The Azurite version pinned in package.json, so the container and the npm package agree. */
  static String pinnedVersion() {
    try {
      String json = Files.readString(installDir().resolve("package.json"));
      Matcher m = Pattern.compile("\"azurite\"\\s*:\\s*\"([0-9.]+)\"").matcher(json);
      if (m.find()) {
        return m.group(1);
      }
    } catch (IOException e) {
      // Fall through to the version this class was written for.
    }
    return "3.37.0";
  }
}
