package dev.lake.it.mount;

import static dev.lake.it.mount.support.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.MountedLake;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One JVM serving the mount and using it (the design's "one engine per process serves every
 * JDBC connection and the mount"): this test's thread holds {@code data.csv} open while commits
 * happen through the mount and through the engine.
 *
 * <p>The hazard: a process forked by the JVM inherits the open descriptor and closes it (a FUSE
 * flush). Kernel's Hadoop local file system used to fork {@code chmod} for every file it wrote;
 * during a {@code sed -i} rename libfuse holds the file's path lock, so the child's flush waited
 * for the rename, the rename waited for the commit and the commit for the child: a hang. Local
 * lakes now do Kernel's I/O through java.nio (no process is forked on the commit path). If that
 * regresses, a watchdog prepared before the descriptor is opened aborts the mount
 * ({@code umount -f}) so that the test fails instead of hanging; the timeout below is only that
 * guard, not a speed requirement.
 */
class MountInProcessIT extends MountTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(90);

  @Test
  void commitsFinishWhileThisJvmHoldsDataCsvOpen() throws Exception {
    String t = unique("held");
    List<Object[]> rows = new ArrayList<>();
    for (long i = 1; i <= 5; i++) {
      rows.add(new Object[] {i, "name" + i});
    }
    Tables.create(lake(), t, "id BIGINT, name STRING", rows, "id");
    long v = version(t);
    Path data = m.data(t);
    Process watchdog = watchdog(HANG_GUARD.plusSeconds(30));
    try {
      try (FileChannel held = FileChannel.open(data, StandardOpenOption.READ)) {
        assertThat(held.read(ByteBuffer.allocate(64))).isPositive();
        assertTimeoutPreemptively(
            HANG_GUARD,
            () -> {
              // A rename commit through the mount (sed -i), an append commit (echo >>), and a
              // commit of this JVM's own engine, all while the descriptor is open here.
              ok("sed -i 's/^3,name3$/3,changed3/' " + t + "/data.csv");
              ok("echo '6,name6' >> " + t + "/data.csv");
              lake().table(t).insert(List.<Object[]>of(new Object[] {7L, "name7"}));
            },
            "a commit hung while this JVM held data.csv open (a forked process closing an inherited descriptor?)");
      }
    } finally {
      // bash first, then its sleep: killing the sleep first would let bash go on to the umount.
      List<ProcessHandle> sleeping = watchdog.descendants().toList();
      watchdog.destroyForcibly();
      watchdog.waitFor(10, TimeUnit.SECONDS);
      sleeping.forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(version(t)).as("three commits").isEqualTo(v + 3);
    assertThat(rows(t))
        .isEqualTo(
            Tables.sorted(
                List.of(
                    row(1L, "name1"),
                    row(2L, "name2"),
                    row(3L, "changed3"),
                    row(4L, "name4"),
                    row(5L, "name5"),
                    row(6L, "name6"),
                    row(7L, "name7"))));
    assertThat(m.errorsLog(t)).isEmpty();
  }

  /**
   * Requests that wait (appends, each flush waiting for its commit) make the mount start more FUSE
   * threads; once the burst is over, a thread that finishes a request while more than ten others
   * are idle ends, as in libfuse's own loop, so the burst's threads do not stay for the mount's
   * life. Counted from this JVM's live threads (the mount runs in it).
   */
  @Test
  void fuseThreadsStartedForABurstEndAfterIt() throws Exception {
    int idleKept = 10; // FuseLoop.MAX_IDLE
    String base = unique("burst");
    // Enough rows that each append's key check takes a while, so that the appends overlap.
    List<Object[]> rows = new ArrayList<>();
    for (long i = 1; i <= 20_000; i++) {
      rows.add(new Object[] {i, "name" + i});
    }
    Tables.create(lake(), base, "id BIGINT, name STRING", rows, "id");
    List<String> tables = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // copies: tables of their own, committed to in parallel
      String t = base + "c" + i;
      copyTree(m.lakeDir().resolve(base), m.lakeDir().resolve(t));
      tables.add(t);
    }
    int before = fuseThreads();
    // All appends at once: each flush holds a FUSE thread until its commit is done.
    StringBuilder burst = new StringBuilder();
    for (String t : tables) {
      burst.append("echo '20001,extra' >> ").append(t).append("/data.csv & ");
    }
    // The most threads alive at once, sampled while the burst runs (threads end as it winds down).
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger(before);
    java.util.concurrent.atomic.AtomicBoolean bursting = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (bursting.get()) {
        most.accumulateAndGet(fuseThreads(), Math::max);
        Thread.onSpinWait();
      }
    }, "fuse-thread-sampler");
    sampler.start();
    try {
      ok(burst + "wait");
    } finally {
      bursting.set(false);
      sampler.join();
    }
    int peak = most.get();
    // More than idleKept + 1 above the start: what is left afterwards cannot be that small unless threads ended.
    assertThat(peak).as("threads started for the burst (before: %d)", before).isGreaterThanOrEqualTo(before + idleKept + 2);
    ok("for i in $(seq 100); do stat -c %s " + base + "/data.csv > /dev/null; done"); // requests one at a time
    int after = fuseThreads();
    assertThat(after).as("threads left after the burst (before %d, peak %d)", before, peak)
        .isLessThanOrEqualTo(before + idleKept + 1)
        .isLessThan(peak);
    for (String t : tables) { // every append committed, and the mount still serves every table
      assertThat(version(t)).as("%s: created, then one append", t).isEqualTo(version(base) + 1);
      assertThat(sh("wc -l < " + t + "/data.csv").stdout().trim()).isEqualTo("20002");
      assertThat(sh("tail -n 1 " + t + "/data.csv").stdout()).isEqualTo("20001,extra\n");
    }
  }

  private static int fuseThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("lake-fuse-") && !t.getName().equals("lake-fuse-teardown"))
        .count();
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  /** An in-process unmount leaves no helper process behind (libfuse's auto_unmount fusermount). */
  @Test
  void closeLeavesNoFusermountHelperBehind() throws Exception {
    Path root = java.nio.file.Files.createDirectories(tmp.resolve("own-" + unique("mount")));
    String mnt = root.resolve("mnt").toAbsolutePath().normalize().toString();
    try (MountedLake own = MountedLake.start(root)) {
      assertThat(helpersOf(mnt)).as("the helper runs while mounted").isNotEmpty();
    }
    // Wait for the killed helper to be gone (the hang guard, not a speed limit); a zombie entry
    // has no command line and does not count.
    long deadline = System.nanoTime() + HANG_GUARD.toNanos();
    while (!helpersOf(mnt).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(helpersOf(mnt)).as("fusermount helpers of %s after close", mnt).isEmpty();
  }

  private static List<ProcessHandle> helpersOf(String mountPoint) {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("fusermount")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(mountPoint)).orElse(false))
        .toList();
  }

  /**
   * A separate process, started before this JVM opens any file of the mount (so it holds none),
   * that aborts the mount after {@code after} unless destroyed first.
   */
  private Process watchdog(Duration after) throws Exception {
    String mnt = Shell.quote(m.mountPoint().toString());
    return new ProcessBuilder(
            "bash", "-c", "sleep " + after.toSeconds() + " && { umount -f " + mnt + " 2>/dev/null || fusermount -u -z " + mnt + "; }")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
