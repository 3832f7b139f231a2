package dev.lake.it.mount;

import static dev.lake.it.mount.support.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.OpenReader;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mount and a JDBC connection (another engine instance) writing the same keyed table: edits
 * of different rows both land; an edit through the mount of a row JDBC changed after the
 * mount's writer read it fails with EAGAIN and commits nothing; nothing is ever lost.
 */
class MountConcurrencyIT extends MountTest {
  static final int ROWS = 20;
  String t;
  Connection jdbc;

  @BeforeAll
  void connect() throws SQLException {
    jdbc = DriverManager.getConnection("jdbc:lake:" + m.lakeDir());
  }

  @AfterAll
  void disconnect() throws SQLException {
    if (jdbc != null) {
      jdbc.close();
    }
  }

  @BeforeEach
  void table() {
    t = unique("accounts");
    List<Object[]> rows = new ArrayList<>();
    for (long i = 1; i <= ROWS; i++) {
      rows.add(new Object[] {i, "name" + i, "start"});
    }
    Tables.create(lake(), t, "id BIGINT, name STRING, city STRING", rows, "id");
  }

  /** The table's rows with these cities set: {id, city}... */
  static List<List<Object>> expected(Object[]... cities) {
    List<List<Object>> out = new ArrayList<>();
    for (long i = 1; i <= ROWS; i++) {
      String city = "start";
      for (Object[] c : cities) {
        if (((Number) c[0]).longValue() == i) {
          city = (String) c[1];
        }
      }
      out.add(row(i, "name" + i, city));
    }
    return Tables.sorted(out);
  }

  private int sql(String statement) throws SQLException {
    try (Statement st = jdbc.createStatement()) {
      return st.executeUpdate(statement);
    }
  }

  private static String readAll(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    while (ch.read(buf) > 0) {
      // fill
    }
    buf.flip();
    return StandardCharsets.UTF_8.decode(buf).toString();
  }

  private static void rewrite(FileChannel ch, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ch.position(0);
    ByteBuffer bb = ByteBuffer.wrap(b);
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
    ch.truncate(b.length);
  }

  @Test
  void editsOfDifferentRowsBothLand() throws Exception {
    long v = version(t);
    FileChannel ch = FileChannel.open(m.data(t), StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      String text = readAll(ch);
      assertThat(text).contains("\n1,name1,start\n");
      // JDBC changes row 2 after the mount's writer read the file
      assertThat(sql("UPDATE " + t + " SET city = 'jdbc' WHERE id = 2")).isEqualTo(1);
      rewrite(ch, text.replace("\n1,name1,start\n", "\n1,name1,mount\n"));
    } finally {
      ch.close(); // the commit
    }
    assertThat(version(t)).as("one commit each").isEqualTo(v + 2);
    assertThat(Tables.lastCounts(lake(), t)).isEqualTo("inserted=0 updated=1 deleted=0");
    assertThat(rows(t)).isEqualTo(expected(new Object[] {1, "mount"}, new Object[] {2, "jdbc"}));
    assertThat(m.errorsLog(t)).isEmpty();
  }

  @Test
  void editOfARowJdbcChangedMeanwhileFailsWithEAGAINAndCommitsNothing() throws Exception {
    long v = version(t);
    FileChannel ch = FileChannel.open(m.data(t), StandardOpenOption.READ, StandardOpenOption.WRITE);
    String text;
    try {
      text = readAll(ch);
      assertThat(sql("UPDATE " + t + " SET city = 'jdbc' WHERE id = 2")).isEqualTo(1);
      rewrite(ch, text.replace("\n2,name2,start\n", "\n2,name2,mount\n").replace("\n3,name3,start\n", "\n3,name3,mount\n"));
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    assertThatThrownBy(ch::close).isInstanceOf(IOException.class).hasMessageContaining("Resource temporarily unavailable");
    assertThat(version(t)).as("only JDBC's commit").isEqualTo(v + 1);
    assertThat(rows(t)).as("JDBC's change kept, none of the mount's edit applied")
        .isEqualTo(expected(new Object[] {2, "jdbc"}));
    assertThat(m.errorsLog(t)).contains("EAGAIN");
  }

  /**
   * Another process keeps data.csv open for reading (less, tail -f, a long grep) from an older
   * version;
   * meanwhile JDBC changes row 2; then sed -i edits row 5. sed read the current version, so its
   * edit is exactly row 5: it must succeed and keep JDBC's change.
   */
  @Test
  void sedWhileAnotherReaderHoldsAnOlderVersionOpen() throws Exception {
    long v = version(t);
    try (OpenReader reader = OpenReader.open(m.data(t), work)) {
      assertThat(sql("UPDATE " + t + " SET city = 'jdbc' WHERE id = 2")).isEqualTo(1);
      Shell.Result r = sh("sed -i 's/^5,name5,start$/5,name5,sed/' " + t + "/data.csv");
      assertThat(r.exit()).as(r.describe() + "\nerrors.log: " + m.errorsLog(t)).isZero();
    }
    assertThat(rows(t)).isEqualTo(expected(new Object[] {2, "jdbc"}, new Object[] {5, "sed"}));
    assertThat(version(t)).isEqualTo(v + 2);
  }

  /**
   * The same with a table without a key and an INSERT meanwhile: sed's output holds the new row
   * once (it read the current version), so the table must hold it once.
   */
  @Test
  void sedWhileAnotherReaderHoldsAnOlderVersionOpenWithoutKey() throws Exception {
    String nokey = unique("log");
    Tables.create(lake(), nokey, "id BIGINT, msg STRING", List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}));
    long v = version(nokey);
    try (OpenReader reader = OpenReader.open(m.data(nokey), work)) {
      lake().table(nokey).insert(List.<Object[]>of(new Object[] {3L, "c"}));
      Shell.Result r = sh("sed -i 's/^1,a$/1,A/' " + nokey + "/data.csv");
      assertThat(r.exit()).as(r.describe() + "\nerrors.log: " + m.errorsLog(nokey)).isZero();
    }
    assertThat(rows(nokey)).as("the inserted row exactly once, sed's edit applied")
        .isEqualTo(Tables.sorted(List.of(row(1L, "A"), row(2L, "b"), row(3L, "c"))));
    assertThat(version(nokey)).isEqualTo(v + 2);
  }

  @Test
  void concurrentSedAndJdbcUpdatesOfDifferentRowsAllLand() throws Exception {
    long v = version(t);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<Shell.Result>> mount = pool.submit(() -> {
        List<Shell.Result> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          int id = 2 * i - 1; // odd rows
          out.add(sh("sed -i 's/^" + id + ",name" + id + ",start$/" + id + ",name" + id + ",sed" + id + "/' " + t + "/data.csv"));
        }
        return out;
      });
      Future<Integer> sqlSide = pool.submit(() -> {
        int changed = 0;
        for (int i = 1; i <= n; i++) {
          int id = 2 * i; // even rows
          changed += sql("UPDATE " + t + " SET city = 'jdbc" + id + "' WHERE id = " + id);
        }
        return changed;
      });
      for (Shell.Result r : mount.get(3, TimeUnit.MINUTES)) {
        assertThat(r.exit()).as(r.describe()).isZero();
      }
      assertThat(sqlSide.get(3, TimeUnit.MINUTES)).isEqualTo(n);
    } finally {
      pool.shutdownNow();
    }
    List<Object[]> cities = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      cities.add(new Object[] {2 * i - 1, "sed" + (2 * i - 1)});
      cities.add(new Object[] {2 * i, "jdbc" + (2 * i)});
    }
    assertThat(rows(t)).isEqualTo(expected(cities.toArray(new Object[0][])));
    assertThat(version(t)).as("one commit per action").isEqualTo(v + 2L * n);
    assertThat(m.errorsLog(t)).isEmpty();
  }

  @Test
  void concurrentAppendsAndJdbcInsertsLoseNothing() throws Exception {
    long v = version(t);
    int n = 10;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> mount = pool.submit(() -> {
        for (int i = 0; i < n; i++) {
          int id = 1000 + i;
          Shell.ok(m.mountPoint(), "echo '" + id + ",mount" + id + ",appended' >> " + t + "/data.csv");
        }
        return null;
      });
      Future<?> sqlSide = pool.submit(() -> {
        for (int i = 0; i < n; i++) {
          int id = 2000 + i;
          sql("INSERT INTO " + t + " (id, name, city) VALUES (" + id + ", 'jdbc" + id + "', 'inserted')");
        }
        return null;
      });
      mount.get(3, TimeUnit.MINUTES);
      sqlSide.get(3, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    List<List<Object>> want = new ArrayList<>(expected());
    for (int i = 0; i < n; i++) {
      want.add(row(1000L + i, "mount" + (1000 + i), "appended"));
      want.add(row(2000L + i, "jdbc" + (2000 + i), "inserted"));
    }
    assertThat(rows(t)).isEqualTo(Tables.sorted(want));
    assertThat(version(t)).isEqualTo(v + 2L * n);
    assertThat(m.errorsLog(t)).isEmpty();
    assertThat(ok("grep -c appended " + t + "/data.csv").stdout().trim()).isEqualTo(String.valueOf(n));
  }
}
