package dev.lake.it.support;

import dev.lake.spark.CanonicalText;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark 4.2 + Delta 4.4 session in its own JVM ({@code dev.lake.spark.SparkRunner} of
 * the {@code it-tests/spark-runner} module, on that module's class path: Spark's Hadoop, Parquet
 * and Jackson clash with Kernel's, so they never share a JVM with lake). Statements go to its
 * stdin one per line; answers come back as {@link CanonicalText} rows. Spark's log goes to a file
 * (shown in failure messages).
 */
public final class SparkProcess implements AutoCloseable {
  /** Flags Spark needs on JDK 17 (Spark's own launcher adds the same). */
  static final List<String> SPARK_JVM_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Path log;
  /** Spark's version, as the runner reported it. */
  public final String version;

  private SparkProcess(Process process, Path log) throws IOException {
    this.process = process;
    this.log = log;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = answer();
    if (!first.startsWith("@@READY ")) {
      throw new AssertionError("Spark runner did not start: " + first + describe());
    }
    this.version = first.substring("@@READY ".length());
  }

  /**
   * Starts the runner. Its class path comes from the build ({@code lake.spark.classes} and
   * {@code lake.spark.classpathFile}, set by it-tests' failsafe configuration).
   */
  public static SparkProcess start(Path workDir) {
    String classes = required("lake.spark.classes");
    String cpFile = required("lake.spark.classpathFile");
    try {
      String cp = classes + java.io.File.pathSeparator + Files.readString(Path.of(cpFile)).trim();
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx1g");
      // C1 only: the session lives a few minutes on a machine shared with other builds.
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-XX:+UseParallelGC");
      cmd.add("-Djava.io.tmpdir=" + workDir);
      cmd.addAll(SPARK_JVM_FLAGS);
      cmd.add("-cp");
      cmd.add(cp);
      cmd.add("dev.lake.spark.SparkRunner");
      Path log = workDir.resolve("spark.log");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
      return new SparkProcess(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException("system property " + property + " is not set: run through mvn verify (failsafe)");
    }
    return v;
  }

  /** The rows of a query, in canonical text, sorted. Fails the test if Spark fails. */
  public List<String> rows(String sql) {
    Result r = send("Q", sql);
    if (r.error != null) {
      throw new AssertionError("Spark failed on: " + sql + "\n" + r.error + describe());
    }
    return CanonicalText.sorted(r.rows);
  }

  /** The rows of a query in Spark's order (for ORDER BY queries). */
  public List<String> orderedRows(String sql) {
    Result r = send("Q", sql);
    if (r.error != null) {
      throw new AssertionError("Spark failed on: " + sql + "\n" + r.error + describe());
    }
    return r.rows;
  }

  /** (version, operation) of each commit of a table, in version order, per Spark's DESCRIBE HISTORY. */
  public List<String> history(String path) {
    Result r = send("H", path);
    if (r.error != null) {
      throw new AssertionError("Spark failed on the history of " + path + "\n" + r.error + describe());
    }
    return r.rows;
  }

  /** Runs statements; fails the test if Spark fails on any. */
  public void exec(String... statements) {
    for (String sql : statements) {
      Result r = send("X", sql);
      if (r.error != null) {
        throw new AssertionError("Spark failed on: " + sql + "\n" + r.error + describe());
      }
    }
  }

  /** Runs a statement that must fail; returns Spark's error (class: message). */
  public String error(String sql) {
    Result r = send("X", sql);
    if (r.error == null) {
      throw new AssertionError("Spark accepted: " + sql);
    }
    return r.error;
  }

  /** {@code delta.`path`}: how Spark SQL names a path-based Delta table. */
  public static String table(String path) {
    return "delta.`" + path + "`";
  }

  private record Result(List<String> rows, String error) {}

  private synchronized Result send(String kind, String sql) {
    if (sql.contains("\n") || sql.contains("\r")) {
      throw new IllegalArgumentException("one statement per line: " + sql);
    }
    try {
      in.write(kind + " " + sql + "\n");
      in.flush();
      List<String> rows = new ArrayList<>();
      while (true) {
        String a = answer();
        if (a.startsWith("@@ROW ")) {
          rows.add(a.substring(6));
        } else if (a.startsWith("@@END ")) {
          return new Result(rows, null);
        } else if (a.startsWith("@@ERR ")) {
          return new Result(rows, a.substring(6));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("Spark runner died" + describe(), e);
    }
  }

  private String answer() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("@@")) {
        return line;
      }
    }
    throw new AssertionError("Spark runner ended (alive=" + process.isAlive() + ")" + describe());
  }

  /** The end of Spark's log, for failure messages. */
  public String describe() {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return "\n--- Spark log (" + log + "), last lines:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "\n(Spark log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      in.close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
