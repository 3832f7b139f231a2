package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up really runs the operations it is meant to compile (each one succeeds and commits
 * what the same Unix operation would), stays inside its own directory, and deletes it.
 */
class MountWarmupTest {
  @TempDir Path dir;

  @Test
  void exercisesEveryOperationThroughTheFilesystem() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        MountWarmup.exercise(fs, lake, MountWarmup.NO_BINDING.apply(fs));
      } finally {
        fs.close();
      }
      Table t = lake.table("warmup");
      assertThat(t.snapshot().primaryKey()).containsExactly("id");
      List<HistoryEntry> history = t.history();
      // schema.sql (create), cat > data.csv (insert), the appends that make the other data files,
      // the one-row appends, the sed rename (one update)
      assertThat(history).hasSize(3 + (MountWarmup.FILES - 1) + MountWarmup.APPENDS);
      assertThat(history.subList(1, 1 + MountWarmup.FILES).stream().mapToLong(HistoryEntry::rowsInserted).sum())
          .as("the whole-file write and the appends that make the data files").isEqualTo(MountWarmup.ROWS);
      assertThat(history.stream().mapToLong(HistoryEntry::rowsInserted).sum()).isEqualTo(MountWarmup.ROWS + MountWarmup.APPENDS);
      HistoryEntry last = history.get(history.size() - 1);
      assertThat(List.of(last.rowsInserted(), last.rowsUpdated(), last.rowsDeleted())).containsExactly(0L, 1L, 0L);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CsvExport.write(t.snapshot(), out);
      String csv = out.toString(StandardCharsets.UTF_8);
      assertThat(csv.lines().count()).isEqualTo(1 + MountWarmup.ROWS + MountWarmup.APPENDS);
      assertThat(csv).contains(MountWarmup.EDIT_TO).doesNotContain(MountWarmup.EDIT_FROM);
      assertThat(csv).contains("\n" + (MountWarmup.ROWS + MountWarmup.APPENDS - 1) + ",item-");
    }
    assertThat(dir.resolve("staging")).doesNotExist();
  }

  @Test
  void runDeletesItsDirectoryAndTouchesNothingElse() throws Exception {
    Path work = Files.createDirectory(dir.resolve("warmup-work"));
    Path neighbour = Files.writeString(dir.resolve("neighbour.txt"), "stays");
    MountWarmup warmup = new MountWarmup(work, MountWarmup.NO_BINDING, null);
    String err = stderrOf(warmup::run);
    assertThat(err).doesNotContain("warm-up skipped").doesNotContain("lake mount:");
    assertThat(warmup.stoppedEarly()).as("ran to its end").isFalse();
    assertThat(work).doesNotExist();
    assertThat(neighbour).hasContent("stays");
  }

  @Test
  void aFailureIsReportedAndCleanedUp() throws Exception {
    Path work = Files.createDirectory(dir.resolve("warmup-work"));
    Files.writeString(work.resolve("lake"), "a file where the scratch lake should go");
    String err = stderrOf(() -> new MountWarmup(work, MountWarmup.NO_BINDING, null).run());
    assertThat(err).startsWith("lake mount: warm-up skipped: ");
    assertThat(work).doesNotExist();
  }

  /**
   * The pass through FUSE failing (here: a "mount" that mounts nothing, so the first stat fails)
   * is reported on one line and ends only that pass: what it mounted is unmounted, the rest of
   * the warm-up runs, and its directory is deleted.
   */
  @Test
  void aFailedPassThroughFuseIsReportedAndOnlyThatPassEnds() throws Exception {
    Path work = Files.createDirectory(dir.resolve("warmup-work"));
    AtomicBoolean unmounted = new AtomicBoolean();
    AtomicReference<Path> mountedAt = new AtomicReference<>();
    MountWarmup warmup = new MountWarmup(work, MountWarmup.NO_BINDING, (lake, at, staging) -> {
      mountedAt.set(at);
      return () -> unmounted.set(true);
    });
    String err = stderrOf(warmup::run);
    assertThat(mountedAt.get()).isEqualTo(work.resolve("mnt"));
    assertThat(unmounted).as("unmounted after the failure").isTrue();
    List<String> said = err.lines().filter(l -> l.startsWith("lake mount:")).toList();
    assertThat(said).hasSize(1);
    assertThat(said.get(0)).startsWith("lake mount: warm-up: no pass through FUSE: ").contains("data.csv");
    assertThat(warmup.stoppedEarly()).as("ran to its end").isFalse();
    assertThat(work).doesNotExist();
  }

  @Test
  void aMountThatCannotBeMadeIsReportedTheSameWay() throws Exception {
    Path work = Files.createDirectory(dir.resolve("warmup-work"));
    MountWarmup warmup = new MountWarmup(work, MountWarmup.NO_BINDING, (lake, at, staging) -> {
      throw new java.io.IOException("fusermount: mount failed: Operation not permitted");
    });
    String err = stderrOf(warmup::run);
    List<String> said = err.lines().filter(l -> l.startsWith("lake mount:")).toList();
    assertThat(said).hasSize(1);
    assertThat(said.get(0)).startsWith("lake mount: warm-up: no pass through FUSE: ").contains("Operation not permitted");
    assertThat(work).doesNotExist();
  }

  /**
   * What a shutdown does (Ctrl-C, SIGTERM while the warm-up runs): the warm-up stops after its
   * current step, says nothing, and its directory is gone when stop returns.
   */
  @Test
  void stopEndsItAfterItsCurrentStepAndDeletesItsDirectory() throws Exception {
    Path work = Files.createDirectory(dir.resolve("warmup-work"));
    Path table = work.resolve("lake").resolve("warmup");
    MountWarmup warmup = new MountWarmup(work, MountWarmup.NO_BINDING, null);
    Thread t = new Thread(warmup, "warmup-under-test");
    String err = stderrOf(() -> {
      t.start();
      // Poll until it has made its table (not a timing assertion: the bound only ends a hung test).
      for (int i = 0; i < 6_000 && !Files.isDirectory(table) && t.isAlive(); i++) {
        sleep(10);
      }
      assertThat(table).as("the warm-up had started").isDirectory();
      warmup.stop(t, Duration.ofSeconds(60));
    });
    assertThat(t.isAlive()).as("the warm-up thread ended").isFalse();
    assertThat(warmup.stoppedEarly()).as("stopped before its last step").isTrue();
    assertThat(err).doesNotContain("warm-up skipped");
    assertThat(work).doesNotExist();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static synchronized String stderrOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      r.run();
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
