package dev.lake.it.storage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.S3Backend.S3Endpoint;
import dev.lake.it.storage.StorageBackends;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.faults.Fault;
import dev.lake.it.support.faults.FaultProxy;
import dev.lake.it.support.faults.FaultRule;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link StorageFaultScenarios} on S3 (S3Proxy or MinIO), plus S3's own: multipart uploads of
 * a large data file. Commit files go through the AWS SDK (5 attempts), data files through S3A
 * (throttle retries on top of the SDK's attempts).
 *
 * <p>The lakes live in a bucket of their own ({@value #BUCKET}): S3A keeps one client per
 * bucket and process, and these lakes reach the bucket through the proxy's endpoint.
 */
@ExtendWith(StorageBackends.class)
class S3FaultsIT extends StorageFaultScenarios {
  static final String BUCKET = "lake-faults";
  private static final AtomicInteger LAKES = new AtomicInteger();

  private S3Endpoint s3;

  @BeforeAll
  void startProxy(S3Endpoint endpoint) throws Exception {
    s3 = endpoint;
    if (!s3.client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
      s3.client().createBucket(b -> b.bucket(BUCKET));
    }
    proxy = FaultProxy.start(s3.endpoint());
  }

  @Test
  void failingMultipartUploadPartsAreRetried() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT, pad STRING")));
      // About 12 MB of incompressible text: more than one 8 MiB part, so S3A uploads in parts.
      Random random = new Random(42);
      List<Object[]> big = new ArrayList<>();
      for (long i = 0; i < 40_000; i++) {
        byte[] pad = new byte[225];
        random.nextBytes(pad);
        big.add(new Object[] {i, Base64.getEncoder().encodeToString(pad)});
      }
      FaultRule initiate = proxy.add("POST", dataFile(), Fault.s3InternalError(), 1, "uploads");
      FaultRule part = proxy.add("PUT", dataFile(), Fault.s3SlowDown(), 2, "partNumber=");
      FaultRule complete = proxy.add("POST", dataFile(), Fault.s3InternalError(), 1, "uploadId=");

      t.insert(big);

      assertThat(initiate.hits()).as("initiate failures").isEqualTo(1);
      assertThat(part.hits()).as("part failures").isEqualTo(2);
      assertThat(complete.hits()).as("complete failures").isEqualTo(1);
      assertThat(proxy.count("PUT", dataFile(), "partNumber=2")).as("a second part was uploaded").isPositive();
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(LakeRows.longs(t.snapshot(), "id")).hasSize(40_000).doesNotHaveDuplicates();
    }
  }

  S3FaultsIT() {
    super(new Facts(
        Fault.s3SlowDown(),
        Fault.s3InternalError(),
        Fault.s3Error(403, "Forbidden", "AccessDenied", "Access Denied"),
        5, // the SDK's attempts (S3Clients.SDK_ATTEMPTS)
        Fault.s3SlowDown(),
        12, // S3A: 1 + 3 throttle retries, each of 3 SDK attempts (S3Clients)
        "access denied"));
  }

  // --- S3, as the scenarios see it ---

  @Override
  protected String newLocation() {
    return "s3://" + BUCKET + "/faults-" + LAKES.incrementAndGet() + "-" + System.nanoTime();
  }

  @Override
  protected Map<String, String> viaProxy() {
    Map<String, String> o = new LinkedHashMap<>(s3.options());
    o.put("endpoint", proxy.endpoint().toString());
    return o;
  }

  @Override
  protected Map<String, String> withWrongCredentials() {
    Map<String, String> o = viaProxy();
    o.put("secret_key", "not-the-secret");
    return o;
  }

  @Override
  protected String missingContainerLocation() {
    return "s3://no-such-bucket-faults/x";
  }

  /** Opening a lake checks its bucket with one HeadBucket. */
  @Override
  protected int containerChecks(String location) {
    String bucket = location.substring("s3://".length()).split("/", 2)[0];
    return proxy.count("HEAD", "/" + bucket + "/?");
  }

  @Override
  protected List<String> objects(Lake lake, String folder) {
    String root = keyOf(lake.location()) + "/";
    return s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(root + folder)).contents().stream()
        .map(S3Object::key)
        .map(k -> k.substring(root.length()))
        .toList();
  }

  @Override
  protected String tableRequests() {
    return "/" + BUCKET + "/.*/t/";
  }

  @Override
  protected FaultRule failLogListings(Fault fault, int times) {
    return proxy.add("GET", "/" + BUCKET + "/?", fault, times, "list-type=2", "/t/_delta_log/");
  }

  /** S3A writes a small data file with one PUT: it meets two 500s and a SlowDown. */
  @Override
  protected List<FaultRule> failDataFileWrites() {
    FaultRule broken = proxy.add("PUT", dataFile(), Fault.s3InternalError(), 2);
    FaultRule slow = proxy.add("PUT", dataFile(), Fault.s3SlowDown(), 1);
    return List.of(broken, slow);
  }

  /** The commit error names the object as {@code bucket/key}. */
  @Override
  protected String[] logNamedIn(String location) {
    return new String[] {location.substring("s3://".length()) + "/t/_delta_log/"};
  }

  /** S3A names the object by its key (the table's prefix inside the bucket), with the status. */
  @Override
  protected String[] dataFileFailureMessage(String location) {
    return new String[] {keyOf(location) + "/t/", "503"};
  }

  /** The key prefix of a location in {@value #BUCKET}. */
  private static String keyOf(String location) {
    return location.substring(("s3://" + BUCKET + "/").length());
  }
}
