package dev.lake.it.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.Schema;
import dev.lake.it.mount.support.Csv;
import dev.lake.it.mount.support.MountTest;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lake type through the mount: the CSV read back and written back changes nothing, and a
 * sed edit of one value of a DATE, TIMESTAMP, DECIMAL, BOOLEAN, BINARY or nested column changes
 * exactly that value (one commit, one updated row, every other value of every row as before).
 * Schema and extreme values: the edge rows of the engine's {@link AllTypes} fixture.
 */
class MountTypesIT extends MountTest {
  static final String COLUMNS = AllTypes.COLUMNS;
  static final Schema SCHEMA = AllTypes.SCHEMA;

  static List<Object[]> rows() {
    return AllTypes.edgeRows();
  }

  String t;

  @BeforeEach
  void table() {
    t = unique("alltypes");
    Tables.create(lake(), t, COLUMNS, rows(), "id");
  }

  private String csv() {
    return Tables.csvText(lake(), t);
  }

  @Test
  void mountShowsTheRenderedCsvOfEveryType() {
    String expected = csv();
    Csv.assertSameBytes("cat", ok("cat " + t + "/data.csv").stdoutBytes(), expected.getBytes(StandardCharsets.UTF_8));
    // NULL is an empty unquoted field, the empty string is ""
    assertThat(expected).contains("\n4,,,,,").contains(",\"\",");
  }

  @Test
  void copyOutAndBackChangesNothing() throws Exception {
    long v = version(t);
    List<List<Object>> before = rows(t);
    Path copy = work.resolve("copy.csv");
    ok("cat " + t + "/data.csv > " + copy + "; cp " + copy + " " + t + "/data.csv");
    assertThat(version(t)).as("no new version").isEqualTo(v);
    assertThat(rows(t)).isEqualTo(before);
    assertThat(Files.readString(copy)).isEqualTo(csv());
    // and the same through cat >
    ok("cat " + copy + " > " + t + "/data.csv");
    assertThat(version(t)).as("no new version").isEqualTo(v);
  }

  /**
   * One sed edit per case: the text to replace must occur exactly once in the CSV (checked), and
   * afterwards exactly that one value of that row differs.
   */
  static List<Arguments> edits() {
    return List.of(
        Arguments.of("DATE", 3, "d", ",1970-01-01,", ",1970-01-02,", LocalDate.of(1970, 1, 2)),
        Arguments.of("DATE 9999", 2, "d", ",9999-12-31,9999", ",9999-12-30,9999", LocalDate.of(9999, 12, 30)),
        Arguments.of("TIMESTAMP", 3, "ts", "2024-02-29T12:34:56.123456Z", "2024-02-29T12:34:56.654321Z",
            Instant.parse("2024-02-29T12:34:56.654321Z")),
        Arguments.of("TIMESTAMP_NTZ", 3, "ntz", "2024-02-29T12:34:56.000001,", "2024-02-28T23:59:59.999999,",
            LocalDateTime.parse("2024-02-28T23:59:59.999999")),
        Arguments.of("DECIMAL(10,2)", 3, "money", ",12.50,", ",12.75,", new BigDecimal("12.75")),
        Arguments.of("DECIMAL(38,10)", 2, "dec", ",9999999999999999999999999999.9999999999,",
            ",1234567890123456789012345678.0000000001,", new BigDecimal("1234567890123456789012345678.0000000001")),
        Arguments.of("BOOLEAN", 1, "flag", ",false,", ",true,", true),
        Arguments.of("BINARY", 3, "b", ",dead,", ",beef01,", new byte[] {(byte) 0xbe, (byte) 0xef, 1}),
        Arguments.of("UINT64", 2, "u64", ",18446744073709551615,", ",18446744073709551614,",
            new BigInteger("18446744073709551614")),
        Arguments.of("ARRAY<STRUCT<..ARRAY<DECIMAL>>>", 1, "nested", "1234.5", "4321.5",
            List.of(Arrays.asList("k", Arrays.asList(new BigDecimal("4321.5"), null)))),
        Arguments.of("STRUCT", 2, "point", "{\"\"x\"\":1.5,", "{\"\"x\"\":2.5,",
            Arrays.asList(2.5, Double.NEGATIVE_INFINITY, null)),
        Arguments.of("STRING \"\" to NULL", 1, "s", ",\"\",\"\",false,", ",,\"\",false,", null),
        Arguments.of("STRING NULL to \"\"", 4, "s", "4" + ",".repeat(23), "4" + ",".repeat(11) + "\"\"" + ",".repeat(12), ""),
        Arguments.of("BOOLEAN NULL to true", 3, "flag", ",dead,,1970-01-01,", ",dead,true,1970-01-01,", true),
        Arguments.of("MAP", 1, "byid", "\"\"42\"\":\"\"9999-12-31\"\"", "\"\"42\"\":\"\"2000-06-15\"\"",
            mapOf(-7, LocalDate.of(1, 1, 1), 42, LocalDate.of(2000, 6, 15))));
  }

  static Map<Integer, LocalDate> mapOf(int k1, LocalDate v1, int k2, LocalDate v2) {
    Map<Integer, LocalDate> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void sedEditOfOneValueChangesExactlyThatValue(String type, int id, String column, String from, String to, Object value) {
    String before = csv();
    assertThat(occurrences(before, from)).as("'%s' occurs exactly once in\n%s", from, before).isEqualTo(1);
    long v = version(t);
    List<List<Object>> rowsBefore = rows(t);

    ok("sed -i " + Shell.quote("s/" + sedEscape(from) + "/" + sedEscape(to) + "/") + " " + t + "/data.csv");

    assertOneCommit(t, v, 0, 1, 0);
    List<List<Object>> expected = new ArrayList<>();
    int col = SCHEMA.columnNames().indexOf(column);
    for (List<Object> r : rowsBefore) {
      List<Object> e = new ArrayList<>(r);
      if (((Number) r.get(0)).intValue() == id) {
        e.set(col, dev.lake.it.support.Canonical.of(value));
      }
      expected.add(e);
    }
    List<List<Object>> after = rows(t);
    assertThat(after).hasSameSizeAs(expected);
    for (List<Object> e : expected) {
      List<Object> a = after.stream().filter(r -> r.get(0).equals(e.get(0))).findFirst().orElseThrow();
      for (int c = 0; c < e.size(); c++) {
        assertThat(a.get(c)).as("row %s column %s", e.get(0), SCHEMA.columnNames().get(c)).isEqualTo(e.get(c));
      }
    }
    // and the mount shows the edited text in place of the old (rows may move: compare records)
    assertThat(Csv.sortedRecords(ok("cat " + t + "/data.csv").stdout())).isEqualTo(Csv.sortedRecords(before.replace(from, to)));
    assertThat(Csv.sortedRecords(csv())).isEqualTo(Csv.sortedRecords(before.replace(from, to)));
  }

  /** Other spellings of the same values (TYPES.md lists what reading accepts): no change, no commit. */
  static List<Arguments> sameValues() {
    return List.of(
        Arguments.of("DECIMAL fewer fraction digits", ",12.50,", ",12.5,"),
        Arguments.of("DECIMAL exponent", ",12.50,", ",1.25e1,"),
        Arguments.of("BOOLEAN upper case", ",true,9999-12-31,", ",TRUE,9999-12-31,"),
        Arguments.of("BINARY upper case", ",dead,", ",DEAD,"),
        Arguments.of("TIMESTAMP with offset", "2024-02-29T12:34:56.123456Z", "2024-02-29 13:34:56.123456+01:00"),
        Arguments.of("integer with plus sign", ",4294967295,", ",+4294967295,"),
        Arguments.of("DOUBLE other notation", ",Infinity,", ",inf,"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameValues")
  void otherSpellingOfTheSameValueCommitsNothing(String what, String from, String to) {
    String before = csv();
    assertThat(occurrences(before, from)).as("'%s' occurs exactly once", from).isEqualTo(1);
    long v = version(t);
    Shell.Result r = sh("sed -i " + Shell.quote("s/" + sedEscape(from) + "/" + sedEscape(to) + "/") + " " + t + "/data.csv");
    assertThat(r.exit()).as(r.describe() + "\nerrors.log: " + m.errorsLog(t)).isZero();
    assertThat(version(t)).as("no commit for %s", what).isEqualTo(v);
    Csv.assertSameBytes("the mount still shows the canonical text", ok("cat " + t + "/data.csv").stdoutBytes(),
        before.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void vimEditOfOneValueChangesExactlyThatValue() {
    String before = csv();
    long v = version(t);
    List<List<Object>> rowsBefore = rows(t);
    assertThat(occurrences(before, ",12.50,")).isEqualTo(1);
    Shell.Result r = Shell.run(m.dir(t), "vim -u NONE -N -es -c 'set backup backupcopy=yes backupskip=' -c '%s/,12\\.50,/,99.99,/' -c 'wq' data.csv");
    assertThat(r.exit()).as(r.describe()).isZero();
    assertOneCommit(t, v, 0, 1, 0);
    List<List<Object>> after = rows(t);
    int money = SCHEMA.columnNames().indexOf("money");
    for (List<Object> b : rowsBefore) {
      List<Object> e = new ArrayList<>(b);
      if (((Number) b.get(0)).intValue() == 3) {
        e.set(money, new BigDecimal("99.99"));
      }
      assertThat(after).contains(e);
    }
    assertThat(Csv.sortedRecords(csv())).isEqualTo(Csv.sortedRecords(before.replace(",12.50,", ",99.99,")));
  }

  private static int occurrences(String text, String s) {
    int n = 0;
    for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
      n++;
    }
    return n;
  }

  private static String sedEscape(String s) {
    return s.replaceAll("([\\\\/.\\[\\]*^$&])", "\\\\$1");
  }
}
