package dev.lake.it.bench;

import com.sun.management.ThreadMXBean;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.testing.ByteCounter;
import dev.lake.engine.scan.DataFile;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mount's rendering alone: every data file of a table turned into CSV ({@link
 * CsvExport#writeRows}, what the mount's segments hold) by one thread into a byte counter,
 * repeated in one JVM, against reading the same CSV from a local file (the plain-file baseline
 * of bench/mount-bench.sh, page cache warm). Not a test: run by {@code bench/render-bench.sh}
 * under the launcher's JIT (C1), which prints a Markdown table. The rendered size is checked
 * against the CSV file's (without its header).
 *
 * <p>Args: tableDir csvFile renderings.
 */
public final class RenderBench {
  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[1]);
    int renderings = Integer.parseInt(args[2]);
    Map.Entry<Lake, String> lt = Lake.openTableLocation(args[0], Map.of());
    try (Lake lake = lt.getKey()) {
      Table table = lake.table(lt.getValue());
      Snapshot snap = table.snapshot();
      long expected = Files.size(csv) - headerBytes(csv);
      ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      List<long[]> runs = new ArrayList<>(); // wall ns, cpu ns, allocated bytes
      for (int i = 0; i < renderings; i++) {
        ByteCounter counter = new ByteCounter();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long alloc0 = mx.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        for (DataFile f : snap.dataFiles()) {
          CsvExport.writeRows(snap, f, counter);
        }
        long wall = System.nanoTime() - t0;
        if (counter.count() != expected) {
          throw new IllegalStateException("rendered " + counter.count() + " bytes, the CSV has " + expected);
        }
        runs.add(new long[] {wall, mx.getCurrentThreadCpuTime() - cpu0, mx.getCurrentThreadAllocatedBytes() - alloc0});
      }
      List<long[]> reads = new ArrayList<>();
      byte[] buf = new byte[1 << 17];
      for (int i = 0; i < renderings; i++) {
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
          while (in.read(buf) >= 0) {
            // the baseline: bytes from the page cache, nothing done with them
          }
        }
        reads.add(new long[] {System.nanoTime() - t0});
      }
      print(snap.dataFiles().size(), expected, runs, reads);
    }
  }

  /** The header line's length in bytes, with its newline. */
  private static long headerBytes(Path csv) throws java.io.IOException {
    try (java.io.BufferedReader in = Files.newBufferedReader(csv)) {
      return in.readLine().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }
  }

  private static void print(int files, long bytes, List<long[]> runs, List<long[]> reads) {
    // The later half: the JIT has compiled what it compiles by then.
    List<long[]> steady = new ArrayList<>(runs.subList(runs.size() / 2, runs.size()));
    steady.sort((a, b) -> Long.compare(a[0], b[0]));
    List<Long> readWalls = new ArrayList<>();
    reads.subList(reads.size() / 2, reads.size()).forEach(r -> readWalls.add(r[0]));
    Collections.sort(readWalls);
    long[] best = steady.get(0);
    long[] median = steady.get(steady.size() / 2);
    long read = readWalls.get(readWalls.size() / 2);
    System.out.printf(Locale.ROOT, "%d bytes of CSV from %d data files, %d renderings (the later half counted), one thread%n%n",
        bytes, files, runs.size());
    System.out.println("| | wall ms | CPU ms | MB/s | allocated MB | vs reading the CSV file |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    row("rendering, best", best, bytes, read);
    row("rendering, median", median, bytes, read);
    System.out.printf(Locale.ROOT, "| reading the CSV file, median | %.1f | | %.0f | | 1.00 |%n", read / 1e6, bytes * 1e3 / read);
    System.out.printf(Locale.ROOT, "%nfirst rendering in this JVM: %.1f ms (CPU %.1f ms)%n", runs.get(0)[0] / 1e6, runs.get(0)[1] / 1e6);
  }

  private static void row(String what, long[] run, long bytes, long read) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.1f | %.2fx slower |%n",
        what, run[0] / 1e6, run[1] / 1e6, bytes * 1e3 / run[0], run[2] / 1048576.0, (double) run[0] / read);
  }
}
