package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lake.engine.CommitResult;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.support.DeltaLogFiles;
import dev.lake.it.support.JavaProcess;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import dev.lake.it.workers.StreamingWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer streaming commits is killed with SIGKILL at an arbitrary moment (possibly inside a
 * commit: while writing Parquet, the temporary commit file, or a checkpoint). Afterwards the
 * table must open at its latest complete version N, hold exactly the rows of the N commits its
 * log has (every batch whole), and accept the next commit at N+1. Several rounds per table, with
 * different kill delays, to hit different moments.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class KilledWriterIT {
  static final int ROWS_PER_BATCH = 10;
  static final int ROUNDS = 3;
  static final int MIN_COMMITS_BEFORE_KILL = 20;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void blindAppendWriterKilledMidStream() throws Exception {
    run("stream", false);
  }

  @Test
  void keyedInsertWriterKilledMidStream() throws Exception {
    run("keyed_stream", true);
  }

  private void run(String name, boolean primaryKey) throws Exception {
    long started = System.nanoTime();
    try (Lake lake = Lake.open(dir.toString())) {
      TableDefinition def = TableDefinition.of(TypeParser.parseColumns("id BIGINT, batch BIGINT, k INT, payload STRING"));
      lake.createTable(name, primaryKey ? def.withPrimaryKey("id") : def);
    }
    Random random = new Random(name.hashCode());
    long nextBatch = 0;
    Set<String> tempFilesSeen = new TreeSet<>();
    for (int round = 1; round <= ROUNDS; round++) {
      List<String> printed;
      try (JavaProcess writer =
          JavaProcess.start(
              name + "-writer-" + round, StreamingWriter.class,
              dir.toString(), name, Long.toString(nextBatch), Integer.toString(ROWS_PER_BATCH))) {
        writer.awaitLines(l -> l.startsWith("COMMITTED "), MIN_COMMITS_BEFORE_KILL, JavaProcess.DEFAULT_TIMEOUT);
        // Somewhere in the middle of the following commits.
        Thread.sleep(random.nextInt(250));
        assertThat(writer.isAlive()).as("writer still streaming").isTrue();
        int exit = writer.kill();
        assertThat(exit).as("exit code of a SIGKILLed JVM").isEqualTo(137);
        printed = writer.stdoutLines("COMMITTED ");
      }

      DeltaLogFiles log = new DeltaLogFiles(dir.resolve(name));
      tempFilesSeen.addAll(log.tempFiles());
      try (Lake lake = Lake.open(dir.toString())) {
        Table t = lake.table(name);
        Snapshot s = t.snapshot();
        long n = s.version();

        // The log is versions 0..N without gaps, and the snapshot is its last complete commit:
        // no temporary file was taken for a version.
        assertThat(log.commitVersions()).containsExactlyElementsOf(range(0, n));
        for (long v = 0; v <= n; v++) {
          List<JsonNode> actions = log.actions(v);
          assertThat(actions).as("actions of version %d", v).anyMatch(a -> a.has("commitInfo"));
        }

        // Every version after the create is one whole batch: batch b committed as version b+1.
        List<HistoryEntry> history = t.history();
        assertThat(history).extracting(HistoryEntry::version).containsExactlyElementsOf(range(0, n));
        assertThat(history.subList(1, history.size())).allSatisfy(h -> {
          assertThat(h.operation()).isEqualTo("WRITE");
          assertThat(h.rowsInserted()).isEqualTo(ROWS_PER_BATCH);
        });

        List<List<Object>> rows = LakeRows.all(s);
        assertThat(rows).hasSize((int) (ROWS_PER_BATCH * n));
        Map<Long, List<Integer>> byBatch =
            rows.stream().collect(Collectors.groupingBy(r -> (Long) r.get(1), TreeMap::new,
                Collectors.mapping(r -> (Integer) r.get(2), Collectors.toList())));
        assertThat(byBatch.keySet()).containsExactlyElementsOf(range(0, n - 1));
        byBatch.forEach((b, ks) -> assertThat(ks).as("rows of batch %d", b)
            .containsExactlyInAnyOrderElementsOf(LongStream.range(0, ROWS_PER_BATCH).mapToObj(k -> (int) k).toList()));
        for (List<Object> r : rows) {
          assertThat(r.get(0)).isEqualTo((Long) r.get(1) * ROWS_PER_BATCH + (Integer) r.get(2));
        }
        // Delta Kernel's own reader sees the same rows.
        assertThat(new KernelRows().all(t.path())).isEqualTo(rows);

        // What the writer reported committed is in the table; at most the commit it was
        // killed in landed without being reported.
        long lastPrinted = -1;
        for (String l : printed) {
          String[] f = l.split(" ");
          long b = Long.parseLong(f[1]);
          assertThat(Long.parseLong(f[2])).as("version of batch %d", b).isEqualTo(b + 1);
          lastPrinted = b;
        }
        assertThat(lastPrinted).isGreaterThanOrEqualTo(nextBatch + MIN_COMMITS_BEFORE_KILL - 1);
        assertThat(n - 1 - lastPrinted).as("batches committed but not reported before the kill").isBetween(0L, 1L);
        System.out.printf("%s round %d: killed after %d reported commits; table at version %d; log dir: %s%n",
            name, round, printed.size(), n,
            log.fileNames().stream().filter(f -> !f.matches("\\d{20}\\.(json|crc)")).toList());

        // The table takes the next commit at N+1, as the next batch.
        List<Object[]> next = new ArrayList<>();
        for (int k = 0; k < ROWS_PER_BATCH; k++) {
          next.add(new Object[] {n * ROWS_PER_BATCH + k, n, k, "after kill"});
        }
        CommitResult r = t.insert(next);
        assertThat(r.version()).isEqualTo(n + 1);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(t.snapshot().version()).isEqualTo(n + 1);
        assertThat(LakeRows.all(t.snapshot())).hasSize((int) (ROWS_PER_BATCH * (n + 1)));
        nextBatch = n + 1;
      }
    }
    System.out.printf("%s: %d kill rounds took %.1f s; temporary files left by killed writers: %s%n",
        name, ROUNDS, (System.nanoTime() - started) / 1e9, tempFilesSeen);
  }

  private static List<Long> range(long from, long toInclusive) {
    return LongStream.rangeClosed(from, toInclusive).boxed().toList();
  }
}
