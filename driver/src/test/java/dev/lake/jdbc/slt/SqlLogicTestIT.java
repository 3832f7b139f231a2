package dev.lake.jdbc.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.hydromatic.sqllogictest.OptionsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's sqllogictest (the scripts bundled in {@code net.hydromatic:sql-logic-test}) through
 * the lake JDBC driver: {@code select1.test} to {@code select5.test} plus a fixed, seeded sample
 * of the {@code random/} files. Each file runs in a lake of its own (see {@link LakeSltExecutor}
 * for how statements are treated: CREATE/DROP INDEX are no-ops, a failing statement is recorded
 * and the file goes on, consecutive INSERTs go as one JDBC batch).
 *
 * <p>Two plans. The default ({@code ci}) keeps the test near 2-3 minutes on 2 cores: every
 * statement of every file, a seeded sample of the queries of each select file (lake's cost per
 * query in select4 and select5 is 0.2-2.5 s, see the report), and 3 random files per directory
 * with a seeded sample of 300 queries each. {@code -Dslt.mode=full} runs every query of select1-5
 * (about 35 minutes on 2 cores, most of it in select5's 10-64-table joins that hit the time limit).
 * A query that uses more than {@link #QUERY_TIMEOUT_SECONDS} of CPU time is cancelled and counts
 * as failed.
 *
 * <p>Prints one line per file, the totals as {@code sqllogictest: N passed, M failed}, a
 * percentage line and the most frequent failure reasons with samples; the same text goes to
 * {@code driver/target/slt-report.txt}. Fails only when the pass rate of select1-5 drops below
 * {@link #SELECT_MIN_PASS_RATE} ({@link #SELECT_MIN_PASS_RATE_FULL} in the full plan): failures
 * in the random sample are reported, not asserted.
 *
 * <p>System properties for local runs: {@code slt.mode} ({@code ci} or {@code full}); {@code
 * slt.files} (comma-separated resources such as {@code test/select1.test} or {@code
 * test/random/expr/slt_good_0.test}; replaces the plan and skips the assertion) with {@code
 * slt.queriesPerFile}; {@code slt.random.perDir}, {@code slt.random.queriesPerFile} (0: all),
 * {@code slt.seed}, {@code slt.batchInserts}, {@code slt.queryTimeoutSeconds}, {@code
 * slt.threads}; {@code slt.trace} (a directory: each query and its time, per file). For example
 * {@code mvn -pl driver -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=SqlLogicTestIT -Dslt.files=test/select1.test}.
 */
class SqlLogicTestIT {
  /**
   * Pass rate of select1-5 in the default (CI) plan below which the test fails. Measured since
   * join ordering (revision 3bed543): 100% (5640 of 5640; before: 99.56%, every failure a comma
   * join run as a cross product and cancelled at the time limit). The margin, 5 queries, absorbs
   * a slow query on a loaded machine, not a wrong answer.
   */
  static final double SELECT_MIN_PASS_RATE = 99.9;
  /**
   * The same for {@code -Dslt.mode=full}. Measured since join ordering (revision 3bed543): select1-3
   * 100%, select4 2832/2832, select5 721/732 — 99.88% (8873 of 8884; the 11 failures are 20+ table
   * joins cancelled at the CPU limit). Before: 92.47%.
   */
  static final double SELECT_MIN_PASS_RATE_FULL = 99.5;

  static final List<String> SELECT_FILES = List.of(
      "test/select1.test", "test/select2.test", "test/select3.test", "test/select4.test", "test/select5.test");
  static final List<String> RANDOM_DIRS = List.of("aggregates", "expr", "groupby", "select");
  static final long SEED = 20240607L;

  /**
   * Queries run per select file in the default plan (0 = all), a seeded sample; every statement
   * of every file runs. Sized from measured per-query costs to keep the test near 2-3 minutes on
   * 2 cores (the whole CI run must stay well inside 30 minutes on a loaded machine; the complete
   * select1-3 files took 600 s of wall time there).
   */
  static final int[] SELECT_QUERIES_CI = {400, 400, 600, 200, 20};
  static final int RANDOM_FILES_PER_DIR_CI = 3;
  static final int RANDOM_QUERIES_PER_FILE_CI = 300;
  static final int RANDOM_FILES_PER_DIR_FULL = 3;
  static final int RANDOM_QUERIES_PER_FILE_FULL = 2000;
  /** A query that takes more CPU time than this is cancelled and counts as failed (timed out). */
  static final int QUERY_TIMEOUT_SECONDS = 3;

  @TempDir Path root;

  /** A file to run and how many of its queries (0 = all). */
  record Planned(String file, int maxQueries) {}

  @Test
  void sqlLogicTest() throws Exception {
    long t0 = System.nanoTime();
    String only = System.getProperty("slt.files", "");
    boolean full = "full".equalsIgnoreCase(System.getProperty("slt.mode", "ci"));
    long seed = Long.getLong("slt.seed", SEED);
    int perDir = Integer.getInteger("slt.random.perDir", full ? RANDOM_FILES_PER_DIR_FULL : RANDOM_FILES_PER_DIR_CI);
    int randomQueries = Integer.getInteger("slt.random.queriesPerFile", full ? RANDOM_QUERIES_PER_FILE_FULL : RANDOM_QUERIES_PER_FILE_CI);
    boolean batch = Boolean.parseBoolean(System.getProperty("slt.batchInserts", "true"));
    int timeout = Integer.getInteger("slt.queryTimeoutSeconds", QUERY_TIMEOUT_SECONDS);
    int threads = Integer.getInteger("slt.threads", Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));

    List<Planned> selects = new ArrayList<>();
    List<Planned> randoms = new ArrayList<>();
    String plan;
    if (!only.isBlank()) {
      int max = Integer.getInteger("slt.queriesPerFile", 0);
      for (String f : only.split(",")) {
        if (!f.isBlank()) {
          (f.contains("/random/") ? randoms : selects).add(new Planned(f.trim(), max));
        }
      }
      plan = "files given by slt.files, " + (max == 0 ? "all queries" : max + " queries per file");
    } else {
      for (int i = 0; i < SELECT_FILES.size(); i++) {
        selects.add(new Planned(SELECT_FILES.get(i), full ? 0 : SELECT_QUERIES_CI[i]));
      }
      for (String f : randomSample(seed, perDir)) {
        randoms.add(new Planned(f, randomQueries));
      }
      plan = (full ? "full" : "ci") + ": select1-5 "
          + (full ? "all queries" : "queries per file " + Arrays.toString(SELECT_QUERIES_CI) + " (0 = all)")
          + "; random: " + perDir + " file(s) from each of random/" + String.join(", random/", RANDOM_DIRS)
          + ", " + (randomQueries == 0 ? "all" : String.valueOf(randomQueries)) + " queries per file";
    }
    plan += "; seed " + seed + "; every statement of every file runs; query limit " + timeout + " s of CPU time; "
        + threads + " file(s) at a time; INSERT batching " + (batch ? "on" : "off");

    System.out.println("sqllogictest plan: " + plan);
    System.out.println(SltReport.header());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<SltFileResult>> selectRuns = new ArrayList<>();
    List<Future<SltFileResult>> randomRuns = new ArrayList<>();
    try {
      // The slowest files first, so that the threads finish at about the same time.
      List<Planned> order = new ArrayList<>(selects);
      order.sort(Comparator.comparing((Planned p) -> !p.file().endsWith("select5.test"))
          .thenComparing(p -> !p.file().endsWith("select4.test")));
      for (Planned p : order) {
        selectRuns.add(pool.submit(() -> run(p, seed, batch, timeout)));
      }
      for (Planned p : randoms) {
        randomRuns.add(pool.submit(() -> run(p, seed, batch, timeout)));
      }
    } finally {
      pool.shutdown();
    }
    List<SltFileResult> selectResults = new ArrayList<>();
    for (Future<SltFileResult> f : selectRuns) {
      selectResults.add(f.get());
    }
    selectResults.sort(Comparator.comparing(r -> r.file));
    List<SltFileResult> randomResults = new ArrayList<>();
    for (Future<SltFileResult> f : randomRuns) {
      randomResults.add(f.get());
    }

    String report = SltReport.render(selectResults, randomResults, plan, System.nanoTime() - t0);
    System.out.println();
    System.out.print(report);
    Path out = Path.of("target", "slt-report.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);

    SltReport.Totals s = SltReport.Totals.of(selectResults);
    SltReport.Totals r = SltReport.Totals.of(randomResults);
    assertThat(s.passed() + s.failed() + r.passed() + r.failed()).as("queries run").isPositive();
    if (only.isBlank()) {
      double min = full ? SELECT_MIN_PASS_RATE_FULL : SELECT_MIN_PASS_RATE;
      assertThat(s.rate())
          .as("pass rate of select1-5 (%d passed, %d failed); see driver/target/slt-report.txt", s.passed(), s.failed())
          .isGreaterThanOrEqualTo(min);
    }
  }

  private SltFileResult run(Planned p, long seed, boolean batch, int timeout) throws Exception {
    OptionsParser parser = new OptionsParser(false, System.out, System.err);
    LakeSltExecutor executor = new LakeSltExecutor(parser.getOptions(), root, batch, timeout);
    try {
      SltFileResult r = executor.run(p.file(), p.maxQueries(), seed);
      synchronized (System.out) {
        System.out.println(SltReport.fileLine(r));
      }
      return r;
    } finally {
      executor.shutdown();
    }
  }

  /** A fixed sample: per directory, the first {@code perDir} files of a seeded shuffle. */
  static List<String> randomSample(long seed, int perDir) throws IOException {
    List<String> all = listResources("test/random/");
    Random random = new Random(seed);
    List<String> picked = new ArrayList<>();
    for (String dir : RANDOM_DIRS) {
      String prefix = "test/random/" + dir + "/";
      List<String> files = new ArrayList<>(all.stream().filter(f -> f.startsWith(prefix)).toList());
      files.sort(Comparator.comparingInt(SqlLogicTestIT::number).thenComparing(Comparator.naturalOrder()));
      Collections.shuffle(files, random);
      picked.addAll(files.subList(0, Math.min(perDir, files.size())));
    }
    return picked;
  }

  private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.test$");

  private static int number(String file) {
    Matcher m = NUMBER.matcher(file);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The {@code .test} resources under a prefix, read from the library's jar. */
  static List<String> listResources(String prefix) throws IOException {
    URL url = Objects.requireNonNull(
        Thread.currentThread().getContextClassLoader().getResource(SELECT_FILES.get(0)),
        "sql-logic-test's scripts are not on the class path");
    List<String> out = new ArrayList<>();
    if (url.openConnection() instanceof JarURLConnection jar) {
      jar.setUseCaches(false);
      try (JarFile jf = jar.getJarFile()) {
        for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (name.startsWith(prefix) && name.endsWith(".test")) {
            out.add(name);
          }
        }
      }
    } else {
      throw new IllegalStateException("expected the scripts in a jar, found " + url);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
