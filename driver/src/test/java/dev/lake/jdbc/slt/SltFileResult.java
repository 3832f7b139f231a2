package dev.lake.jdbc.slt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What happened in one test file. */
final class SltFileResult {
  final String file;
  /** {@code query} records in the file, before the library's dialect filter. */
  int queriesInFile;
  /** Queries the library kept after its {@code skipif}/{@code onlyif} filtering. */
  int queriesAfterFilter;
  /** Queries run: those kept, or a sample of them. */
  int queriesRun;
  int passed;
  int failed;
  /** Failed queries that were cancelled at the time limit. */
  int timeouts;
  int statementsOk;
  int statementsFailed;
  /** CREATE INDEX / DROP INDEX: accepted without reaching the driver. */
  int statementsNoop;
  int insertStatements;
  int insertBatches;
  int insertBatchFallbacks;
  long insertNanos;
  long nanos;
  /** CPU time of the thread that ran the file (JIT and GC threads not included). */
  long cpuNanos;
  long slowestQueryMillis;
  String slowestQuery;
  final List<SltFailure> failures = new ArrayList<>();
  final List<String> cleanupErrors = new ArrayList<>();

  SltFileResult(String file) {
    this.file = file;
  }

  double passRate() {
    int n = passed + failed;
    return n == 0 ? 0 : 100.0 * passed / n;
  }

  /** Counts the {@code query} records of a test resource (what the library's filter left out). */
  static int countQueryRecords(String resource) throws IOException {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    int n = 0;
    try (InputStream in = Objects.requireNonNull(cl.getResourceAsStream(resource), resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("query")) {
          n++;
        }
      }
    }
    return n;
  }
}
