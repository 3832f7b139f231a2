package dev.lake.engine.storage;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.BlobServiceVersion;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.lake.engine.error.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A lake in an Azure Blob Storage / ADLS Gen2 container:
 * {@code abfs[s]://CONTAINER@ACCOUNT.dfs.core.windows.net/PREFIX}.
 *
 * <p>Data files, log reads and listings go through Hadoop's ABFS (Kernel's Parquet and JSON
 * I/O); commit files through the Blob SDK's conditional upload ({@link AzureLogStore}); table
 * listing, drop and rename through the Blob SDK. Options and credentials: {@link AzureOptions}.
 *
 * <p>Opening checks that the container exists and the credentials are accepted, so a wrong key,
 * a missing container or an unreachable endpoint fails at once with a {@link StorageException}
 * naming the location, before anything is written.
 *
 * <p>Rename is not atomic (Blob Storage has no directory rename): the blobs are copied
 * server-side (data files first, the log last, so the new name becomes a table only when its
 * log is complete), then the old table is deleted (log first). A crash part-way can leave both
 * names, or stray files under the new name that are not yet a table.
 *
 * <p>Hadoop caches ABFS file systems per container and account for the whole JVM: within one
 * process, use one endpoint and one set of credentials per container.
 */
public final class AzureStorage implements Storage {
  /** The Blob REST version the SDK speaks; pinned so Azurite 3.37 (which knows up to 2026-06-06) accepts it. */
  static final BlobServiceVersion SERVICE_VERSION = BlobServiceVersion.V2026_06_06;

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration COPY_POLL = Duration.ofMillis(200);
  /** Attempts per SDK request (1 + 3 retries, exponential backoff 0.2 s .. 4 s). */
  static final int MAX_TRIES = 4;

  private final AzureLocation location;
  private final AzureOptions options;
  private final BlobContainerClient container;
  private final AzureLogStore logStore;
  private final Configuration conf;

  private AzureStorage(AzureLocation location, AzureOptions options) {
    this.location = location;
    this.options = options;
    this.container = containerClient(location, options);
    this.logStore = new AzureLogStore(location, container);
    this.conf = hadoopConf(location, options);
  }

  /**
   * Opens the Azure lake at {@code location} with {@code options} (see {@link AzureOptions}),
   * checking that the container is reachable and exists.
   *
   * @throws dev.lake.engine.error.InvalidInputException on a malformed location or options
   * @throws StorageException when the container is missing, access is denied or the endpoint
   *     cannot be reached (after bounded retries)
   */
  public static AzureStorage open(String location, Map<String, String> options) {
    AzureLocation loc = AzureLocation.parse(location);
    AzureStorage storage = new AzureStorage(loc, AzureOptions.resolve(loc, options));
    storage.checkContainer();
    return storage;
  }

  /** The parsed location. */
  public AzureLocation location() {
    return location;
  }

  /** The resolved endpoint and credentials. */
  public AzureOptions options() {
    return options;
  }

  private void checkContainer() {
    // A listing (not Get Container Properties): a container-scoped SAS may list but not read
    // the container's properties, and the lake needs to list anyway.
    try {
      ListBlobsOptions one = new ListBlobsOptions().setPrefix(dirPrefix("")).setMaxResultsPerPage(1);
      container.listBlobs(one, TIMEOUT).iterableByPage().iterator().next();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        throw new StorageException(
            "cannot open Azure lake " + location + ": container '" + location.container()
                + "' does not exist in account '" + location.account() + "' at " + options.endpoint(), e);
      }
      throw new StorageException(
          "cannot open Azure lake " + location + " at " + options.endpoint() + ": " + AzureErrors.describe(e), e);
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot open Azure lake " + location + " at " + options.endpoint() + ": " + AzureErrors.describe(e), e);
    }
  }

  @Override
  public String root() {
    return location.rootUri();
  }

  @Override
  public String tablePath(String name) {
    String root = location.rootUri();
    return root.endsWith("/") ? root + name : root + "/" + name;
  }

  @Override
  public List<String> listTables() throws IOException {
    String dir = dirPrefix("");
    List<String> names = new ArrayList<>();
    try {
      for (BlobItem item : container.listBlobsByHierarchy("/", new ListBlobsOptions().setPrefix(dir), TIMEOUT)) {
        if (Boolean.TRUE.equals(item.isPrefix())) {
          String name = item.getName().substring(dir.length(), item.getName().length() - 1);
          if (isTable(name)) {
            names.add(name);
          }
        }
      }
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot list tables in " + location, e);
    }
    names.sort(null);
    return names;
  }

  @Override
  public boolean isTable(String name) throws IOException {
    return anyBlobUnder(dirPrefix(name + "/_delta_log"));
  }

  @Override
  public boolean exists(String name) throws IOException {
    try {
      // A directory marker blob (written by ABFS or other tools) or anything under the name.
      return anyBlobUnder(dirPrefix(name)) || container.getBlobClient(location.blobName(name)).exists();
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot read " + tablePath(name), e);
    }
  }

  @Override
  public void deleteTable(String name) throws IOException {
    String dir = dirPrefix(name);
    List<String> blobs = listAll(dir);
    String log = dir + "_delta_log/";
    try {
      // The log first: once it is gone the name is no longer a table, so a crash part-way
      // leaves stray data files, never a table with missing files.
      for (String blob : blobs) {
        if (blob.startsWith(log)) {
          delete(blob);
        }
      }
      for (String blob : blobs) {
        if (!blob.startsWith(log)) {
          delete(blob);
        }
      }
      // Directory markers, if a tool left them.
      delete(dir + "_delta_log");
      delete(location.blobName(name));
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot delete table " + tablePath(name), e);
    }
  }

  @Override
  public void renameTable(String from, String to) throws IOException {
    if (exists(to)) {
      throw new FileAlreadyExistsException(tablePath(to));
    }
    String source = dirPrefix(from);
    String target = dirPrefix(to);
    String log = source + "_delta_log/";
    List<String> blobs = listAll(source);
    try {
      for (String blob : blobs) {
        if (!blob.startsWith(log)) {
          copy(blob, target + blob.substring(source.length()));
        }
      }
      // Log files in name order (versions are zero-padded): the target becomes a table with
      // version 0 and then grows, never with a gap.
      for (String blob : blobs) {
        if (blob.startsWith(log)) {
          copy(blob, target + blob.substring(source.length()));
        }
      }
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot rename table " + tablePath(from) + " to " + tablePath(to)
          + " (the copy under the new name may be incomplete)", e);
    }
    deleteTable(from);
  }

  @Override
  public LogStore logStore() {
    return logStore;
  }

  @Override
  public Configuration hadoopConf() {
    return conf;
  }

  /** The blob-name prefix of a directory under the lake root, ending in '/' (or "" at a container root). */
  private String dirPrefix(String relative) {
    String p = relative.isEmpty() ? location.prefix() : location.blobName(relative);
    return p.isEmpty() ? "" : p + "/";
  }

  private boolean anyBlobUnder(String prefix) throws IOException {
    try {
      ListBlobsOptions opts = new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(1);
      return container.listBlobs(opts, TIMEOUT).iterableByPage().iterator().next().getValue().stream().findAny().isPresent();
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot list " + prefix + " in " + location, e);
    }
  }

  private List<String> listAll(String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    try {
      for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), TIMEOUT)) {
        names.add(item.getName());
      }
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot list " + prefix + " in " + location, e);
    }
    names.sort(null);
    return names;
  }

  private void delete(String blob) {
    container.getBlobClient(blob).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, TIMEOUT, Context.NONE);
  }

  private void copy(String fromBlob, String toBlob) {
    BlobClient src = container.getBlobClient(fromBlob);
    // Server-side copy. Within one account a shared key authorises the source; with a SAS the
    // source URL must carry it.
    String url = options.sasToken() == null ? src.getBlobUrl() : src.getBlobUrl() + "?" + options.sasToken();
    container.getBlobClient(toBlob).beginCopy(url, COPY_POLL).waitForCompletion(TIMEOUT);
  }

  private static BlobContainerClient containerClient(AzureLocation location, AzureOptions options) {
    // The JDK's HTTP client instead of Netty: no native transport, a smaller driver jar.
    // Explicit timeouts, so a hung endpoint fails an attempt in bounded time (then it is retried):
    // 10 s to connect, 60 s for the answer to start and between reads or writes of the body.
    HttpClient http =
        new JdkHttpClientBuilder()
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofSeconds(60))
            .readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60))
            .build();
    // Transient failures (timeouts, 5xx, 429, connection resets) are retried with exponential
    // backoff; a permanent one (403, 404, 409) is not, and an unreachable endpoint gives up after
    // MAX_TRIES attempts (a few seconds), so opening a lake fails fast.
    RequestRetryOptions retry =
        new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_TRIES, Duration.ofSeconds(60),
            Duration.ofMillis(200), Duration.ofSeconds(4), null);
    BlobServiceClientBuilder builder =
        new BlobServiceClientBuilder()
            .endpoint(options.endpoint())
            .serviceVersion(SERVICE_VERSION)
            .httpClient(http)
            .retryOptions(retry);
    if (options.accountKey() != null) {
      builder.credential(new StorageSharedKeyCredential(options.accountName(), options.accountKey()));
    } else {
      builder.sasToken(options.sasToken());
    }
    return builder.buildClient().getBlobContainerClient(location.container());
  }

  /** Hadoop settings for ABFS over this location: credentials, endpoint, retries. */
  static Configuration hadoopConf(AzureLocation location, AzureOptions options) {
    Configuration conf = new Configuration();
    // Load Hadoop's classes from lake's own class loader (see LocalStorage).
    conf.setClassLoader(AzureStorage.class.getClassLoader());
    // Registered explicitly: a merged or filtered META-INF/services (a fat jar) may lack them.
    conf.set("fs.abfs.impl", "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem");
    conf.set("fs.abfss.impl", "org.apache.hadoop.fs.azurebfs.SecureAzureBlobFileSystem");
    conf.set("fs.AbstractFileSystem.abfs.impl", "org.apache.hadoop.fs.azurebfs.Abfs");
    conf.set("fs.AbstractFileSystem.abfss.impl", "org.apache.hadoop.fs.azurebfs.Abfss");
    // The local file system for Kernel's temporary files, without .crc side files.
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");

    String host = location.host();
    if (options.accountKey() != null) {
      conf.set("fs.azure.account.auth.type." + host, "SharedKey");
      conf.set("fs.azure.account.key." + host, options.accountKey());
    } else {
      conf.set("fs.azure.account.auth.type." + host, "SAS");
      conf.set("fs.azure.sas.fixed.token." + host, options.sasToken());
    }
    conf.setBoolean("fs.azure.always.use.https", options.isHttps());
    if (options.emulatorStyle()) {
      // An emulator (Azurite) speaks the Blob API only: ABFS in Blob mode, at HOST:PORT with the
      // account as the first path segment, and no namespace probe.
      conf.set("fs.azure.abfs.endpoint", options.hostAndPort());
      conf.setBoolean("fs.azure.account.hns.enabled", false);
      conf.set("fs.azure.fns.account.service.type", "BLOB");
    }
    // ABFS defaults to 30 retries with up to 30 s between them: minutes before an unreachable
    // endpoint is reported. Transient errors still get a few attempts with backoff.
    conf.setInt("fs.azure.io.retry.max.retries", 5);
    conf.setInt("fs.azure.io.retry.min.backoff.interval", 200);
    conf.setInt("fs.azure.io.retry.backoff.interval", 500);
    conf.setInt("fs.azure.io.retry.max.backoff.interval", 4000);
    // ABFS's own timeouts, explicit: 2 s to connect (its default), 30 s for an answer.
    conf.setInt("fs.azure.http.connection.timeout", 2000);
    conf.setInt("fs.azure.http.read.timeout", 30000);
    return conf;
  }
}
