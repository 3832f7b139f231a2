package dev.lake.it.storage.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.StorageEndpoint;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.faults.Fault;
import dev.lake.it.support.faults.FaultProxy;
import dev.lake.it.support.faults.FaultRule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The retry scenarios every object store backend must pass, run with a {@link FaultProxy} between
 * lake and the backend's emulator: throttling and 5xx on commit writes, data-file writes, Parquet
 * reads and log listings are retried and the table ends exactly right; a lost commit response is
 * recognised as lake's own commit; a version won by another writer meanwhile is never claimed;
 * faults that never stop and permanent errors (403, 404) fail with a storage error naming the
 * location after an exact number of attempts (counted by the proxy), and commit nothing; JDBC
 * reports such failures with SQLState {@code 08006}.
 *
 * <p>A subclass describes one backend: where a fresh lake goes and how lake reaches it through
 * the proxy, its request paths and fault answers, and the attempt budgets its clients have. It
 * starts {@link #proxy} in its own {@code @BeforeAll} (its emulator is a parameter there) and
 * keeps the scenarios that only its backend has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
abstract class StorageFaultScenarios {
  /** Started by the subclass before the tests, closed after them. */
  protected FaultProxy proxy;

  private final Facts facts;

  /**
   * The plain facts of a backend: its answers to throttle, fail and refuse a request, how many
   * times its client writes a commit file before it gives up, which fault the data-file writes
   * meet forever in {@link #neverEndingErrorsOnDataFilesFailBoundedAndCommitNothing} and after how
   * many attempts lake gives up then, and how lake's error words a refusal of
   * {@link #withWrongCredentials()}.
   */
  protected record Facts(
      Fault.Respond throttling,
      Fault.Respond internalError,
      Fault.Respond accessDenied,
      int commitAttempts,
      Fault neverEndingDataFileFault,
      int dataFileAttempts,
      String deniedWording) {}

  protected StorageFaultScenarios(Facts facts) {
    this.facts = facts;
  }

  // --- the backend, as a subclass describes it ---

  /** A location for a new lake no other test uses. */
  protected abstract String newLocation();

  /** The backend's options with its endpoint replaced by the proxy's. */
  protected abstract Map<String, String> viaProxy();

  /** {@link #viaProxy()} with credentials the backend rejects. */
  protected abstract Map<String, String> withWrongCredentials();

  /** A location in a bucket or container that does not exist. */
  protected abstract String missingContainerLocation();

  /** How many requests opening a lake at {@code location} made to check its bucket or container. */
  protected abstract int containerChecks(String location);

  /** The names of the objects under {@code folder} of the lake (relative to the lake), straight from the emulator. */
  protected abstract List<String> objects(Lake lake, String folder);

  /** A regex of the request paths of table {@code t}'s objects, up to and including {@code t/}. */
  protected abstract String tableRequests();

  /** Fails the next {@code times} listings of table {@code t}'s log with {@code fault}. */
  protected abstract FaultRule failLogListings(Fault fault, int times);

  /**
   * Fails the writes of one data file a few times each, in every request the backend's writer
   * makes; every rule returned must be met exactly {@link FaultRule#times()} times.
   */
  protected abstract List<FaultRule> failDataFileWrites();

  /** What lake's error about table {@code t}'s log in the lake at {@code location} must contain. */
  protected abstract String[] logNamedIn(String location);

  /**
   * What lake's error must contain when the data-file writes of table {@code t} in the lake at
   * {@code location} meet {@link Facts#neverEndingDataFileFault} forever.
   */
  protected abstract String[] dataFileFailureMessage(String location);

  @AfterEach
  void clearScript() {
    proxy.reset();
  }

  @AfterAll
  void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  // --- the scenarios ---

  @Test
  void throttledCommitIsRetriedAndCommitsOnce() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = createTable(lake);
      FaultRule slow = proxy.add("PUT", commitFile(1), facts.throttling(), 2);

      t.insert(rows(1, 2, 3));

      assertThat(slow.hits()).isEqualTo(2);
      assertThat(proxy.count("PUT", commitFile(1))).as("attempts").isEqualTo(3);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(ids(t)).containsExactly(1L, 2L, 3L);
      assertThat(logVersions(lake)).containsExactly(0L, 1L);
    }
  }

  @Test
  void failingDataFileWritesAreRetried() {
    try (Lake lake = Lake.open(newLocation(), viaProxy())) {
      Table t = createTable(lake);
      List<FaultRule> rules = failDataFileWrites();

      t.insert(rows(1, 2));

      for (FaultRule rule : rules) {
        assertThat(rule.hits()).as(rule.toString()).isEqualTo(rule.times());
      }
      assertThat(ids(t)).containsExactly(1L, 2L);
      assertThat(t.latestVersion()).isEqualTo(1);
      assertThat(dataFiles(lake)).as("one data file, no leftovers of failed attempts").hasSize(1);
    }
  }

  @Test
  void failingReadsAndListingsAreRetried() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      createTable(lake).insert(rows(1, 2, 3));
    }
    FaultRule list = failLogListings(facts.internalError(), 2);
    FaultRule get = proxy.add("GET", dataFile(), facts.throttling(), 2);
    FaultRule cut = proxy.add("GET", dataFile(), new Fault.CloseMidResponse(), 1);
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
      FaultRule lost = proxy.add("PUT", commitFile(1), new Fault.ForwardThenRespond(facts.internalError()), 1);

      t.insert(rows(7, 8));

      assertThat(lost.hits()).isEqualTo(1);
      assertThat(proxy.count("PUT", commitFile(1)))
          .as("the stored write and the retry that met the store's conflict answer (S3 412, Azure 409)")
          .isEqualTo(2);
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
      // A's first write of version 1 is "in flight" while B commits version 1; then A's attempt
      // fails with 503, the SDK retries, meets the conflict answer, and the read-back shows B's commit.
      FaultRule raced = proxy.add("PUT", commitFile(1), facts.throttling(), 1).beforeFirst(() -> tb.insert(rows(100)));

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
      proxy.add("PUT", commitFile(2), facts.throttling(), 1).beforeFirst(() -> tb.insert(rows(4)));

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
      proxy.add("PUT", commitFile(2), facts.throttling(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(2)))
          .isInstanceOf(StorageException.class)
          .hasMessageContainingAll(logNamedIn(location))
          .hasMessageContaining("503");
      System.out.println("commit write attempts under never-ending throttling: " + proxy.count("PUT", commitFile(2)));
      // The client's own attempts, and no more: Kernel does not retry them.
      assertThat(proxy.count("PUT", commitFile(2))).as("attempts").isEqualTo(facts.commitAttempts());
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
      proxy.add("PUT", dataFile(), facts.neverEndingDataFileFault(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContainingAll(dataFileFailureMessage(location));
      System.out.println("data-file write attempts under never-ending faults: " + proxy.count("PUT", dataFile()));
      assertThat(proxy.count("PUT", dataFile())).as("attempts").isEqualTo(facts.dataFileAttempts());
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
      assertThat(ids(t)).isEmpty();
      assertThat(logVersions(lake)).containsExactly(0L);
    }
  }

  @Test
  void accessDeniedOnTheCommitIsNotRetried() {
    String location = newLocation();
    try (Lake lake = Lake.open(location, viaProxy())) {
      Table t = createTable(lake);
      proxy.add("PUT", commitFile(1), facts.accessDenied(), FaultRule.FOREVER);

      assertThatThrownBy(() -> t.insert(rows(1)))
          .isInstanceOf(StorageException.class)
          .hasMessageContainingAll(logNamedIn(location))
          .hasMessageContaining("403");
      assertThat(proxy.count("PUT", commitFile(1))).as("attempts").isEqualTo(1);
      proxy.reset();
      assertThat(t.latestVersion()).isEqualTo(0);
    }
  }

  @Test
  void wrongCredentialsAndMissingContainerAreNotRetried() {
    String location = newLocation();
    assertThatThrownBy(() -> Lake.open(location, withWrongCredentials()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining(facts.deniedWording());
    assertThat(containerChecks(location)).as("attempts").isEqualTo(1);

    String missing = missingContainerLocation();
    assertThatThrownBy(() -> Lake.open(missing, viaProxy()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("does not exist");
    assertThat(containerChecks(missing)).as("attempts").isEqualTo(1);
  }

  @Test
  void jdbcRetriesThrottlingAndReportsNeverEndingFailuresAsStorageErrors() throws SQLException {
    String location = newLocation();
    try (Connection c = DriverManager.getConnection(jdbcUrl(location)); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id BIGINT)");
      FaultRule slow = proxy.add("PUT", commitFile(1), facts.throttling(), 2);
      assertThat(st.executeUpdate("INSERT INTO t VALUES (1), (2)")).isEqualTo(2);
      assertThat(slow.hits()).isEqualTo(2);

      proxy.add("PUT", commitFile(2), facts.internalError(), FaultRule.FOREVER);
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t VALUES (3)"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
          .hasMessageContainingAll(logNamedIn(location));
      proxy.reset();
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(id) FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2);
        assertThat(rs.getLong(2)).isEqualTo(3);
      }
    }
  }

  // --- helpers for the scenarios and the subclasses ---

  /** A regex of the request path of table {@code t}'s commit file of {@code version}. */
  protected String commitFile(long version) {
    return tableRequests() + "_delta_log/0+" + version + "\\.json";
  }

  /** A regex of the request paths of table {@code t}'s data files. */
  protected String dataFile() {
    return tableRequests() + ".*\\.parquet";
  }

  /** Creates table {@code t (id BIGINT)}. */
  protected static Table createTable(Lake lake) {
    return lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT")));
  }

  /** One row per id. */
  protected static List<Object[]> rows(long... ids) {
    return Arrays.stream(ids).mapToObj(i -> new Object[] {i}).toList();
  }

  /** The ids in table {@code t}'s latest snapshot, sorted. */
  protected static List<Long> ids(Table t) {
    return LakeRows.longs(t.snapshot(), "id").stream().sorted().toList();
  }

  /** The versions of the commit files under table {@code t}'s log, straight from the emulator. */
  protected List<Long> logVersions(Lake lake) {
    String log = "t/_delta_log/";
    return objects(lake, log).stream()
        .map(n -> n.substring(log.length()))
        .filter(n -> n.matches("\\d{20}\\.json"))
        .map(n -> Long.parseLong(n.substring(0, 20)))
        .sorted()
        .toList();
  }

  /** Table {@code t}'s Parquet files, straight from the emulator. */
  protected List<String> dataFiles(Lake lake) {
    return objects(lake, "t/").stream().filter(n -> n.endsWith(".parquet")).toList();
  }

  /** The JDBC URL of the lake at {@code location} through the proxy (values URL-encoded as lake expects). */
  private String jdbcUrl(String location) {
    Map<String, String> options = viaProxy();
    StorageEndpoint throughProxy = new StorageEndpoint() {
      @Override
      public String backend() {
        return "faults";
      }

      @Override
      public String newLakeLocation(String label) {
        return newLocation();
      }

      @Override
      public Map<String, String> options() {
        return options;
      }
    };
    return throughProxy.jdbcUrl(location);
  }
}
