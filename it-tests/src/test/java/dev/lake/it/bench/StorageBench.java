package dev.lake.it.bench;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.Backend;
import dev.lake.it.storage.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Commit latency and scan throughput of the engine on each storage backend (local disk, S3 on
 * S3Proxy or MinIO), the same work on each. Not a test: run by {@code bench/storage-bench.sh},
 * which prints a Markdown table. Every result is checked (versions, row counts).
 *
 * <p>Args: commits rows backends(comma-separated) workDir.
 */
public final class StorageBench {
  public static void main(String[] args) throws Exception {
    int commits = Integer.parseInt(args[0]);
    int rows = Integer.parseInt(args[1]);
    List<String> names = List.of(args[2].split(","));
    Path work = Files.createDirectories(Path.of(args[3]));
    System.out.println("| backend | single-row commits | commit p50 | commit p90 | write " + rows + " rows (1 commit) | full scan | scan rows/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String name : names) {
      Backend backend = Backends.named(name);
      try (Backend.Endpoint e = backend.start(work.resolve(name))) {
        run(e, commits, rows);
      }
    }
  }

  private static void run(Backend.Endpoint endpoint, int commits, int rows) {
    try (Lake lake = endpoint.open(endpoint.newLakeLocation("bench"))) {
      Table t = lake.createTable("commits", TableDefinition.of(TypeParser.parseColumns("id BIGINT, payload STRING")));
      // Warm-up: class loading, connection pools, JIT.
      for (int i = 0; i < 10; i++) {
        t.insert(List.<Object[]>of(new Object[] {(long) -i - 1, "warm"}));
      }
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < commits; i++) {
        long t0 = System.nanoTime();
        t.insert(List.<Object[]>of(new Object[] {(long) i, "row " + i}));
        ms.add((System.nanoTime() - t0) / 1e6);
      }
      check(t.snapshot().version() == 10 + commits, "versions");
      Collections.sort(ms);

      long w0 = System.nanoTime();
      Table big = lake.createTable("scan", TableDefinition.of(
          TypeParser.parseColumns("id BIGINT, name STRING, price DOUBLE, qty INT, flag BOOLEAN")), generate(rows));
      double writeS = (System.nanoTime() - w0) / 1e9;
      scan(big); // warm
      long s0 = System.nanoTime();
      long seen = scan(big);
      double scanS = (System.nanoTime() - s0) / 1e9;
      check(seen == rows, "scanned " + seen + " rows, expected " + rows);
      System.out.printf(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.2f s | %.2f s | %,.0f |%n",
          describe(endpoint), commits, ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.9)),
          writeS, scanS, rows / scanS);
    }
  }

  private static String describe(Backend.Endpoint e) {
    return e instanceof dev.lake.it.storage.S3Backend.S3Endpoint s3 ? "s3 (" + s3.server() + ")" : e.backend();
  }

  private static long scan(Table t) {
    long n = 0;
    Scan scan = t.snapshot().scan().build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        n += b.size();
      }
    }
    return n;
  }

  private static Iterator<Object[]> generate(int rows) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < rows;
      }

      @Override
      public Object[] next() {
        int k = i++;
        return new Object[] {(long) k, "name-" + k, k * 0.25, k % 1000, k % 3 == 0};
      }
    };
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("benchmark check failed: " + what);
    }
  }
}
