package dev.lake.it;

import static dev.lake.it.mount.support.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.it.mount.support.MountedLake;
import dev.lake.it.mount.support.Tables;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FUSE mount over a lake on every storage backend, driven by Unix tools: {@code cat},
 * {@code echo >>}, {@code sed -i}, a new table by {@code mkdir} + {@code cat >}; each edit is
 * checked through a separate engine instance (one commit each, exact rows), and again after
 * unmounting.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StorageMountIT {
  @TempDir Path tmp;

  @BackendTest
  void unixToolsEditTablesOfTheMountedLake(StorageEndpoint storage) {
    String location = storage.newLakeLocation("mount");
    try (Lake lake = storage.open(location)) {
      Tables.create(lake, "people", "id BIGINT, name STRING, city STRING", List.of(
          new Object[] {1L, "alice", "Berlin"},
          new Object[] {2L, "bob", "Paris"},
          new Object[] {3L, "carol", "Rome"}), "id");
    }
    try (MountedLake m = MountedLake.start(storage, location, tmp.resolve("mnt"))) {
      Lake lake = m.lake();
      assertThat(m.ok("ls").stdout()).isEqualTo("people\n");
      assertThat(m.ok("cat people/data.csv").stdout())
          .isEqualTo("id,name,city\n1,alice,Berlin\n2,bob,Paris\n3,carol,Rome\n")
          .isEqualTo(Tables.csvText(lake, "people"));

      long v = Tables.version(lake, "people");
      m.ok("echo '4,dave,Oslo' >> people/data.csv");
      assertThat(Tables.version(lake, "people")).isEqualTo(v + 1);
      assertThat(Tables.lastCounts(lake, "people")).isEqualTo("inserted=1 updated=0 deleted=0");

      m.ok("sed -i 's/^2,bob,Paris$/2,bob,Lyon/' people/data.csv");
      assertThat(Tables.version(lake, "people")).isEqualTo(v + 2);
      assertThat(Tables.lastCounts(lake, "people")).isEqualTo("inserted=0 updated=1 deleted=0");

      m.ok("sed -i '/^3,carol,/d' people/data.csv");
      assertThat(Tables.version(lake, "people")).isEqualTo(v + 3);
      assertThat(Tables.lastCounts(lake, "people")).isEqualTo("inserted=0 updated=0 deleted=1");

      assertThat(Tables.rows(lake, "people")).isEqualTo(Tables.sorted(List.of(
          row(1L, "alice", "Berlin"), row(2L, "bob", "Lyon"), row(4L, "dave", "Oslo"))));
      assertThat(m.ok("grep -c . people/data.csv").stdout().trim()).isEqualTo("4");

      m.ok("mkdir fruit && printf 'name,kg\\npear,2.5\\nfig,1\\n' > fruit/data.csv");
      assertThat(lake.tableNames()).containsExactly("fruit", "people");
      assertThat(Tables.rows(lake, "fruit")).hasSize(2);
      assertThat(m.ok("cat fruit/data.csv").stdout()).isEqualTo("name,kg\npear,2.5\nfig,1.0\n");
    }
    // What the mount committed is in the storage, for any new reader.
    try (Lake again = storage.open(location)) {
      assertThat(again.tableNames()).containsExactly("fruit", "people");
      assertThat(again.table("people").history()).hasSize(5);
    }
  }
}
