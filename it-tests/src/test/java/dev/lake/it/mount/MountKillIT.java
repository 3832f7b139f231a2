package dev.lake.it.mount;

import static dev.lake.it.mount.support.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.it.mount.support.Csv;
import dev.lake.it.mount.support.MountProcess;
import dev.lake.it.mount.support.ProcMounts;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lake mount} as its own process: SIGKILL leaves no dead mount behind (auto_unmount) and
 * the table at its last commit; SIGTERM unmounts cleanly.
 */
class MountKillIT {
  /** Bound for the asynchronous unmount after the process died (polling, not a timing assertion). */
  static final Duration UNMOUNT_WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  Path lakeDir;
  Path mnt;
  Lake lake;

  @BeforeEach
  void lake() throws Exception {
    lakeDir = Files.createDirectories(tmp.resolve("lake"));
    mnt = Files.createDirectories(tmp.resolve("mnt"));
    lake = Lake.open(lakeDir.toString());
    Tables.create(lake, "t", "id BIGINT, name STRING", List.of(new Object[] {1L, "one"}, new Object[] {2L, "two"}), "id");
  }

  private MountProcess mount() {
    MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("mount-" + System.nanoTime() + ".log"));
    // it serves: the mount shows the table
    Csv.assertSameBytes("cat through the mount process", Shell.ok(mnt, "cat t/data.csv").stdoutBytes(),
        Tables.csv(lake.table("t").snapshot()));
    return p;
  }

  @Test
  void sigkillLeavesNoMountBehindAndTheTableAtItsLastCommit() throws Exception {
    try (MountProcess p = mount()) {
      Shell.ok(mnt, "echo '3,three' >> t/data.csv && sed -i 's/^1,one$/1,uno/' t/data.csv");
      long v = Tables.version(lake, "t");
      assertThat(v).as("create + insert, then two commits through the mount").isEqualTo(3);

      p.process().destroyForcibly();
      assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.process().exitValue()).isEqualTo(137);

      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT))
          .as("auto_unmount: %s still in /proc/mounts %s after SIGKILL: %s", mnt, UNMOUNT_WAIT, ProcMounts.entry(mnt))
          .isTrue();
      // the mount point is a plain, empty, usable directory again
      assertThat(Shell.run(mnt, "ls -A").stdout()).isEmpty();

      Lake fresh = Lake.open(lakeDir.toString());
      assertThat(Tables.version(fresh, "t")).isEqualTo(v);
      assertThat(Tables.rows(fresh, "t")).isEqualTo(Tables.sorted(List.of(row(1L, "uno"), row(2L, "two"), row(3L, "three"))));
      fresh.table("t").insert(List.<Object[]>of(new Object[] {4L, "four"}));
      assertThat(Tables.version(fresh, "t")).isEqualTo(v + 1);
    }
  }

  /**
   * A killed mount cannot delete its staging (renderings as large as the tables read); the next
   * {@code lake mount} with the same temporary directory deletes it, and nothing else.
   */
  @Test
  void theNextMountDeletesTheStagingAKilledMountLeft() throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    Path unrelated = Files.createDirectories(jvmTmp.resolve("someone-elses-dir"));
    List<String> flags = List.of("-Djava.io.tmpdir=" + jvmTmp);
    Path left;
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("first.log"), flags)) {
      Shell.ok(mnt, "cat t/data.csv > /dev/null"); // a rendering in the staging directory
      long pid = p.process().pid();
      p.process().destroyForcibly();
      assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).isTrue();
      List<Path> staging = stagingDirs(jvmTmp, "lake-mount-");
      assertThat(staging).as("the killed mount's staging").hasSize(1);
      left = staging.get(0);
      assertThat(Files.readString(left.resolve("owner.pid")).trim()).isEqualTo(Long.toString(pid));
    }
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("second.log"), flags)) {
      assertThat(left).as("deleted by the next mount").doesNotExist();
      assertThat(unrelated).exists();
      List<Path> staging = stagingDirs(jvmTmp, "lake-mount-");
      assertThat(staging).as("the new mount's own staging").hasSize(1);
      assertThat(Files.readString(staging.get(0).resolve("owner.pid")).trim()).isEqualTo(Long.toString(p.process().pid()));
      assertThat(Shell.ok(mnt, "cat t/data.csv").stdout()).contains("1,one");
    }
  }

  /**
   * SIGTERM while the warm-up still runs (it starts with the mount and takes seconds): the mount
   * ends cleanly and leaves neither its staging nor the warm-up's scratch lake behind.
   */
  @Test
  void sigtermDuringTheWarmUpLeavesNoScratchDirectoryBehind() throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("warmup.log"), List.of("-Djava.io.tmpdir=" + jvmTmp))) {
      List<Path> warmups = stagingDirs(jvmTmp, "lake-warmup-");
      assertThat(warmups).as("the warm-up runs once the mount is up\n%s", p.output()).hasSize(1);
      p.process().destroy(); // SIGTERM
      int exit = p.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("exit code after SIGTERM\n%s", p.output()).isIn(0, 143);
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).as("unmounted after SIGTERM").isTrue();
      assertThat(warmups.get(0)).as("the warm-up's directory\n%s", p.output()).doesNotExist();
      assertThat(stagingDirs(jvmTmp, "lake-")).as("nothing of the mount left in its temporary directory").isEmpty();
      assertThat(p.output()).doesNotContain("warm-up skipped");
    }
    assertThat(Tables.rows(Lake.open(lakeDir.toString()), "t")).isEqualTo(Tables.sorted(List.of(row(1L, "one"), row(2L, "two"))));
  }

  /**
   * The warm-up mounts its scratch lake with FUSE for a moment and reads it through the kernel:
   * once it is done, that mount is gone from /proc/mounts, its {@code auto_unmount} helper has
   * been ended and reaped (no zombie entry), and its directory is deleted; the real mount serves.
   */
  @Test
  void theWarmUpsPassThroughFuseLeavesNoMountNoHelperAndNoDirectory() throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("pass.log"), List.of("-Djava.io.tmpdir=" + jvmTmp))) {
      for (int i = 0; i < 600 && !stagingDirs(jvmTmp, "lake-warmup-").isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertThat(stagingDirs(jvmTmp, "lake-warmup-")).as("the warm-up ended\n%s", p.output()).isEmpty();
      assertThat(p.output()).doesNotContain("warm-up skipped");
      assertThat(Files.readAllLines(Path.of("/proc/mounts"))).as("mounts left").noneMatch(l -> l.contains("lake-warmup-"));
      // The real mount's helper is its only child: the pass's helper was ended and reaped.
      List<String> children = p.process().children()
          .map(c -> c.pid() + " " + c.info().command().orElse("(no command: a zombie?)") + " " + c.info().arguments().map(List::of).orElse(List.of()))
          .toList();
      assertThat(children).as("the mount process's children").hasSize(1);
      assertThat(children.get(0)).contains("fusermount").contains(mnt.toString());
      assertThat(stagingDirs(jvmTmp, "lake-mount-")).as("the real mount's staging only").hasSize(1);
      Csv.assertSameBytes("cat through the mount after the warm-up", Shell.ok(mnt, "cat t/data.csv").stdoutBytes(),
          Tables.csv(lake.table("t").snapshot()));
    }
  }

  /**
   * SIGTERM while the warm-up's own FUSE mount is up: three shutdown hooks meet (the real mount's
   * unmount, the scratch mount's unmount, the warm-up's stop). Both mounts go, the process ends,
   * and nothing is left in its temporary directory.
   */
  @Test
  void sigtermDuringTheWarmUpsPassThroughFuseLeavesNoMountAndNoDirectory() throws Exception {
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("pass-term.log"), List.of("-Djava.io.tmpdir=" + jvmTmp))) {
      // Poll for the scratch mount (it is up for about half a second); the bound ends a hung test.
      boolean seen = false;
      for (int i = 0; i < 30_000 && !seen && !stagingDirs(jvmTmp, "lake-warmup-").isEmpty(); i++) {
        seen = Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains("lake-warmup-"));
        if (!seen) {
          Thread.sleep(2);
        }
      }
      assertThat(seen).as("the warm-up's FUSE mount was seen\n%s", p.output()).isTrue();
      p.process().destroy(); // SIGTERM
      int exit = p.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("exit code after SIGTERM\n%s", p.output()).isIn(0, 143);
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).as("unmounted after SIGTERM").isTrue();
      assertThat(Files.readAllLines(Path.of("/proc/mounts"))).as("the scratch mount").noneMatch(l -> l.contains("lake-warmup-"));
      assertThat(stagingDirs(jvmTmp, "lake-")).as("nothing of the mount left in its temporary directory").isEmpty();
      assertThat(p.output()).doesNotContain("warm-up skipped").doesNotContain("no pass through FUSE");
    }
    assertThat(Tables.rows(Lake.open(lakeDir.toString()), "t")).isEqualTo(Tables.sorted(List.of(row(1L, "one"), row(2L, "two"))));
  }

  private static List<Path> stagingDirs(Path dir, String prefix) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  @Test
  void sigkillWithAnUncommittedWriteOpenCommitsNothing() throws Exception {
    long v = Tables.version(lake, "t");
    try (MountProcess p = mount()) {
      // A writer with data.csv open for appending: its row is staged in the mount, and
      // committed only when a descriptor is closed (FUSE flush). A FileChannel writes with
      // write(2) on its one descriptor and closes nothing until told (a shell would: bash's
      // `echo >&3` dups the descriptor and closes the dup, which flushes).
      FileChannel ch = FileChannel.open(mnt.resolve("t/data.csv"), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      try {
        ch.write(ByteBuffer.wrap("9,staged\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Tables.version(lake, "t")).as("nothing committed while the file is open").isEqualTo(v);

        p.process().destroyForcibly();
        assertThat(p.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        try {
          ch.close();
        } catch (IOException expected) {
          // the file system is gone: ENOTCONN
        }
      }
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).as("unmounted after SIGKILL").isTrue();

      Lake fresh = Lake.open(lakeDir.toString());
      assertThat(Tables.version(fresh, "t")).isEqualTo(v);
      assertThat(Tables.rows(fresh, "t")).isEqualTo(Tables.sorted(List.of(row(1L, "one"), row(2L, "two"))));
    }
  }

  /**
   * A rewrite in progress (data.csv opened with O_TRUNC, only part of the new text written, not
   * closed) when the mount gets SIGTERM: the writer never finished, so nothing may be committed
   * -- committing the partial text would delete every row not yet written.
   */
  @Test
  void sigtermWithAHalfWrittenRewriteOpenCommitsNothing() throws Exception {
    long v = Tables.version(lake, "t");
    try (MountProcess p = mount()) {
      FileChannel ch = FileChannel.open(mnt.resolve("t/data.csv"), StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      try {
        ch.write(ByteBuffer.wrap("id,name\n1,one\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Tables.version(lake, "t")).as("nothing committed while the file is open").isEqualTo(v);
        p.process().destroy(); // SIGTERM
        assertThat(p.process().waitFor(60, TimeUnit.SECONDS)).as("the mount ends after SIGTERM\n%s", p.output()).isTrue();
      } finally {
        try {
          ch.close();
        } catch (IOException expected) {
          // the file system is gone
        }
      }
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).as("unmounted after SIGTERM").isTrue();
      Lake fresh = Lake.open(lakeDir.toString());
      assertThat(Tables.rows(fresh, "t")).as("rows after SIGTERM with an unfinished rewrite open\n%s", p.output())
          .isEqualTo(Tables.sorted(List.of(row(1L, "one"), row(2L, "two"))));
      assertThat(Tables.version(fresh, "t")).isEqualTo(v);
    }
  }

  @Test
  void sigtermUnmountsCleanly() throws Exception {
    try (MountProcess p = mount()) {
      Shell.ok(mnt, "echo '3,three' >> t/data.csv");
      long v = Tables.version(lake, "t");

      p.process().destroy(); // SIGTERM
      int exit = p.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as("exit code after SIGTERM\n%s", p.output()).isIn(0, 143);
      assertThat(ProcMounts.await(mnt, false, UNMOUNT_WAIT)).as("unmounted after SIGTERM").isTrue();
      assertThat(Shell.run(mnt, "ls -A").stdout()).isEmpty();
      assertThat(Tables.version(Lake.open(lakeDir.toString()), "t")).isEqualTo(v);
      assertThat(Tables.rows(Lake.open(lakeDir.toString()), "t"))
          .isEqualTo(Tables.sorted(List.of(row(1L, "one"), row(2L, "two"), row(3L, "three"))));
    }
  }
}
