package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.support.DeltaLogFiles;
import dev.lake.it.support.JavaProcess;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.ProcessGroup;
import dev.lake.it.support.WorkerReport;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import dev.lake.it.workers.RowChangeOps;
import dev.lake.it.workers.RowChangeWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes change the same rows at the same time: read-modify-write updates, deletes of
 * overlapping ranges, appends into ranges being deleted. Each worker reports which of its
 * operations committed at which version (or failed with a ConflictException after the engine's
 * re-planning attempts). The test then replays exactly the committed operations serially, in
 * version order, on an in-memory model, and requires the table to equal the model at every
 * version: nothing lost, nothing applied twice, every commit the effect of exactly one operation
 * on the version before it.
 *
 * <p>Runs on every storage backend. On object stores each worker does 10 operations instead of
 * 20-25 (every re-planned attempt costs several HTTP round trips; about two minutes for both
 * tests against S3Proxy on a busy 2-core machine); {@code -Dlake.it.full=true} runs the full counts.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ConcurrentRowChangesIT {
  static final int UPDATE_WORKERS = 4;
  static final int UPDATES_EACH = 25;
  static final int DELETE_WORKERS = 2;
  static final int DELETES_EACH = 20;
  static final int APPEND_WORKERS = 2;
  static final int APPENDS_EACH = 25;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The backend of the running invocation, and the lake it created there. */
  StorageEndpoint storage;
  String location;

  private void useLake(StorageEndpoint storage, String label) {
    this.storage = storage;
    this.location = storage.newLakeLocation(label);
  }

  /** Operations per worker: {@code count} locally, 10 on object stores unless lake.it.full is set. */
  private int ops(int count) {
    return storage.backend().equals("local") || Boolean.getBoolean("lake.it.full") ? count : Math.min(count, 10);
  }

  @BackendTest
  void overlappingIncrementsAreAppliedExactlyOnceInCommitOrder(StorageEndpoint backend) throws Exception {
    useLake(backend, "counters");
    long started = System.nanoTime();
    String tablePath;
    try (Lake lake = storage.open(location)) {
      Table t =
          lake.createTable(
              "counters",
              TableDefinition.of(TypeParser.parseColumns("id BIGINT, counter INT, trail STRING")).withPrimaryKey("id"));
      List<Object[]> rows = new ArrayList<>();
      for (long id = 0; id < RowChangeOps.ROWS; id++) {
        rows.add(new Object[] {id, 0, ""});
      }
      assertThat(t.insert(rows).version()).isEqualTo(1);
      tablePath = t.path();
    }

    List<WorkerReport> reports = runWorkers("counters", "update", UPDATE_WORKERS, ops(UPDATES_EACH));
    List<WorkerReport> committed = committedInVersionOrder(reports);
    long conflicts = reports.stream().filter(r -> !r.ok()).count();
    System.out.printf(
        "counters [" + storage.backend() + "]: %d processes x %d updates took %.1f s: %d committed, %d ConflictExceptions, attempts %s%n",
        UPDATE_WORKERS, ops(UPDATES_EACH), (System.nanoTime() - started) / 1e9, committed.size(), conflicts,
        attemptHistogram(reports));
    assertThat(reports).filteredOn(r -> r.ok()).allSatisfy(r -> assertThat(r.committed()).as("%s", r).isTrue());

    try (Lake lake = storage.open(location)) {
      Table t = lake.table("counters");
      assertVersions(t, committed, "UPDATE");

      // Replay serially in commit order.
      Map<Long, Integer> counter = new TreeMap<>();
      Map<Long, String> trail = new HashMap<>();
      for (long id = 0; id < RowChangeOps.ROWS; id++) {
        counter.put(id, 0);
        trail.put(id, "");
      }
      for (WorkerReport r : committed) {
        long covered = 0;
        for (long id = 0; id < RowChangeOps.ROWS; id++) {
          if (RowChangeOps.updateCovers(r.worker(), r.op(), id)) {
            covered++;
            counter.merge(id, 1, Integer::sum);
            trail.put(id, trail.get(id) + r.worker() + "." + r.op() + ";");
          }
        }
        assertThat(r.rows()).as("rows updated by %s", r).isEqualTo(covered);
        List<List<Object>> expected =
            counter.keySet().stream().map(id -> List.<Object>of(id, counter.get(id), trail.get(id))).toList();
        assertThat(LakeRows.all(t.snapshotAt(r.version())))
            .as("table at version %d (after update %d.%d)", r.version(), r.worker(), r.op())
            .containsExactlyElementsOf(sortedByText(expected));
      }

      // The final counters: each row counts exactly the committed updates that covered it.
      for (long id = 0; id < RowChangeOps.ROWS; id++) {
        final long row = id;
        long expected = committed.stream().filter(r -> RowChangeOps.updateCovers(r.worker(), r.op(), row)).count();
        assertThat(counter.get(id)).isEqualTo((int) expected);
      }
      List<List<Object>> finalRows = LakeRows.all(t.snapshot());
      assertThat(finalRows).hasSize(RowChangeOps.ROWS);
      assertThat(finalRows).extracting(r -> (Integer) r.get(1))
          .containsExactlyElementsOf(finalRows.stream().map(r -> counter.get((Long) r.get(0))).toList());
      assertThat(new KernelRows(lake.storage().hadoopConf()).all(tablePath)).isEqualTo(finalRows);
    }
    assertNoTempFiles("counters");
  }

  @BackendTest
  void overlappingDeletesAndAppendsEqualTheSerialOutcome(StorageEndpoint backend) throws Exception {
    useLake(backend, "events");
    long started = System.nanoTime();
    String tablePath;
    try (Lake lake = storage.open(location)) {
      Table t = lake.createTable("events", TableDefinition.of(TypeParser.parseColumns("id BIGINT, src STRING")));
      List<Object[]> rows = new ArrayList<>();
      for (long id = 0; id < RowChangeOps.ROWS; id++) {
        rows.add(new Object[] {id, "init"});
      }
      assertThat(t.insert(rows).version()).isEqualTo(1);
      tablePath = t.path();
    }

    List<WorkerReport> reports = new ArrayList<>();
    Path gate = dir.resolve("events.gate");
    try (ProcessGroup group = new ProcessGroup()) {
      for (int w = 0; w < DELETE_WORKERS; w++) {
        startWorker(group, "events", "delete", w, ops(DELETES_EACH), gate);
      }
      for (int w = 0; w < APPEND_WORKERS; w++) {
        startWorker(group, "events", "append", w, ops(APPENDS_EACH), gate);
      }
      reports.addAll(collect(group, gate));
    }
    List<WorkerReport> committed = committedInVersionOrder(reports);
    List<WorkerReport> noChange = reports.stream().filter(r -> r.ok() && !r.committed()).toList();
    long conflicts = reports.stream().filter(r -> !r.ok()).count();
    System.out.printf(
        "events [" + storage.backend() + "]: %d deleters x %d + %d appenders x %d took %.1f s: %d committed, %d changed nothing,"
            + " %d ConflictExceptions, attempts %s%n",
        DELETE_WORKERS, ops(DELETES_EACH), APPEND_WORKERS, ops(APPENDS_EACH), (System.nanoTime() - started) / 1e9,
        committed.size(), noChange.size(), conflicts, attemptHistogram(reports));

    try (Lake lake = storage.open(location)) {
      Table t = lake.table("events");
      assertVersions(t, committed, null);

      // The model is a multiset of rows: an append applied twice would show as duplicates.
      List<List<Object>> model = new ArrayList<>();
      for (long id = 0; id < RowChangeOps.ROWS; id++) {
        model.add(List.of(id, "init"));
      }
      List<List<List<Object>>> modelAtVersion = new ArrayList<>();
      long deletedTotal = 0;
      long appendedTotal = 0;
      for (WorkerReport r : committed) {
        if (r.kind().equals("delete")) {
          long[] range = RowChangeOps.deleteRange(r.worker(), r.op());
          int before = model.size();
          model.removeIf(row -> (Long) row.get(0) >= range[0] && (Long) row.get(0) < range[1]);
          assertThat(r.rows()).as("rows deleted by %s", r).isEqualTo(before - model.size());
          deletedTotal += r.rows();
        } else {
          for (long id : RowChangeOps.appendIds(r.worker(), r.op())) {
            model.add(List.of(id, "a" + r.worker() + "." + r.op()));
          }
          assertThat(r.rows()).as("rows inserted by %s", r).isEqualTo(4);
          appendedTotal += 4;
        }
        modelAtVersion.add(sortedByText(model));
        assertThat(LakeRows.all(t.snapshotAt(r.version())))
            .as("table at version %d (after %s %d.%d)", r.version(), r.kind(), r.worker(), r.op())
            .containsExactlyElementsOf(sortedByText(model));
      }
      // A delete that made no commit found nothing to delete in the version it read: some
      // version of the table had no row in its range.
      for (WorkerReport r : noChange) {
        long[] range = RowChangeOps.deleteRange(r.worker(), r.op());
        boolean someVersionHadNone =
            modelAtVersion.stream()
                .anyMatch(m -> m.stream().noneMatch(row -> (Long) row.get(0) >= range[0] && (Long) row.get(0) < range[1]));
        assertThat(someVersionHadNone).as("%s deleted nothing, yet every version had rows in its range", r).isTrue();
      }

      List<List<Object>> finalRows = LakeRows.all(t.snapshot());
      assertThat(finalRows).containsExactlyElementsOf(sortedByText(model));
      assertThat(finalRows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(finalRows.size());
      assertThat((long) finalRows.size()).isEqualTo(RowChangeOps.ROWS + appendedTotal - deletedTotal);
      assertThat(new KernelRows(lake.storage().hadoopConf()).all(tablePath)).isEqualTo(finalRows);
    }
    assertNoTempFiles("events");
  }

  // ---------------------------------------------------------------------------------------------

  private List<WorkerReport> runWorkers(String table, String kind, int workers, int ops) throws Exception {
    Path gate = dir.resolve(table + ".gate");
    try (ProcessGroup group = new ProcessGroup()) {
      for (int w = 0; w < workers; w++) {
        startWorker(group, table, kind, w, ops, gate);
      }
      return collect(group, gate);
    }
  }

  private void startWorker(ProcessGroup group, String table, String kind, int w, int ops, Path gate) {
    group.start(
        table + "-" + kind + "-" + w, RowChangeWorker.class,
        storage.withOptions(location), table, kind, Integer.toString(w), Integer.toString(ops), gate.toString());
  }

  private void assertNoTempFiles(String table) {
    try (Lake lake = storage.open(location)) {
      assertThat(new DeltaLogFiles(lake.table(table).path(), lake.storage().hadoopConf()).tempFiles()).isEmpty();
    }
  }

  private static List<WorkerReport> collect(ProcessGroup group, Path gate) throws Exception {
    group.releaseWhenReady(gate, JavaProcess.DEFAULT_TIMEOUT);
    group.awaitAllSuccess(JavaProcess.DEFAULT_TIMEOUT);
    List<WorkerReport> out = new ArrayList<>();
    for (JavaProcess p : group.processes()) {
      List<WorkerReport> mine = WorkerReport.parse(p.stdout());
      assertThat(p.stdoutLines("DONE ")).as(p.name()).hasSize(1);
      assertThat(mine).as("reports of %s", p.name()).isNotEmpty();
      out.addAll(mine);
    }
    return out;
  }

  /** The committed operations by version; versions are distinct and follow version 1 without gaps. */
  private static List<WorkerReport> committedInVersionOrder(List<WorkerReport> reports) {
    List<WorkerReport> committed =
        reports.stream().filter(WorkerReport::committed).sorted(Comparator.comparingLong(WorkerReport::version)).toList();
    assertThat(committed).extracting(WorkerReport::version)
        .as("versions reported by the workers")
        .containsExactlyElementsOf(LongStream.rangeClosed(2, committed.size() + 1).boxed().toList());
    return committed;
  }

  /** The table's history is exactly: create, initial insert, then one commit per reported operation. */
  private static void assertVersions(Table t, List<WorkerReport> committed, String operation) {
    long last = committed.size() + 1;
    assertThat(t.snapshot().version()).isEqualTo(last);
    List<HistoryEntry> history = t.history();
    assertThat(history).extracting(HistoryEntry::version)
        .containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
    for (WorkerReport r : committed) {
      String expected = operation != null ? operation : r.kind().equals("append") ? "WRITE" : "DELETE";
      assertThat(history.get((int) r.version()).operation()).as("operation of version %d", r.version()).isEqualTo(expected);
    }
  }

  private static List<List<Object>> sortedByText(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  private static String attemptHistogram(List<WorkerReport> reports) {
    return reports.stream().filter(WorkerReport::ok)
        .collect(Collectors.groupingBy(WorkerReport::attempts, TreeMap::new, Collectors.counting()))
        .toString();
  }
}
