package dev.lake.it.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Snapshot;
import dev.lake.it.mount.support.Csv;
import dev.lake.it.mount.support.MountProcess;
import dev.lake.it.mount.support.ProcMounts;
import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading through the mount: every Unix tool sees exactly the CSV the engine renders
 * ({@code CsvExport}), with exact sizes and the commit time as mtime, and the next read after
 * someone else's commit shows the new version.
 */
class MountReadIT extends MountTest {
  static final String COLUMNS = "id BIGINT, name STRING, city STRING, score DOUBLE, joined DATE, price DECIMAL(10,2)";

  /** This test's table: 2000 rows in one commit. */
  String t;

  @BeforeEach
  void table() {
    t = unique("people");
    Tables.create(m.lake(), t, COLUMNS, people(2_000), "id");
  }

  /** Rows with the awkward cases: quotes, commas, a line break, unicode, NULLs, the empty string. */
  static List<Object[]> people(int n) {
    String[] cities = {"Berlin", "Paris, TX", "São Paulo", "\"Quoted\" Town", "Line\nBreak", "", null};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(new Object[] {
        (long) i, "name-" + i, cities[i % cities.length], i % 11 == 0 ? null : i * 0.25,
        LocalDate.of(2000, 1, 1).plusDays(i), new BigDecimal(i).movePointLeft(2)
      });
    }
    return rows;
  }

  private byte[] rendered(String table) {
    return Tables.csv(m.lake().table(table).snapshot());
  }

  private Path expectedFile(byte[] csv) throws IOException {
    Path f = work.resolve("expected.csv");
    Files.write(f, csv);
    return f;
  }

  @Test
  void everyToolSeesExactlyTheRenderedCsv() throws IOException {
    byte[] csv = rendered(t);
    Path expected = expectedFile(csv);

    Csv.assertSameBytes("cat", m.ok("cat " + t + "/data.csv").stdoutBytes(), csv);

    // Each tool on the mount prints exactly what it prints on a local copy of the rendering.
    List<String> tools = List.of(
        "grep -n 'Paris' %s",
        "grep -c '' %s",
        "awk -F, '{print $2 \"|\" $NF}' %s",
        "awk -F, 'NR>1 {s += $1} END {print s, NR}' %s",
        "wc -l < %s",
        "wc -c < %s",
        "head -n 5 %s",
        "tail -n 7 %s",
        "tail -c 1000 %s",
        "sort %s",
        "sort -t, -k3,3 -k1,1n %s",
        "cut -d, -f2,3 %s",
        "md5sum < %s",
        "dd if=%s bs=4096 skip=3 count=2 status=none");
    for (String tool : tools) {
      Shell.Result onMount = m.ok(String.format(tool, t + "/data.csv"));
      Shell.Result local = Shell.ok(work, String.format(tool, Shell.quote(expected.toString())));
      Csv.assertSameBytes(tool, onMount.stdoutBytes(), local.stdoutBytes());
    }

    // cp out of the mount: a byte-identical file
    Path copy = work.resolve("copy.csv");
    m.ok("cp " + t + "/data.csv " + Shell.quote(copy.toString()));
    Csv.assertSameBytes("cp out", Files.readAllBytes(copy), csv);
  }

  @Test
  void largeTableReadsByteExact() throws IOException {
    String big = unique("big");
    Tables.create(m.lake(), big, COLUMNS, people(40_000), "id");
    byte[] csv = rendered(big);
    assertThat(csv.length).isGreaterThan(1 << 20);
    Path expected = expectedFile(csv);
    Csv.assertSameBytes("cat", m.ok("cat " + big + "/data.csv").stdoutBytes(), csv);
    assertThat(m.ok("stat -c %s " + big + "/data.csv").stdout().trim()).isEqualTo(String.valueOf(csv.length));
    assertThat(m.ok("wc -l < " + big + "/data.csv").stdout())
        .isEqualTo(Shell.ok(work, "wc -l < " + Shell.quote(expected.toString())).stdout());
    Path copy = work.resolve("big-copy.csv");
    m.ok("cp " + big + "/data.csv " + Shell.quote(copy.toString()));
    Csv.assertSameBytes("cp out", Files.readAllBytes(copy), csv);
  }

  /** A table written by several commits (several data files) still shows exactly CsvExport's text. */
  @Test
  void optimizedTableReadsTheSameRowsAndAVacuumedVersionFailsWithAReason() {
    String opt = unique("opt");
    Tables.create(m.lake(), opt, COLUMNS, people(30), "id");
    List<Object[]> more = people(50).subList(30, 50);
    m.lake().table(opt).insert(more.subList(0, 10));
    m.lake().table(opt).insert(more.subList(10, 20));
    byte[] before = rendered(opt);
    long v = version(opt);

    // OPTIMIZE and VACUUM by another writer, before the mount rendered anything of the table
    // (renderings of data files already made would keep serving old versions).
    assertThat(m.lake().table(opt).optimize(dev.lake.engine.maintenance.OptimizeOptions.defaults()).committed()).isTrue();
    assertThat(m.lake().table(opt).vacuum(dev.lake.engine.maintenance.VacuumOptions.defaults()
        .retain(java.time.Duration.ZERO).allowShortRetention(true)).filesDeleted()).isEqualTo(3);

    // The same rows (their order may change), from the new files.
    Csv.assertSameRecords("cat after OPTIMIZE and VACUUM", m.ok("cat " + opt + "/data.csv").stdoutBytes(), before);
    // A version whose files VACUUM deleted: cat fails (EIO), errors.log says why, once.
    for (int i = 0; i < 2; i++) {
      Shell.Result old = m.sh("cat " + opt + "/versions/" + v + ".csv");
      assertThat(old.exit()).as(old.describe()).isNotZero();
      assertThat(old.stderr()).contains("Input/output error");
    }
    String log = m.ok("cat " + opt + "/errors.log").stdout();
    assertThat(log).contains("read /" + opt + "/versions/" + v + ".csv").contains("VACUUM");
    assertThat(log.lines().count()).as(log).isEqualTo(1);
    Csv.assertSameRecords("cat after the failed read", m.ok("cat " + opt + "/data.csv").stdoutBytes(), before);
  }

  @Test
  void tableOfSeveralCommitsShowsExactlyTheRenderedCsv() {
    String multi = unique("multi");
    Tables.create(m.lake(), multi, COLUMNS, people(30), "id");
    List<Object[]> more = people(60).subList(30, 60);
    m.lake().table(multi).insert(more.subList(0, 10));
    m.lake().table(multi).insert(more.subList(10, 20));
    m.lake().table(multi).insert(more.subList(20, 30));
    byte[] csv = rendered(multi);
    Csv.assertSameRecords("cat (contents)", m.ok("cat " + multi + "/data.csv").stdoutBytes(), csv);
    Csv.assertSameBytes("cat (bytes, as CsvExport renders them)", m.ok("cat " + multi + "/data.csv").stdoutBytes(), csv);
  }

  @Test
  void statSizeIsExactAndMtimeIsTheCommitTime() {
    Snapshot s = m.lake().table(t).snapshot();
    byte[] csv = Tables.csv(s);
    String[] stat = m.ok("stat -c '%s %Y' " + t + "/data.csv").stdout().trim().split(" ");
    assertThat(Long.parseLong(stat[0])).isEqualTo(csv.length);
    assertThat(Long.parseLong(stat[1])).isEqualTo(Math.floorDiv(s.timestamp().toEpochMilli(), 1000));
    // ls -l reports the same size
    String ls = m.ok("ls -l " + t + "/data.csv").stdout();
    assertThat(ls.split("\\s+")[4]).isEqualTo(String.valueOf(csv.length));

    // versions/N.csv: the rendering of that version, with its commit time
    Snapshot v0 = m.lake().table(t).snapshotAt(0);
    byte[] csv0 = Tables.csv(v0);
    String[] stat0 = m.ok("stat -c '%s %Y' " + t + "/versions/0.csv").stdout().trim().split(" ");
    assertThat(Long.parseLong(stat0[0])).isEqualTo(csv0.length);
    assertThat(Long.parseLong(stat0[1])).isEqualTo(Math.floorDiv(v0.timestamp().toEpochMilli(), 1000));
    Csv.assertSameBytes("versions/0.csv", m.ok("cat " + t + "/versions/0.csv").stdoutBytes(), csv0);
    Csv.assertSameBytes("versions/1.csv", m.ok("cat " + t + "/versions/1.csv").stdoutBytes(), csv);
    assertThat(m.ok("ls " + t + "/versions").stdout()).isEqualTo("0.csv\n1.csv\n");
  }

  @Test
  void nextReadAfterAnEngineCommitShowsTheNewVersion() {
    Csv.assertSameBytes("before", m.ok("cat " + t + "/data.csv").stdoutBytes(), rendered(t));
    m.lake().table(t).insert(List.<Object[]>of(new Object[] {
      9_001L, "a much longer name than any other row has, to make the file grow", "Berlin", 1.5,
      LocalDate.of(2024, 2, 29), new BigDecimal("1.00")
    }));
    Snapshot s = m.lake().table(t).snapshot();
    byte[] csv = Tables.csv(s);
    Csv.assertSameRecords("cat right after the commit", m.ok("cat " + t + "/data.csv").stdoutBytes(), csv);
    String[] stat = m.ok("stat -c '%s %Y' " + t + "/data.csv").stdout().trim().split(" ");
    assertThat(Long.parseLong(stat[0])).as("stat size").isEqualTo(csv.length);
    assertThat(Long.parseLong(stat[1])).as("mtime").isEqualTo(Math.floorDiv(s.timestamp().toEpochMilli(), 1000));
  }

  @Test
  void tailFollowsRowsAppendedThroughTheMountAndByAnotherWriter() {
    // tail -f keeps its descriptor open and reads on when stat shows the file grew.
    Shell.Result r = m.ok(
        "(tail -n 1 -f -s 0.1 " + t + "/data.csv > " + work.resolve("tail.out") + " 2>&1 & echo $! > " + work.resolve("tail.pid") + ")\n"
            + "for i in $(seq 100); do [ -s " + work.resolve("tail.out") + " ] && break; sleep 0.1; done\n"
            + "echo '9001,frank,Oslo,1.5,2024-02-29,1.00' >> " + t + "/data.csv\n"
            + "for i in $(seq 200); do grep -q frank " + work.resolve("tail.out") + " && break; sleep 0.1; done\n"
            + "cat " + work.resolve("tail.out"));
    assertThat(r.stdout()).contains("9001,frank,Oslo,1.5,2024-02-29,1.00\n");
    m.lake().table(t).insert(List.<Object[]>of(new Object[] {9_002L, "grace", "Rome", null, null, null}));
    String out = m.ok(
        "for i in $(seq 200); do grep -q grace " + work.resolve("tail.out") + " && break; sleep 0.1; done\n"
            + "kill $(cat " + work.resolve("tail.pid") + ")\n"
            + "cat " + work.resolve("tail.out")).stdout();
    // the last row of the table, then exactly the two appended ones, in order
    List<String> lines = out.lines().toList();
    assertThat(lines).endsWith("9001,frank,Oslo,1.5,2024-02-29,1.00", "9002,grace,Rome,,,");
    assertThat(lines).hasSize(3);
  }

  @Test
  void anOpenReaderPastTheEndOfItsVersionSeesAppendedRowsButNotARewrite() throws IOException {
    Path data = m.data(t);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(data)) {
      long size = Files.size(data);
      assertThat(ch.read(java.nio.ByteBuffer.allocate(1 << 20), size)).as("at the end").isEqualTo(-1);
      m.lake().table(t).insert(List.<Object[]>of(new Object[] {9_003L, "heidi", "Graz", null, null, null}));
      java.nio.ByteBuffer more = java.nio.ByteBuffer.allocate(1 << 20);
      int n = ch.read(more, size);
      assertThat(new String(more.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("9003,heidi,Graz,,,\n");
      // A change that is not an append (an UPDATE rewrites a file): the reader stays where it is.
      long grown = size + n;
      m.lake().table(t).insert(List.<Object[]>of(new Object[] {9_004L, "ivan", "Kyiv", null, null, null}));
      m.ok("sed -i 's/^9003,heidi,/9003,heidi2,/' " + t + "/data.csv");
      assertThat(Files.size(data)).isGreaterThan(grown);
      assertThat(ch.read(java.nio.ByteBuffer.allocate(1 << 20), grown)).as("after a rewrite").isEqualTo(-1);
      // ...and what it had read stays as it was
      java.nio.ByteBuffer again = java.nio.ByteBuffer.allocate(n);
      ch.read(again, size);
      assertThat(new String(again.array(), StandardCharsets.UTF_8)).isEqualTo("9003,heidi,Graz,,,\n");
    }
  }

  @Test
  void nextReadAfterAJdbcCommitShowsTheNewVersion() throws Exception {
    assertThat(m.ok("grep -c '' " + t + "/data.csv").stdout().trim()).isNotEmpty();
    try (Connection c = DriverManager.getConnection("jdbc:lake:" + m.lakeDir());
        Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("UPDATE " + t + " SET city = 'Somewhere far, far away' WHERE id <= 3")).isEqualTo(3);
    }
    byte[] csv = rendered(t);
    Csv.assertSameRecords("cat right after the JDBC commit", m.ok("cat " + t + "/data.csv").stdoutBytes(), csv);
    assertThat(m.ok("grep -c 'far away' " + t + "/data.csv").stdout().trim()).isEqualTo("3");
  }

  @Test
  void nextReadAfterACommitByAnotherProcessShowsTheNewVersion() throws Exception {
    Csv.assertSameBytes("before", m.ok("cat " + t + "/data.csv").stdoutBytes(), rendered(t));
    MountProcess.runCli(work.resolve("sql.log"), "sql", m.lakeDir().toString(),
        "-e", "DELETE FROM " + t + " WHERE id > 10; INSERT INTO " + t + " (id, name) VALUES (20000, 'from another process')");
    byte[] csv = rendered(t);
    assertThat(new String(csv, StandardCharsets.UTF_8)).contains("from another process");
    Csv.assertSameRecords("cat after the other process's commits", m.ok("cat " + t + "/data.csv").stdoutBytes(), csv);
    // header + 11 rows, one value with a line break in it
    assertThat(m.ok("wc -l < " + t + "/data.csv").stdout().trim()).isEqualTo("13");
  }

  /** Another writer drops the table and creates a new one of the same name: the mount shows the new one. */
  @Test
  void tableDroppedAndRecreatedElsewhereShowsTheNewTable() {
    String name = unique("recreated");
    Tables.create(m.lake(), name, "id BIGINT, name STRING", List.<Object[]>of(new Object[] {1L, "old"}, new Object[] {2L, "old"}));
    assertThat(m.ok("cat " + name + "/data.csv").stdout()).isEqualTo("id,name\n1,old\n2,old\n");
    m.lake().dropTable(name);
    Tables.create(m.lake(), name, "id BIGINT, name STRING", List.<Object[]>of(new Object[] {7L, "new"}, new Object[] {8L, "new"}));
    assertThat(Tables.version(m.lake(), name)).isEqualTo(1);
    byte[] csv = rendered(name);
    Csv.assertSameRecords("cat after drop and re-create", m.ok("cat " + name + "/data.csv").stdoutBytes(), csv);
  }

  /**
   * Observed from outside: a mount in its own JVM with its own temp directory, where the mount
   * keeps its renderings. Listing and stat-ing an unchanged table must leave that cache exactly
   * as it is (same files, same inodes, same mtimes); a new version must add to it.
   */
  @Test
  void lsOfAnUnchangedTableDoesNotRenderAgain() throws Exception {
    Path jvmTmp = Files.createDirectories(work.resolve("jvm-tmp"));
    Path mnt = work.resolve("mnt2");
    try (MountProcess p = MountProcess.mount(m.lakeDir(), mnt, work.resolve("mount.log"),
        List.of("-Djava.io.tmpdir=" + jvmTmp))) {
      // lake wrote every data file of the table with its size as CSV: stat renders nothing.
      Shell.ok(mnt, "ls -l " + t + " && stat " + t + "/data.csv");
      assertThat(cacheState(jvmTmp)).as("the mount's rendering cache under %s (%s)", jvmTmp, p.output()).isEmpty();
      Shell.ok(mnt, "cat " + t + "/data.csv > /dev/null");
      Map<String, String> first = cacheState(jvmTmp);
      assertThat(first).as("the mount's rendering cache under %s (%s)", jvmTmp, p.output()).isNotEmpty();
      for (int i = 0; i < 5; i++) {
        Shell.ok(mnt, "ls -l " + t + " && stat " + t + "/data.csv && ls -l && ls -l " + t + "/data.csv");
      }
      assertThat(cacheState(jvmTmp)).as("rendering cache after ls/stat of an unchanged table").isEqualTo(first);

      // the observation works: a new version does get rendered
      m.lake().table(t).insert(List.<Object[]>of(new Object[] {500_000L, "x", "y", 1.0, LocalDate.of(2020, 1, 1), BigDecimal.ONE}));
      Shell.ok(mnt, "cat " + t + "/data.csv > /dev/null");
      assertThat(cacheState(jvmTmp)).isNotEqualTo(first);
    } finally {
      assertThat(ProcMounts.await(mnt, false, java.time.Duration.ofSeconds(10))).isTrue();
    }
  }

  /** Every regular file under the mount's staging directories: path -> inode, size, mtime. */
  private static Map<String, String> cacheState(Path jvmTmp) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(jvmTmp)) {
      for (Path f : s.filter(Files::isRegularFile).filter(f -> f.toString().contains("render")).toList()) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        out.put(jvmTmp.relativize(f).toString(), a.fileKey() + " " + a.size() + " " + a.lastModifiedTime().toMillis());
      }
    }
    return out;
  }
}
