package dev.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process with stdout and stderr captured. */
class LakeCliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static synchronized Run lake(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = LakeCli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void importCatAndHistory() throws Exception {
    String csv = "id,name,price\n1,apple,0.50\n2,\"bread, sliced\",2.25\n3,\"\",\n";
    Path in = dir.resolve("in.csv");
    Files.writeString(in, csv);
    String table = dir.resolve("lake/items").toString();
    Run imp = lake("import", in.toString(), table, "--primary-key", "id");
    assertThat(imp.code()).as(imp.err()).isZero();
    assertThat(imp.err()).contains("imported 3 rows");
    Run cat = lake("cat", table);
    assertThat(cat.code()).isZero();
    assertThat(cat.out()).as(cat.err()).isEqualTo(csv);
    Run history = lake("history", table);
    assertThat(history.out()).startsWith("version,timestamp,operation,rows_inserted,rows_updated,rows_deleted");
    assertThat(history.out()).contains("\n0,").contains(",CREATE TABLE AS SELECT,3,0,0,1,0,");
    assertThat(lake("cat", table, "--version", "0").out()).isEqualTo(csv);
    String committedAt = history.out().split("\n")[1].split(",")[1];
    assertThat(lake("cat", table, "--timestamp", committedAt).out()).isEqualTo(csv);
    Run future = lake("cat", table, "--timestamp", "2999-01-01T00:00:00Z");
    assertThat(future.code()).isEqualTo(66);
    assertThat(future.err()).contains("after the latest available version 0");
  }

  @Test
  void errorsAreOneLineWithAnExitCode() throws Exception {
    Path in = dir.resolve("bad.csv");
    Files.writeString(in, "id,name\n1,a\n2,b,c\n");
    String table = dir.resolve("lake/t").toString();
    Run bad = lake("import", in.toString(), table);
    assertThat(bad.code()).isEqualTo(65);
    assertThat(bad.err()).startsWith("lake: ").contains("line 3");
    assertThat(Files.exists(dir.resolve("lake/t/_delta_log"))).isFalse();

    Run missing = lake("cat", dir.resolve("lake/nope").toString());
    assertThat(missing.code()).isEqualTo(66);
    assertThat(missing.err()).contains("no table 'nope'");

    Files.writeString(in, "id\n1\n");
    assertThat(lake("import", in.toString(), table).code()).isZero();
    Run noVersion = lake("cat", table, "--version", "7");
    assertThat(noVersion.code()).isEqualTo(66);
    Run badTime = lake("cat", table, "--timestamp", "yesterday");
    assertThat(badTime.code()).isEqualTo(65);
    assertThat(badTime.err()).contains("ISO-8601");
    Run again = lake("import", in.toString(), table);
    assertThat(again.code()).isEqualTo(73);
    Run usage = lake("cat");
    assertThat(usage.code()).isEqualTo(2);
  }

  @Test
  void tablesListsALake() throws Exception {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "a,b\n1,x\n");
    lake("import", in.toString(), dir.resolve("lake/first").toString());
    Run r = lake("tables", dir.resolve("lake").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("first  v0  (a BIGINT, b STRING)");
  }
}
