package dev.lake.it.mount.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the suites that share one read-write mount per class (mounting costs ~2 s: jnr-fuse
 * waits that long in a non-blocking mount): a fresh lake in a temporary directory, mounted before
 * the first test and unmounted after the last (also when tests fail; {@code fusermount -u -z}
 * as the last resort; a test that hangs -- a deadlocked mount -- fails after 3 minutes and the
 * mount is aborted at the end). Tests use their own table names ({@link #unique}) and their own local
 * work directory ({@link #work}), so they do not see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class MountTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** The class's temporary directory: lake/, mnt/ and the tests' work directories. */
  protected Path tmp;
  protected MountedLake m;
  /** A local (not mounted) directory of this test's own. */
  protected Path work;

  @BeforeAll
  void mountLake() throws IOException {
    tmp = Files.createTempDirectory("lake-mount-it-");
    m = MountedLake.start(tmp);
  }

  @AfterAll
  void unmountLake() throws IOException {
    if (m != null) {
      m.close();
    }
    if (ProcMounts.entry(tmp.resolve("mnt")) == null) {
      try (var paths = Files.walk(tmp)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void workDir() {
    try {
      work = Files.createDirectories(tmp.resolve("work-" + NAMES.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table name no other test uses. */
  protected static String unique(String base) {
    return base + NAMES.incrementAndGet();
  }

  /** The test's own engine instance on the mounted lake. */
  protected Lake lake() {
    return m.lake();
  }

  /** Runs a command with the mount point as working directory. */
  protected Shell.Result sh(String script) {
    return m.sh(script);
  }

  /** Runs a command with the mount point as working directory; fails unless it exits 0. */
  protected Shell.Result ok(String script) {
    return m.ok(script);
  }

  /** Writes a local file in the test's work directory. */
  protected Path local(String name, String content) {
    try {
      return Files.writeString(work.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected long version(String table) {
    return Tables.version(lake(), table);
  }

  protected List<List<Object>> rows(String table) {
    return Tables.rows(lake(), table);
  }

  /** Asserts that exactly one commit happened since {@code before}, with these row counts. */
  protected void assertOneCommit(String table, long before, long inserted, long updated, long deleted) {
    assertThat(version(table)).as("versions of %s: one user action = one commit", table).isEqualTo(before + 1);
    assertThat(Tables.lastCounts(lake(), table))
        .as("row counts of the commit")
        .isEqualTo("inserted=" + inserted + " updated=" + updated + " deleted=" + deleted);
  }

  /** Asserts that nothing was committed since {@code before} and the rows are {@code rows}. */
  protected void assertUnchanged(String table, long before, List<List<Object>> rows) {
    assertThat(version(table)).as("version of %s (nothing committed)", table).isEqualTo(before);
    assertThat(rows(table)).as("rows of %s", table).isEqualTo(rows);
  }

  /** What is in the lake's directory on disk (tables are sub-directories). */
  protected List<String> lakeDirEntries() {
    try (var s = Files.list(m.lakeDir())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
