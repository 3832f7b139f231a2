package dev.lake.jdbc.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs sqllogictest files through the lake JDBC driver, each file in a lake of its own: a fresh
 * directory under {@code root}, connected as {@code jdbc:lake:<dir>}, whose tables are dropped
 * and whose directory is deleted when the file is done.
 *
 * <p>Where it departs from the library's {@link JdbcExecutor#execute}:
 *
 * <ul>
 *   <li>A failing statement does not end the file. The library (0.3) stops at the first failing
 *       {@code statement ok} and counts the file as "not parsed", so the file's queries count
 *       neither as passed nor as failed and the pass rate looks better than it is. Here the
 *       statement is recorded as a failure with its reason and the file goes on: queries that
 *       depend on it then fail and count.
 *   <li>{@code CREATE INDEX} and {@code DROP INDEX} succeed without reaching the driver: lake has
 *       no indexes, and an index never changes a query's result. They are counted as "no-op
 *       statements", not as passes.
 *   <li>{@code CREATE VIEW} and everything else goes to the driver as written: if lake refuses it,
 *       it is a failed statement (with its reason), as the library would have it.
 *   <li>Optionally, a run of consecutive single-table {@code INSERT ... VALUES} statements is
 *       sent as one JDBC batch (lake commits a batch as one Delta commit); if the batch fails,
 *       its statements are replayed one by one so that each failure is attributed.
 *   <li>Each query has a time limit: a watchdog cancels the statement once the thread running it
 *       has spent {@code queryTimeoutSeconds} of CPU time on it (or ten times that in wall-clock
 *       time), and the query counts as failed ("timed out"). CPU time rather than wall-clock time
 *       keeps the verdict stable on a busy machine.
 * </ul>
 *
 * Which statements and queries run at all is the library's decision ({@link SltTestFile#parse}
 * keeps what PostgreSQL would run: {@code skipif postgresql} and {@code onlyif <other>} records
 * are dropped).
 */
final class LakeSltExecutor extends JdbcExecutor {
  private static final Pattern INDEX_DDL =
      Pattern.compile("^\\s*(CREATE\\s+(UNIQUE\\s+)?INDEX|DROP\\s+INDEX)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern PLAIN_INSERT =
      Pattern.compile("^\\s*INSERT\\s+INTO\\s+(\\w+)\\s*(\\([^)]*\\))?\\s*VALUES\\s*\\(.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  /** How often the watchdog looks at a running query. */
  private static final long WATCH_MILLIS = 50;
  /** Wall-clock cap of a query, as a multiple of its CPU-time limit. */
  private static final long WALL_CAP_FACTOR = 10;

  private final Path root;
  private final boolean batchInserts;
  private final int queryTimeoutSeconds;
  private final ScheduledExecutorService watchdog;
  /** When the system property {@code slt.trace} names a directory: each query before it runs. */
  private java.io.PrintStream trace;
  private Path lakeDir;
  private SltFileResult current;

  LakeSltExecutor(OptionsParser.SuppliedOptions options, Path root, boolean batchInserts, int queryTimeoutSeconds) {
    super(options, "jdbc:lake:" + root.toAbsolutePath(), "", "");
    this.root = root;
    this.batchInserts = batchInserts;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slt-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs one file and returns what happened; {@code resource} is e.g. {@code test/select1.test}.
   * With {@code maxQueries > 0}, only a seeded random sample of that many of the file's queries
   * runs (all its statements run).
   */
  SltFileResult run(String resource, int maxQueries, long seed) throws IOException, SQLException {
    long t0 = System.nanoTime();
    long cpu0 = CPU.getCurrentThreadCpuTime();
    SltTestFile file = new SltTestFile(resource);
    file.parse(options);
    current = new SltFileResult(resource);
    current.queriesInFile = SltFileResult.countQueryRecords(resource);
    current.queriesAfterFilter = file.getTestCount();
    if (maxQueries > 0) {
      sample(file.fileContents, maxQueries, new Random(seed ^ resource.hashCode()));
    }
    current.queriesRun = (int) file.fileContents.stream().filter(o -> o.is(SqlTestQuery.class)).count();
    String traceDir = System.getProperty("slt.trace");
    if (traceDir != null && !traceDir.isBlank()) {
      Path t = Path.of(traceDir, resource.replace('/', '_') + ".trace");
      Files.createDirectories(t.getParent());
      trace = new java.io.PrintStream(Files.newOutputStream(t), true, java.nio.charset.StandardCharsets.UTF_8);
    }
    TestStatistics stats;
    try {
      stats = execute(file, options);
    } finally {
      if (trace != null) {
        trace.close();
        trace = null;
      }
    }
    current.cpuNanos = CPU.getCurrentThreadCpuTime() - cpu0;
    current.passed = stats.getPassedTestCount();
    current.failed = stats.getFailedTestCount();
    current.nanos = System.nanoTime() - t0;
    return current;
  }

  /** Keeps every statement and a random {@code max} of the queries, in file order. */
  private static void sample(List<ISqlTestOperation> ops, int max, Random random) {
    List<Integer> queries = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).is(SqlTestQuery.class)) {
        queries.add(i);
      }
    }
    if (queries.size() <= max) {
      return;
    }
    Collections.shuffle(queries, random);
    Set<Integer> drop = new HashSet<>(queries.subList(max, queries.size()));
    List<ISqlTestOperation> kept = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (!drop.contains(i)) {
        kept.add(ops.get(i));
      }
    }
    ops.clear();
    ops.addAll(kept);
  }

  void shutdown() {
    watchdog.shutdownNow();
  }

  /** A fresh lake (directory) per file. */
  @Override
  public void establishConnection() throws SQLException {
    try {
      lakeDir = Files.createTempDirectory(root, "lake-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connection = DriverManager.getConnection("jdbc:lake:" + lakeDir.toAbsolutePath());
  }

  /** Drops the file's tables, closes the connection and deletes the lake's directory. */
  @Override
  public void closeConnection() throws SQLException {
    try {
      if (connection != null && !connection.isClosed()) {
        try {
          dropAllTables();
        } catch (SQLException | RuntimeException e) {
          current.cleanupErrors.add("DROP TABLE: " + SltFailure.message(e));
        }
        connection.close();
      }
    } finally {
      connection = null;
      deleteRecursively(lakeDir);
    }
  }

  @Override
  public void dropAllTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    DatabaseMetaData md = getConnection().getMetaData();
    try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString(3));
      }
    }
    for (String t : tables) {
      try (Statement st = getConnection().createStatement()) {
        st.execute("DROP TABLE \"" + t + "\"");
      }
    }
  }

  @Override
  public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options) throws SQLException {
    startTest();
    establishConnection();
    TestStatistics result = new TestStatistics(false, options.verbosity);
    result.incFiles();
    try {
      List<ISqlTestOperation> ops = file.fileContents;
      int i = 0;
      while (i < ops.size()) {
        ISqlTestOperation op = ops.get(i);
        SltSqlStatement stat = op.as(SltSqlStatement.class);
        if (stat == null) {
          runQuery(op.to(options.err, SqlTestQuery.class), result);
          i++;
          continue;
        }
        if (batchInserts && isBatchableInsert(stat)) {
          int j = i;
          List<SltSqlStatement> run = new ArrayList<>();
          while (j < ops.size() && ops.get(j).is(SltSqlStatement.class) && isBatchableInsert(ops.get(j).as(SltSqlStatement.class))) {
            run.add(ops.get(j).as(SltSqlStatement.class));
            j++;
          }
          runInsertBatch(run);
          i = j;
          continue;
        }
        runStatement(stat);
        i++;
      }
    } finally {
      closeConnection();
    }
    return result;
  }

  private static boolean isBatchableInsert(SltSqlStatement s) {
    return s != null && s.shouldPass && PLAIN_INSERT.matcher(s.statement).matches()
        && !s.statement.toUpperCase(Locale.ROOT).contains("SELECT");
  }

  private void runInsertBatch(List<SltSqlStatement> run) {
    if (run.size() == 1) {
      runStatement(run.get(0));
      return;
    }
    long t0 = System.nanoTime();
    try (Statement st = getConnection().createStatement()) {
      for (SltSqlStatement s : run) {
        st.addBatch(s.statement);
      }
      st.executeBatch();
      current.statementsOk += run.size();
      current.insertStatements += run.size();
      current.insertBatches++;
      current.insertNanos += System.nanoTime() - t0;
    } catch (SQLException | RuntimeException e) {
      // Attribute the failure: replay one by one (the failed batch committed nothing).
      current.insertBatchFallbacks++;
      for (SltSqlStatement s : run) {
        runStatement(s);
      }
    }
  }

  private void runStatement(SltSqlStatement stat) {
    String sql = stat.statement;
    if (INDEX_DDL.matcher(sql).matches()) {
      current.statementsNoop++;
      return;
    }
    long t0 = System.nanoTime();
    boolean insert = PLAIN_INSERT.matcher(sql).matches();
    try (Statement st = getConnection().createStatement()) {
      st.execute(sql);
      if (stat.shouldPass) {
        current.statementsOk++;
      } else {
        current.statementsFailed++;
        current.failures.add(SltFailure.statement(current.file, sql, "statement succeeded but should have failed", null));
      }
    } catch (SQLException | RuntimeException e) {
      if (stat.shouldPass) {
        current.statementsFailed++;
        current.failures.add(SltFailure.statement(current.file, sql, null, e));
      } else {
        current.statementsOk++;
      }
    } finally {
      if (insert) {
        current.insertStatements++;
        current.insertNanos += System.nanoTime() - t0;
      }
    }
    statementsExecuted++;
  }

  private void runQuery(SqlTestQuery query, TestStatistics stats) {
    // One TestStatistics per query, so that the library's own wording of a mismatch can be read
    // back (its failure list is package-private; printStatistics is not).
    TestStatistics one = new TestStatistics(false, 0);
    String timeout = null;
    Throwable error = null;
    java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
    try (Statement st = getConnection().createStatement()) {
      // The limit is on the CPU time of this thread (Calcite runs the query in the caller's
      // thread), so that a busy machine does not turn slow queries into failures; a wall-clock
      // cap stops a query that waits rather than computes.
      long threadId = Thread.currentThread().getId();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long limit = TimeUnit.SECONDS.toNanos(queryTimeoutSeconds);
      ScheduledFuture<?> cancel = watchdog.scheduleAtFixedRate(() -> {
        long cpu = CPU.getThreadCpuTime(threadId);
        boolean over = (cpu >= 0 && cpu - cpuStart > limit) || System.nanoTime() - wallStart > WALL_CAP_FACTOR * limit;
        if (over && fired.compareAndSet(false, true)) {
          try {
            st.cancel();
          } catch (SQLException | RuntimeException ignored) {
            // the statement finished meanwhile
          }
        }
      }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
      if (trace != null) {
        trace.println(lineOf(query) + ": " + query.getQuery());
      }
      long t0 = System.nanoTime();
      long c0 = CPU.getCurrentThreadCpuTime();
      try (ResultSet rs = st.executeQuery(query.getQuery())) {
        validate(query, rs, query.outputDescription, one);
      } finally {
        cancel.cancel(false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (trace != null) {
          trace.println("    " + ms + " ms " + (CPU.getCurrentThreadCpuTime() - c0) / 1_000_000 + " cpu");
        }
        if (ms > current.slowestQueryMillis) {
          current.slowestQueryMillis = ms;
          current.slowestQuery = query.getQuery();
        }
      }
    } catch (Throwable e) { // as the library does: assertion errors count too
      error = e;
      if (fired.get()) {
        timeout = "timed out: cancelled after " + queryTimeoutSeconds + " s of CPU time";
      }
    }
    if (error != null) {
      one.addFailure(new TestStatistics.FailedTestDescription(query, timeout, "", error));
      current.failures.add(SltFailure.query(current.file, lineOf(query), query.getQuery(), timeout, error));
      if (timeout != null) {
        current.timeouts++;
      }
    } else if (one.getFailedTestCount() > 0) {
      current.failures.add(SltFailure.query(current.file, lineOf(query), query.getQuery(), mismatch(one), null));
    }
    stats.add(one);
  }

  /** The library's description of a wrong result ("Hash of data does not match ...", ...). */
  private static String mismatch(TestStatistics one) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)) {
      one.printStatistics(out);
    }
    for (String line : bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
      if (line.startsWith("ERROR: ")) {
        return "wrong result: " + line.substring("ERROR: ".length());
      }
    }
    return "wrong result";
  }

  private static final Field LINE = lineField();

  private static Field lineField() {
    try {
      Field f = SqlTestQuery.class.getDeclaredField("line");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The line of the query's {@code ----} separator (the library keeps it package-private). */
  static int lineOf(SqlTestQuery q) {
    try {
      return LINE == null ? -1 : LINE.getInt(q);
    } catch (IllegalAccessException e) {
      return -1;
    }
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
