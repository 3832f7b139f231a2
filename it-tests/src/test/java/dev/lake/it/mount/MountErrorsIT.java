package dev.lake.it.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.it.mount.support.Csv;
import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.MountedLake;
import dev.lake.it.mount.support.People;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refused writes: nothing is committed, the tool sees the errno where it can (close/flush), and
 * errors.log names the line and the column. Read-only files answer EACCES, a read-only mount
 * EROFS.
 */
class MountErrorsIT extends MountTest {
  static final String HEADER = People.HEADER;
  static final String ROWS = People.CSV_ROWS;

  String t;

  @BeforeEach
  void table() {
    t = unique("people");
    People.create(lake(), t);
  }

  static List<List<Object>> people() {
    return People.rowsWith();
  }

  private String data() {
    return t + "/data.csv";
  }

  // ------------------------------------------------------------------ appends (bash ignores close errors)

  /** A bad append: bash exits 0, errors.log tells, nothing is committed. */
  private String refusedAppend(String appended) {
    long v = version(t);
    Shell.Result r = sh("printf '%s' " + Shell.quote(appended) + " >> " + data());
    assertThat(r.exit()).as("bash ignores errors from close() on >>: %s", r.describe()).isZero();
    assertUnchanged(t, v, people());
    String log = m.errorsLog(t);
    assertThat(log).as("errors.log").contains("EINVAL");
    assertThat(log.lines().count()).as("one entry in errors.log: %s", log).isEqualTo(1);
    return log;
  }

  @Test
  void appendWithMalformedQuotingIsRefusedAndLogged() {
    String log = refusedAppend("6,\"frank,Oslo\n");
    assertThat(log).contains("appended line 1");
    // no line number other than the appended line's may appear (the appended text has one line)
    assertOnlyLinesNamed(log.replace("appended line 1", "appended"), List.of());
  }

  @Test
  void appendWithATypeErrorNamesTheAppendedLineAndColumn() {
    String log = refusedAppend("6,frank,Oslo\n7x,grace,Rome\n");
    assertThat(log).contains("appended line 2").contains("column 'id'").contains("7x");
  }

  @Test
  void appendWithTooFewFieldsIsRefusedAndLogged() {
    String log = refusedAppend("6,frank\n");
    assertThat(log).contains("appended line 1");
  }

  @Test
  void appendOfADuplicateKeyNamesTheAppendedLineAndKeyColumn() {
    String log = refusedAppend("6,frank,Oslo\n2,bobby,Rome\n");
    assertThat(log).contains("duplicate").contains("id");
    assertThat(log).as("errors.log names the appended line: %s", log).contains("appended line 2");
  }

  @Test
  void appendWithAHeaderLineIsRefused() {
    // appended text has no header: a header line is a row whose id is not a number
    String log = refusedAppend(HEADER + "6,frank,Oslo\n");
    assertThat(log).contains("appended line 1").contains("column 'id'");
  }

  /** errors.log must show a refusal at once, also when it was listed (stat-ed) just before. */
  @Test
  void errorsLogShowsTheFirstRefusalRightAfterALsOfTheDirectory() {
    ok("ls -l " + t + " > /dev/null");
    sh("echo 'not,a,number,row' >> " + data() + "; true");
    String log = ok("cat " + t + "/errors.log").stdout();
    assertThat(log).as("errors.log read right after the refused append").contains("EINVAL");
  }

  // ------------------------------------------------------------------ whole-file writes: the tool sees EINVAL

  static Stream<Arguments> badFiles() {
    List<Arguments> out = new ArrayList<>();
    for (String tool : List.of("cat", "cp")) {
      out.add(Arguments.of(tool, "malformed quoting",
          HEADER + "1,alice,Berlin\n2,bob,Paris\n3,carol,Berlin\n4,\"dave\"x,Rome\n5,eve,Oslo\n", List.of("line 5")));
      out.add(Arguments.of(tool, "unclosed quote",
          HEADER + "1,alice,Berlin\n2,bob,Paris\n3,carol,Berlin\n4,dave,Rome\n5,eve,\"Oslo\n", List.of("line 6")));
      out.add(Arguments.of(tool, "wrong header",
          "id,nome,city\n" + ROWS, List.of("line 1", "nome")));
      out.add(Arguments.of(tool, "type error",
          HEADER + ROWS + "abc,frank,Oslo\n", List.of("line 7", "column 'id'", "abc")));
      out.add(Arguments.of(tool, "wrong field count",
          HEADER + "1,alice,Berlin\n2,bob\n3,carol,Berlin\n4,dave,Rome\n5,eve,Oslo\n", List.of("line 3")));
      out.add(Arguments.of(tool, "duplicate primary key",
          HEADER + ROWS + "3,carla,Bonn\n", List.of("duplicate", "id", "line 7")));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badFiles")
  void badWholeFileWriteFailsWithEINVALAndCommitsNothing(String tool, String what, String content, List<String> logSays) {
    Path bad = local("bad.csv", content);
    long v = version(t);
    String cmd = tool.equals("cat") ? "cat " + Shell.quote(bad.toString()) + " > " + data()
        : "cp " + Shell.quote(bad.toString()) + " " + data();
    Shell.Result r = sh(cmd);
    assertThat(r.exit()).as(r.describe()).isNotZero();
    assertThat(r.stderr()).contains("Invalid argument");
    assertUnchanged(t, v, people());
    assertThat(Csv.sortedRecords(ok("cat " + data()).stdout())).isEqualTo(Csv.sortedRecords(HEADER + ROWS));
    String log = m.errorsLog(t);
    assertThat(log).contains("EINVAL");
    for (String s : logSays) {
      assertThat(log).as("errors.log for %s: %s", what, log).contains(s);
    }
    assertOnlyLinesNamed(log, logSays.stream().filter(s -> s.startsWith("line ")).toList());
  }

  /** Every "line N" in the log is one of {@code lines}: no line numbers of some internal text. */
  static void assertOnlyLinesNamed(String log, List<String> lines) {
    java.util.regex.Matcher mm = java.util.regex.Pattern.compile("line \\d+").matcher(log);
    while (mm.find()) {
      assertThat(lines).as("line numbers in errors.log: %s", log).contains(mm.group());
    }
  }

  @Test
  void sortOntoItselfIsRefusedAndCatShowsTheTableNotTheRefusedBytes() {
    // sort -o empties the file with ftruncate and writes as many bytes as it read, the header now
    // last: refused, and neither the version nor the size changes — the next cat must show the
    // table, not the refused bytes the kernel kept in its page cache.
    long v = version(t);
    String before = ok("cat " + data()).stdout();
    Shell.Result r = sh("sort -o " + data() + " " + data());
    assertThat(r.exit()).as(r.describe()).isNotZero();
    assertThat(r.stderr()).contains("Invalid argument");
    assertUnchanged(t, v, people());
    assertThat(ok("cat " + data()).stdout()).isEqualTo(before).isEqualTo(Tables.csvText(lake(), t));
    assertThat(m.errorsLog(t)).contains("EINVAL").contains("header");
  }

  @Test
  void badSedEditFailsAndCommitsNothing() {
    long v = version(t);
    Shell.Result r = sh("sed -i 's/^3,carol,/three,carol,/' " + data());
    assertThat(r.exit()).as(r.describe()).isNotZero();
    assertThat(r.stderr()).contains("Invalid argument");
    assertUnchanged(t, v, people());
    assertThat(m.errorsLog(t)).contains("line 4").contains("column 'id'");
    // sed's temporary file does not linger as a table or in the directory listing
    assertThat(ok("ls -A " + t).stdout()).isEqualTo("data.csv\nerrors.log\nhistory.csv\nschema.sql\nversions\n");
  }

  // ------------------------------------------------------------------ read-only files: EACCES

  @Test
  void readOnlyFilesOfATableRefuseWritesWithEACCES() {
    ok("echo '6,frank,Oslo' >> " + data()); // versions 0, 1, 2
    long v = version(t);
    List<List<Object>> rows = rows(t);
    String schema = ok("cat " + t + "/schema.sql").stdout();
    String history = ok("cat " + t + "/history.csv").stdout();
    String v1 = ok("cat " + t + "/versions/1.csv").stdout();
    List<String> writes = List.of(
        "echo x > " + t + "/schema.sql",
        "echo x >> " + t + "/schema.sql",
        "truncate -s 0 " + t + "/schema.sql",
        "rm -f " + t + "/schema.sql",
        "echo x > " + t + "/history.csv",
        "echo x >> " + t + "/history.csv",
        "rm -f " + t + "/history.csv",
        "echo x > " + t + "/versions/1.csv",
        "cp " + data() + " " + t + "/versions/1.csv",
        "truncate -s 0 " + t + "/versions/1.csv",
        "rm -f " + t + "/versions/1.csv",
        "echo x > " + t + "/errors.log");
    for (String w : writes) {
      Shell.Result r = sh(w);
      assertThat(r.exit()).as(r.describe()).isNotZero();
      assertThat(r.stderr()).as(w).contains("Permission denied");
    }
    assertUnchanged(t, v, rows);
    assertThat(ok("cat " + t + "/schema.sql").stdout()).isEqualTo(schema);
    assertThat(ok("cat " + t + "/history.csv").stdout()).isEqualTo(history);
    assertThat(ok("cat " + t + "/versions/1.csv").stdout()).isEqualTo(v1);
  }

  // ------------------------------------------------------------------ read-only mount: EROFS

  @Test
  void readOnlyMountRefusesEveryWriteWithEROFS() throws Exception {
    Path root = work.resolve("ro");
    Path lakeDir = Files.createDirectories(root.resolve("lake"));
    dev.lake.engine.Lake engine = dev.lake.engine.Lake.open(lakeDir.toString());
    Tables.create(engine, "t", "id BIGINT, name STRING, city STRING", List.of(
        new Object[] {1L, "alice", "Berlin"}, new Object[] {2L, "bob", "Paris"}), "id");
    Path x = local("x.csv", HEADER + "1,alice,Berlin\n2,bob,Rome\n");
    try (MountedLake ro = MountedLake.start(root, true)) {
      long v = Tables.version(engine, "t");
      List<List<Object>> rows = Tables.rows(engine, "t");
      byte[] csv = Tables.csv(engine.table("t").snapshot());
      List<String> writes = List.of(
          "echo '3,carol,Rome' >> t/data.csv",
          "cat " + x + " > t/data.csv",
          "cp " + x + " t/data.csv",
          "sed -i 's/bob/robert/' t/data.csv",
          "truncate -s 0 t/data.csv",
          "rm t/data.csv",
          "touch t/notes.txt",
          "mkdir u",
          "rmdir t",
          "mv t u",
          "mv t/data.csv t/data.csv~");
      for (String w : writes) {
        Shell.Result r = ro.sh(w);
        assertThat(r.exit()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).as(w).contains("Read-only file system");
      }
      Shell.Result vim = Shell.run(ro.dir("t"), "vim -u NONE -N -es -c '%s/bob/robert/' -c 'wq' data.csv");
      assertThat(vim.exit()).as(vim.describe()).isNotZero();
      assertThat(Tables.version(engine, "t")).isEqualTo(v);
      assertThat(Tables.rows(engine, "t")).isEqualTo(rows);
      assertThat(engine.tableNames()).containsExactly("t");
      // reading works as ever
      Csv.assertSameBytes("cat on the read-only mount", ro.ok("cat t/data.csv").stdoutBytes(), csv);
      assertThat(ro.ok("ls -A t").stdout()).isEqualTo("data.csv\nerrors.log\nhistory.csv\nschema.sql\nversions\n");
      assertThat(ProcMountsOptions.of(ro.mountPoint())).contains("ro");
    }
  }

  /** The options column of the mount's /proc/mounts line. */
  static final class ProcMountsOptions {
    static List<String> of(Path mountPoint) {
      String e = dev.lake.it.mount.support.ProcMounts.entry(mountPoint);
      return e == null ? List.of() : List.of(e.split(" ")[3].split(","));
    }
  }
}
