package dev.lake.it.storage.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.S3Backend.S3Endpoint;
import dev.lake.it.storage.StorageBackends;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.faults.Fault;
import dev.lake.it.support.faults.FaultProxy;
import dev.lake.it.support.faults.FaultRule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries on S3, proven with a {@link FaultProxy} between lake and the S3 emulator: throttling
 * and 5xx on commit PUTs, data-file PUTs, Parquet GETs and log listings are retried and the
 * table ends exactly right; a lost commit response is recognised as lake's own commit; a
 * version won by another writer meanwhile is never claimed; faults that never stop and
 * permanent errors (403, 404) fail with a storage error naming the location, after a bounded
 * number of attempts (counted by the proxy), and commit nothing.
 *
 * <p>The lakes live in a bucket of their own ({@value #BUCKET}): S3A keeps one client per
 * bucket and process, and these lakes reach the bucket through the proxy's endpoint.
 */
@ExtendWith(StorageBackends.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class S3FaultsIT {
  static final String BUCKET = "lake-faults";
  private static final String V1 = "/" + BUCKET + "/.*/t/_delta_log/0+1\\.json";
  private static final String PARQUET = "/" + BUCKET + "/.*/t/.*\\.parquet";
  private static final AtomicInteger LAKES = new AtomicInteger();

  private static FaultProxy proxy;
  private static S3Endpoint s3;

  @BeforeAll
  static void startProxy(S3Endpoint endpoint) throws Exception {
    s3 = endpoint;
    if (!s3.client().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
      s3.client().createBucket(b -> b.bucket(BUCKET));
    }
    proxy = FaultProxy.start(s3.endpoint());
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
  void throttledCommitPutIsRetriedAndCommitsOnce() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = createTable(lake);
      FaultRule slow = proxy.add("PUT", V1, Fault.s3SlowDown(), 2);

      t.insert(rows(1, 2, 3));

      assertThat(slow.hits()).isEqualTo(2);
      assertThat(proxy.count("PUT", V1)).as("attempts").isEqualTo(3);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L, 2L, 3L);
      assertThat(logVersions(lake)).containsExactly(0L, 1L);
    }
  }

  @Test
  void failingDataFilePutsAreRetried() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = createTable(lake);
      FaultRule broken = proxy.add("PUT", PARQUET, Fault.s3InternalError(), 2);
      FaultRule slow = proxy.add("PUT", PARQUET, Fault.s3SlowDown(), 1);

      t.insert(rows(1, 2));

      assertThat(broken.hits()).isEqualTo(2);
      assertThat(slow.hits()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L, 2L);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(dataFiles(lake)).as("one data file, no leftovers of failed attempts").hasSize(1);
    }
  }

  @Test
  void failingMultipartUploadPartsAreRetried() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT, pad STRING")));
      // About 12 MB of incompressible text: more than one 8 MiB part, so S3A uploads in parts.
      java.util.Random random = new java.util.Random(42);
      List<Object[]> big = new java.util.ArrayList<>();
      for (long i = 0; i < 40_000; i++) {
        byte[] pad = new byte[225];
        random.nextBytes(pad);
        big.add(new Object[] {i, java.util.Base64.getEncoder().encodeToString(pad)});
      }
      FaultRule initiate = proxy.add("POST", PARQUET, Fault.s3InternalError(), 1, "uploads");
      FaultRule part = proxy.add("PUT", PARQUET, Fault.s3SlowDown(), 2, "partNumber=");
      FaultRule complete = proxy.add("POST", PARQUET, Fault.s3InternalError(), 1, "uploadId=");

      t.insert(big);

      assertThat(initiate.hits()).as("initiate failures").isEqualTo(1);
      assertThat(part.hits()).as("part failures").isEqualTo(2);
      assertThat(complete.hits()).as("complete failures").isEqualTo(1);
      assertThat(proxy.count("PUT", PARQUET, "partNumber=2")).as("a second part was uploaded").isPositive();
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(LakeRows.longs(t.snapshot(), "id")).hasSize(40_000).doesNotHaveDuplicates();
    }
  }

  @Test
  void failingReadsAndListingsAreRetried() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      createTable(lake).insert(rows(1, 2, 3));
    }
    FaultRule list = proxy.add("GET", "/" + BUCKET + "/?", Fault.s3InternalError(), 2, "list-type=2", "/t/_delta_log/");
    FaultRule get = proxy.add("GET", PARQUET, Fault.s3SlowDown(), 2);
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
  void lostCommitResponseIsRecognisedAsOwnCommit() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = createTable(lake);
      FaultRule lost = proxy.add("PUT", V1, new Fault.ForwardThenRespond(Fault.s3InternalError()), 1);

      t.insert(rows(7, 8));

      assertThat(lost.hits()).isEqualTo(1);
      assertThat(proxy.count("PUT", V1)).as("the stored PUT and the retry that met 412").isEqualTo(2);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(7L, 8L);
      assertThat(logVersions(lake)).containsExactly(0L, 1L);
    }
  }

  @Test
  void versionWonByAnotherWriterMeanwhileIsNotClaimed() {
    String location = newLocation();
    try (Lake a = Lake.open(location, viaProxy()); Lake b = Lake.open(location, viaProxy())) {
      Table ta = createTable(a);
      Table tb = b.table("t");
      // A's first PUT of version 1 is "in flight" while B commits version 1; then A's attempt
      // fails with 503, the SDK retries, meets 412, and the read-back shows B's commit.
      FaultRule raced = proxy.add("PUT", V1, Fault.s3SlowDown(), 1).beforeFirst(() -> tb.insert(rows(100)));

      ta.insert(rows(1, 2));

      assertThat(raced.hits()).isEqualTo(1);
      assertThat(ta.latestVersion()).isEqualTo(2);
      assertThat(ids(ta)).containsExactly(1L, 2L, 100L);
      assertThat(logVersions(a)).containsExactly(0L, 1L, 2L);
      assertThat(ta.snapshotAt(1).version()).isEqualTo(1);
      assertThat(LakeRows.longs(ta.snapshotAt(1), "id")).containsExactly(100L);
    }
  }

  @Test
  void readModifyWriteReplansWhenAnotherWriterWonTheVersion() {
    String location = newLocation();
    try (Lake a = Lake.open(location, viaProxy()); Lake b = Lake.open(location, viaProxy())) {
      Table ta = createTable(a);
      ta.insert(rows(1, 2, 3));
      Table tb = b.table("t");
      String v2 = "/" + BUCKET + "/.*/t/_delta_log/0+2\\.json";
      proxy.add("PUT", v2, Fault.s3SlowDown(), 1).beforeFirst(() -> tb.insert(rows(4)));

      ta.delete(Predicate.eq("id", 2L));

      assertThat(ids(ta)).containsExactly(1L, 3L, 4L);
      assertThat(logVersions(a)).containsExactly(0L, 1L, 2L, 3L);
    }
  }

  @Test
  void neverEndingThrottlingOnTheCommitFailsBoundedAndCommitsNothing() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = createTable(lake);
      t.insert(rows(1));
      String v2 = "/" + BUCKET + "/.*/t/_delta_log/0+2\\.json";
      proxy.add("PUT", v2, Fault.s3SlowDown(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(2)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(location.substring("s3://".length()) + "/t/_delta_log/")
          .hasMessageContaining("503");
      System.out.println("commit PUT attempts under never-ending throttling: " + proxy.count("PUT", v2));
      // The SDK's 5 attempts (S3Clients.SDK_ATTEMPTS), and no more: Kernel does not retry them.
      assertThat(proxy.count("PUT", v2)).as("attempts").isEqualTo(5);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L);
      assertThat(logVersions(lake)).containsExactly(0L, 1L);
      assertThat(dataFiles(lake)).as("the failed insert's data file is removed").hasSize(1);
    }
  }

  @Test
  void neverEndingErrorsOnDataFilesFailBoundedAndCommitNothing() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", PARQUET, Fault.s3SlowDown(), FaultRule.FOREVER);

      // S3A names the object by its key (the table's prefix inside the bucket).
      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(location.substring(("s3://" + BUCKET + "/").length()) + "/t/")
          .hasMessageContaining("503");
      System.out.println("data-file PUT attempts under never-ending throttling: " + proxy.count("PUT", PARQUET));
      // S3A: 1 + 3 throttle retries, each of 3 SDK attempts (S3Clients).
      assertThat(proxy.count("PUT", PARQUET)).as("attempts").isEqualTo(12);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
      assertThat(ids(t)).isEmpty();
    }
  }

  @Test
  void accessDeniedOnTheCommitIsNotRetried() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", V1, Fault.s3Error(403, "Forbidden", "AccessDenied", "Access Denied"), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(location.substring("s3://".length()) + "/t/_delta_log/")
          .hasMessageContaining("403");
      assertThat(proxy.count("PUT", V1)).as("attempts").isEqualTo(1);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
    }
  }

  @Test
  void wrongCredentialsAndMissingBucketAreNotRetried() {
    String location = newLocation();
    Map<String, String> wrong = viaProxy();
    wrong.put("secret_key", "not-the-secret");
    assertThatThrownBy(() -> Lake.open(location, wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("access denied");
    assertThat(proxy.count("HEAD", "/" + BUCKET + "/?")).as("HeadBucket attempts").isEqualTo(1);

    assertThatThrownBy(() -> Lake.open("s3://no-such-bucket-faults/x", viaProxy()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("s3://no-such-bucket-faults/x")
        .hasMessageContaining("does not exist");
    assertThat(proxy.count("HEAD", "/no-such-bucket-faults/?")).as("HeadBucket attempts").isEqualTo(1);
  }

  @Test
  void jdbcRetriesThrottlingAndReportsNeverEndingFailuresAsStorageErrors() throws SQLException {
    String location = newLocation();
    StringBuilder url = new StringBuilder("jdbc:lake:").append(location).append('?');
    viaProxy().forEach((k, v) -> url.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
    try (Connection c = DriverManager.getConnection(url.toString()); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id BIGINT)");
      FaultRule slow = proxy.add("PUT", V1, Fault.s3SlowDown(), 2);
      assertThat(st.executeUpdate("INSERT INTO t VALUES (1), (2)")).isEqualTo(2);
      assertThat(slow.hits()).isEqualTo(2);

      String v2 = "/" + BUCKET + "/.*/t/_delta_log/0+2\\.json";
      proxy.add("PUT", v2, Fault.s3InternalError(), FaultRule.FOREVER);
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t VALUES (3)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
          .hasMessageContaining(location.substring("s3://".length()) + "/t/_delta_log/");
      proxy.reset();
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(id) FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
        assertThat(rs.getLong(2)).isEqualTo(3);
      }
    }
  }

  // --- helpers ---

  private static String newLocation() {
    return "s3://" + BUCKET + "/faults-" + LAKES.incrementAndGet() + "-" + System.nanoTime();
  }

  private static Map<String, String> viaProxy() {
    Map<String, String> o = new LinkedHashMap<>(s3.options());
    o.put("endpoint", proxy.endpoint().toString());
    return o;
  }

  private static Table createTable(Lake lake) {
    return lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT")));
  }

  private static List<Object[]> rows(long... ids) {
    return java.util.Arrays.stream(ids).mapToObj(i -> new Object[] {i}).toList();
  }

  private static List<Long> ids(Table t) {
    return LakeRows.longs(t.snapshot(), "id").stream().sorted().toList();
  }

  /** The versions of the commit files under the table's log, straight from the emulator. */
  private static List<Long> logVersions(Lake lake) {
    String prefix = lake.location().substring(("s3://" + BUCKET + "/").length()) + "/t/_delta_log/";
    return keys(prefix).stream()
        .map(k -> k.substring(prefix.length()))
        .filter(n -> n.matches("\\d{20}\\.json"))
        .map(n -> Long.parseLong(n.substring(0, 20)))
        .sorted()
        .toList();
  }

  private static List<String> dataFiles(Lake lake) {
    String prefix = lake.location().substring(("s3://" + BUCKET + "/").length()) + "/t/";
    return keys(prefix).stream().filter(k -> k.endsWith(".parquet")).toList();
  }

  private static List<String> keys(String prefix) {
    return s3.client().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(software.amazon.awssdk.services.s3.model.S3Object::key)
        .toList();
  }
}
