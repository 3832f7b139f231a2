package dev.lake.it.mount;

import static dev.lake.it.mount.support.Tables.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Snapshot;
import dev.lake.engine.csv.CsvSchemaInference;
import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.People;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writing through the mount with real tools: each user action is exactly one Delta commit with
 * exactly the intended row changes; directories create, drop and rename tables; tools' scratch
 * files never become tables.
 */
class MountWriteIT extends MountTest {
  static final String HEADER = People.HEADER;
  static final String TABLE_ENTRIES = "data.csv\nerrors.log\nhistory.csv\nschema.sql\nversions\n";

  /** This test's table: people(id BIGINT PRIMARY KEY, name, city) with five rows. */
  String t;

  @BeforeEach
  void table() {
    t = unique("people");
    People.create(lake(), t);
  }

  /** The five rows with changes: {id, name, city} replaces or adds, {id} removes. */
  static List<List<Object>> people(Object[]... changes) {
    return People.rowsWith(changes);
  }

  private String data() {
    return t + "/data.csv";
  }

  // ------------------------------------------------------------------ appends

  @Test
  void echoAppendIsOneInsert() {
    long v = version(t);
    Shell.Result r = ok("echo '6,frank,Oslo' >> " + data());
    assertThat(r.stderr()).isEmpty();
    assertOneCommit(t, v, 1, 0, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {6L, "frank", "Oslo"}));
    assertThat(m.errorsLog(t)).isEmpty();
  }

  @Test
  void appendOfSeveralLinesIsOneInsert() {
    long v = version(t);
    ok("printf '6,frank,Oslo\\n7,\"grace, jr\",\"\"\\n8,heidi,\\n' >> " + data());
    assertOneCommit(t, v, 3, 0, 0);
    assertThat(rows(t)).isEqualTo(people(
        new Object[] {6L, "frank", "Oslo"}, new Object[] {7L, "grace, jr", ""}, new Object[] {8L, "heidi", null}));
  }

  @Test
  void appendedRowShowsInTheNextRead() {
    ok("echo '6,frank,Oslo' >> " + data());
    String csv = ok("cat " + data()).stdout();
    assertThat(csv).startsWith(HEADER).contains("\n6,frank,Oslo\n");
    assertThat(ok("wc -l < " + data()).stdout().trim()).isEqualTo("7");
  }

  // ------------------------------------------------------------------ whole-file rewrites

  /** bob renamed (update), eve gone (delete), ivan new (insert): one commit. */
  static final String EDITED = HEADER + "1,alice,Berlin\n2,robert,Paris\n3,carol,Berlin\n4,dave,Rome\n9,ivan,Kyiv\n";

  static List<List<Object>> edited() {
    return people(new Object[] {2L, "robert", "Paris"}, new Object[] {5L}, new Object[] {9L, "ivan", "Kyiv"});
  }

  @Test
  void catRedirectIsOneCommitOfTheDifference() {
    Path x = local("x.csv", EDITED);
    long v = version(t);
    ok("cat " + Shell.quote(x.toString()) + " > " + data());
    assertOneCommit(t, v, 1, 1, 1);
    assertThat(rows(t)).isEqualTo(edited());
  }

  @Test
  void cpOntoDataCsvIsOneCommitOfTheDifference() {
    Path x = local("x.csv", EDITED);
    long v = version(t);
    ok("cp " + Shell.quote(x.toString()) + " " + data());
    assertOneCommit(t, v, 1, 1, 1);
    assertThat(rows(t)).isEqualTo(edited());
  }

  @Test
  void rewriteInAnotherRowAndColumnOrderChangesOnlyWhatDiffers() {
    // the same rows in another order, columns in another order, one value changed
    Path x = local("x.csv", "city,id,name\nOslo,5,eve\nRome,4,dave\nBerlin,3,carol\nParis,2,bob\nMadrid,1,alice\n");
    long v = version(t);
    ok("cp " + Shell.quote(x.toString()) + " " + data());
    assertOneCommit(t, v, 0, 1, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {1L, "alice", "Madrid"}));
  }

  @Test
  void writingBackTheSameBytesCommitsNothing() {
    long v = version(t);
    Path copy = work.resolve("copy.csv");
    ok("cat " + data() + " > " + copy + " && cp " + copy + " " + data() + " && cat " + copy + " > " + data());
    assertThat(version(t)).isEqualTo(v);
    assertThat(rows(t)).isEqualTo(people());
  }

  @Test
  void overwritingTheHeaderInPlaceInOtherCaseCommitsNothingAndCatShowsTheTable() {
    // dd conv=notrunc writes into the file in place: the same size, and no row changes, so no new
    // version; the next cat must still show the table's text, not the bytes left in the kernel's
    // page cache (the mount changes the mtime's sub-millisecond part to have them dropped).
    long v = version(t);
    String before = ok("cat " + data()).stdout();
    ok("printf 'ID,NAME' | dd of=" + data() + " conv=notrunc status=none");
    assertThat(version(t)).isEqualTo(v);
    assertThat(ok("cat " + data()).stdout()).isEqualTo(before).isEqualTo(Tables.csvText(lake(), t));
  }

  @Test
  void writingBackWithCrlfLineEndingsCommitsNothing() {
    long v = version(t);
    Path crlf = work.resolve("crlf.csv");
    ok("sed 's/$/\\r/' " + data() + " > " + crlf + " && cp " + crlf + " " + data());
    assertThat(Shell.ok(work, "grep -c $'\\r' crlf.csv").stdout().trim()).isEqualTo("6");
    assertThat(version(t)).isEqualTo(v);
    assertThat(rows(t)).isEqualTo(people());
  }

  @Test
  void writingBackWithAByteOrderMarkCommitsNothing() {
    long v = version(t);
    Path bom = work.resolve("bom.csv");
    ok("{ printf '\\xef\\xbb\\xbf'; cat " + data() + "; } > " + bom);
    // TYPES.md: "A leading byte-order mark is skipped on reading"
    Shell.Result r = sh("cp " + bom + " " + data());
    assertThat(r.exit()).as(r.describe() + "\nerrors.log: " + m.errorsLog(t)).isZero();
    assertThat(version(t)).isEqualTo(v);
    assertThat(rows(t)).isEqualTo(people());
  }

  @Test
  void writingBackWithAnotherHeaderCaseAndNeedlessQuotesCommitsNothing() {
    long v = version(t);
    Path x = local("x.csv", "ID,Name,CITY\n\"1\",\"alice\",Berlin\n2,bob,\"Paris\"\n3,carol,Berlin\n4,dave,Rome\n5,eve,Oslo\n");
    Shell.Result r = sh("cp " + x + " " + data());
    assertThat(r.exit()).as(r.describe() + "\nerrors.log: " + m.errorsLog(t)).isZero();
    assertThat(version(t)).isEqualTo(v);
    assertThat(rows(t)).isEqualTo(people());
  }

  @Test
  void keyedRewriteChangingOneValueIsOneUpdate() {
    Path x = local("x.csv", HEADER + "1,alice,Berlin\n2,bob,Paris\n3,carol,Hamburg\n4,dave,Rome\n5,eve,Oslo\n");
    long v = version(t);
    ok("cat " + Shell.quote(x.toString()) + " > " + data());
    assertOneCommit(t, v, 0, 1, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {3L, "carol", "Hamburg"}));
    assertThat(ok("tail -n 1 " + t + "/history.csv").stdout()).startsWith(v + 1 + ",").endsWith(",0,1,0\n");
  }

  @Test
  void rewriteOfATableWithoutKeyMatchesWholeRows() {
    String nokey = unique("nokey");
    Tables.create(lake(), nokey, "a BIGINT, b STRING", List.of(
        new Object[] {1L, "x"}, new Object[] {1L, "x"}, new Object[] {2L, "y"}));
    Path x = local("x.csv", "a,b\n1,x\n2,z\n2,y\n");
    long v = version(nokey);
    ok("cp " + Shell.quote(x.toString()) + " " + nokey + "/data.csv");
    // one of the two identical rows goes, (2,z) is new: a delete and an insert, one commit
    assertOneCommit(nokey, v, 1, 0, 1);
    assertThat(rows(nokey)).isEqualTo(Tables.sorted(List.of(row(1L, "x"), row(2L, "y"), row(2L, "z"))));
  }

  // ------------------------------------------------------------------ sed and vim

  @Test
  void sedInPlaceIsOneCommitChangingExactlyTheMatchedRows() {
    long v = version(t);
    ok("sed -i 's/Berlin/Hamburg/' " + data());
    assertOneCommit(t, v, 0, 2, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {1L, "alice", "Hamburg"}, new Object[] {3L, "carol", "Hamburg"}));
    assertThat(ok("ls -A " + t).stdout()).isEqualTo(TABLE_ENTRIES);
  }

  @Test
  void sedDeletingALineIsOneDelete() {
    long v = version(t);
    ok("sed -i '/^4,/d' " + data());
    assertOneCommit(t, v, 0, 0, 1);
    assertThat(rows(t)).isEqualTo(people(new Object[] {4L}));
  }

  @Test
  void sedAddingALineIsOneInsert() {
    long v = version(t);
    ok("sed -i '$a 6,frank,Oslo' " + data());
    assertOneCommit(t, v, 1, 0, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {6L, "frank", "Oslo"}));
  }

  @Test
  void vimWithBackupcopyNoIsOneCommit() {
    vimEdit("no");
  }

  @Test
  void vimWithBackupcopyYesIsOneCommit() {
    vimEdit("yes");
  }

  private void vimEdit(String backupcopy) {
    List<String> tablesBefore = lake().tableNames();
    long v = version(t);
    Shell.Result r = Shell.run(m.dir(t), "vim -u NONE -N -es -c 'set backup backupcopy=" + backupcopy
        + " backupskip=' -c '%s/^2,bob,Paris$/2,bob,Lisbon/' -c 'wq' data.csv");
    assertThat(r.exit()).as(r.describe()).isZero();
    assertOneCommit(t, v, 0, 1, 0);
    assertThat(rows(t)).isEqualTo(people(new Object[] {2L, "bob", "Lisbon"}));
    // swap files are gone; the backup (data.csv~, kept because of 'backup') is a scratch file
    assertThat(ok("ls -A " + t).stdout()).doesNotContain(".swp").doesNotContain("4913");
    assertThat(lake().tableNames()).isEqualTo(tablesBefore);
    assertThat(lakeDirEntries()).isEqualTo(tablesBefore);
    assertThat(version(t)).isEqualTo(v + 1);
    // what vim wrote is what the mount shows
    assertThat(ok("cat " + data()).stdout()).contains("\n2,bob,Lisbon\n").doesNotContain("Paris");
  }

  // ------------------------------------------------------------------ emptying a table

  @Test
  void truncateToZeroDeletesAllRowsAndKeepsTheTable() {
    long v = version(t);
    ok("truncate -s 0 " + data());
    assertOneCommit(t, v, 0, 0, 5);
    assertThat(rows(t)).isEmpty();
    assertThat(lake().tableNames()).contains(t);
    assertThat(ok("cat " + data()).stdout()).isEqualTo(HEADER);
  }

  @Test
  void rmDataCsvDeletesAllRowsAndKeepsTheTable() {
    long v = version(t);
    ok("rm " + data());
    assertOneCommit(t, v, 0, 0, 5);
    assertThat(rows(t)).isEmpty();
    assertThat(lake().tableNames()).contains(t);
    assertThat(ok("ls " + t).stdout()).contains("data.csv");
    assertThat(ok("cat " + data()).stdout()).isEqualTo(HEADER);
  }

  // ------------------------------------------------------------------ tables as directories

  @Test
  void mkdirAndWritingCsvCreatesATableWithInferredSchema() throws Exception {
    String csv = "a,b,c,d\n1,x,2024-01-31,1.5\n2,y,2024-02-01,\n";
    String fresh = unique("fresh");
    ok("mkdir " + fresh + " && printf '" + csv.replace("\n", "\\n") + "' > " + fresh + "/data.csv");
    assertThat(lake().tableNames()).contains(fresh);
    assertThat(version(fresh)).isZero();
    // the schema `lake import` infers for the same file
    Snapshot s = lake().table(fresh).snapshot();
    assertThat(s.schema()).isEqualTo(CsvSchemaInference.infer(local("same.csv", csv)).schema());
    assertThat(s.schema().fields().get(0).type().sqlName()).isEqualTo("BIGINT");
    assertThat(s.schema().fields().get(2).type().sqlName()).isEqualTo("DATE");
    assertThat(rows(fresh)).hasSize(2);
    assertThat(rows(fresh).get(0).subList(0, 3)).isEqualTo(row(1L, "x", LocalDate.of(2024, 1, 31)));
    assertThat(ok("cat " + fresh + "/data.csv").stdout()).isEqualTo(csv);
    assertThat(ok("ls -A " + fresh).stdout()).isEqualTo(TABLE_ENTRIES);
    // The decimal column has room for values larger than those it was inferred from.
    assertThat(s.schema().fields().get(3).type().sqlName()).isEqualTo("DECIMAL(18,1)");
    ok("echo '3,z,2024-02-02,12345.5' >> " + fresh + "/data.csv");
    assertThat(version(fresh)).isEqualTo(1);
    assertThat(rows(fresh).get(2)).isEqualTo(row(3L, "z", LocalDate.of(2024, 2, 2), new BigDecimal("12345.5")));
  }

  @Test
  void copyingSchemaSqlThenDataCsvIntoANewDirectoryClonesTheTable() {
    // Columns named like SQL words (day, user) are quoted in schema.sql, so that it reads back.
    String src = unique("visits");
    lake().createTable(src, new dev.lake.engine.TableDefinition(
        dev.lake.engine.types.TypeParser.parseColumns("id BIGINT, day DATE, user STRING, `unit-price` DECIMAL(5,2)"),
        List.of("id"), List.of("day"), java.util.Map.of()));
    lake().table(src).insert(List.<Object[]>of(
        new Object[] {1L, LocalDate.of(2026, 1, 2), "ann", new BigDecimal("1.50")},
        new Object[] {2L, LocalDate.of(2026, 1, 3), null, null}));
    String copy = unique("copy");
    ok("mkdir " + copy + " && cp " + src + "/schema.sql " + copy + "/ && cp " + src + "/data.csv " + copy + "/");
    Snapshot a = lake().table(src).snapshot();
    Snapshot b = lake().table(copy).snapshot();
    assertThat(b.schema()).isEqualTo(a.schema());
    assertThat(b.primaryKey()).isEqualTo(a.primaryKey());
    assertThat(b.partitionColumns()).isEqualTo(a.partitionColumns());
    assertThat(rows(copy)).isEqualTo(rows(src));
    assertThat(version(copy)).as("CREATE TABLE, then one commit of the rows").isEqualTo(1);
    assertThat(ok("cat " + copy + "/schema.sql").stdout()).contains("\"day\" DATE").contains("\"user\" STRING");
  }

  @Test
  void mkdirAndWritingSchemaSqlCreatesTheTable() {
    String orders = unique("orders");
    ok("mkdir " + orders + " && printf 'CREATE TABLE whatever (\\n  id INT NOT NULL,\\n  item STRING,\\n"
        + "  amount DECIMAL(10,2),\\n  PRIMARY KEY (id)\\n);\\n' > " + orders + "/schema.sql");
    assertThat(lake().tableNames()).contains(orders);
    assertThat(version(orders)).isZero();
    Snapshot s = lake().table(orders).snapshot();
    assertThat(s.schema().fields().stream()
            .map(f -> f.name() + " " + f.type().sqlName() + (f.nullable() ? "" : " NOT NULL")).toList())
        .containsExactly("id INT NOT NULL", "item STRING", "amount DECIMAL(10,2)");
    assertThat(s.primaryKey()).containsExactly("id");
    assertThat(rows(orders)).isEmpty();
    assertThat(ok("cat " + orders + "/data.csv").stdout()).isEqualTo("id,item,amount\n");
    // and it takes rows, the key is enforced
    ok("echo '1,book,12.5' >> " + orders + "/data.csv");
    assertThat(rows(orders)).containsExactly(row(1, "book", new BigDecimal("12.50")));
    assertThat(version(orders)).isEqualTo(1);
  }

  @Test
  void rmdirDropsAnEmptyTable() {
    String empty = unique("empty");
    Tables.create(lake(), empty, "a BIGINT", List.of());
    ok("rmdir " + empty);
    assertThat(lake().tableNames()).doesNotContain(empty);
    assertThat(lakeDirEntries()).doesNotContain(empty);
    assertThat(ok("ls").stdout()).doesNotContain(empty);
  }

  @Test
  void rmdirAfterRmDataCsvDropsTheTable() {
    ok("rm " + data() + " && rmdir " + t);
    assertThat(lake().tableNames()).doesNotContain(t);
    assertThat(lakeDirEntries()).doesNotContain(t);
  }

  @Test
  void rmdirOfATableWithRowsFailsWithENOTEMPTY() {
    long v = version(t);
    Shell.Result r = sh("rmdir " + t);
    assertThat(r.exit()).isNotZero();
    assertThat(r.stderr()).contains("Directory not empty");
    assertUnchanged(t, v, people());
    assertThat(lake().tableNames()).contains(t);
  }

  @Test
  void rmdirOfANewDirectoryWithoutTableRemovesIt() {
    String d = unique("scratchdir");
    ok("mkdir " + d + " && rmdir " + d);
    assertThat(ok("ls").stdout()).doesNotContain(d);
    assertThat(lake().tableNames()).doesNotContain(d);
  }

  @Test
  void mvRenamesTheTable() {
    long v = version(t);
    String renamed = unique("persons");
    ok("mv " + t + " " + renamed);
    assertThat(lake().tableNames()).contains(renamed).doesNotContain(t);
    assertThat(rows(renamed)).isEqualTo(people());
    assertThat(version(renamed)).isEqualTo(v);
    assertThat(ok("ls").stdout()).contains(renamed + "\n").doesNotContain(t + "\n");
    assertThat(ok("cat " + renamed + "/data.csv").stdout()).startsWith(HEADER);
    // and the renamed table is writable
    ok("echo '6,frank,Oslo' >> " + renamed + "/data.csv");
    assertThat(rows(renamed)).isEqualTo(people(new Object[] {6L, "frank", "Oslo"}));
  }

  // ------------------------------------------------------------------ scratch files

  @Test
  void scratchFilesOfToolsNeverBecomeTables() {
    List<String> before = lake().tableNames();
    long v = version(t);
    Path listing = work.resolve("listing.txt");
    ok("cd " + t + " && printf x > 4913 && rm 4913 && printf swap > .data.csv.swp && printf tmp > sedAbC123"
        + " && cp data.csv data.csv~ && printf notes > notes.txt && ls -A > " + listing);
    assertThat(Shell.ok(work, "cat listing.txt").stdout())
        .contains(".data.csv.swp", "sedAbC123", "data.csv~", "notes.txt").doesNotContain("4913");
    // scratch files read back what was written
    assertThat(ok("cat " + t + "/notes.txt " + t + "/.data.csv.swp").stdout()).isEqualTo("notesswap");
    assertThat(ok("cat " + t + "/data.csv~").stdout()).isEqualTo(ok("cat " + data()).stdout());
    assertThat(lake().tableNames()).isEqualTo(before);
    assertThat(lakeDirEntries()).isEqualTo(before);
    assertUnchanged(t, v, people());
    ok("cd " + t + " && rm .data.csv.swp sedAbC123 data.csv~ notes.txt");
    assertThat(ok("ls -A " + t).stdout()).isEqualTo(TABLE_ENTRIES);
    assertUnchanged(t, v, people());
  }

  @Test
  void filesAtTheRootAreRefused() {
    List<String> before = lakeDirEntries();
    Shell.Result r = sh("echo x > stray.txt");
    assertThat(r.exit()).isNotZero();
    assertThat(r.stderr()).contains("Operation not permitted");
    assertThat(lakeDirEntries()).isEqualTo(before);
  }
}
