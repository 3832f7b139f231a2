package dev.lake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lake sql} (scripted and as a sqlline session) and {@code lake serve} with a thin client. */
class SqlAndServeTest {
  @TempDir Path dir;

  @Test
  void executeOptionPrintsCsv() {
    String lake = dir.resolve("lake").toString();
    LakeCliTest.Run r =
        LakeCliTest.lake("sql", lake, "-e",
            "CREATE TABLE t (id INT PRIMARY KEY, name STRING, price DECIMAL(5,2), d DATE);"
                + " INSERT INTO t VALUES (1, 'a, \"b\"', 1.50, DATE '2026-01-31'), (2, '', NULL, NULL);"
                + " SELECT * FROM t ORDER BY id");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("id,name,price,d\n1,\"a, \"\"b\"\"\",1.50,2026-01-31\n2,\"\",,\n");
    assertThat(r.err()).contains("2 row(s) affected");
    // the table's CSV through `lake cat` is the same text
    assertThat(LakeCliTest.lake("cat", lake + "/t").out()).isEqualTo(r.out());
    LakeCliTest.Run bad = LakeCliTest.lake("sql", lake, "-e", "SELECT nope FROM t");
    assertThat(bad.code()).isEqualTo(65);
    assertThat(bad.err()).contains("SQLState 42S22");
  }

  /** Query results are UTF-8 CSV whatever the platform's charset, and stdout stays usable. */
  @Test
  void executeOptionPrintsUtf8() {
    String lake = dir.resolve("lake").toString();
    try (dev.lake.engine.Lake l = dev.lake.engine.Lake.open(lake)) {
      dev.lake.engine.Table t =
          l.createTable("u", dev.lake.engine.TableDefinition.of(dev.lake.engine.types.TypeParser.parseColumns("id INT, s STRING")));
      t.insert(java.util.List.<Object[]>of(new Object[] {1, "日本, é"}, new Object[] {2, "😀"}));
    }
    LakeCliTest.Run r = LakeCliTest.lake("sql", lake, "-e", "SELECT * FROM u ORDER BY id; SELECT COUNT(*) AS n FROM u");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("id,s\n1,\"日本, é\"\n2,😀\nn\n2\n");
  }

  @Test
  void scriptedSqllineSession() throws Exception {
    String lake = dir.resolve("lake").toString();
    String script =
        "CREATE TABLE kv (k VARCHAR PRIMARY KEY, v INT);\n"
            + "INSERT INTO kv VALUES ('one', 1), ('two', 2);\n"
            + "UPDATE kv SET v = 20 WHERE k = 'two';\n"
            + "SELECT k, v FROM kv ORDER BY k;\n"
            + "!quit\n";
    // A separate process with a real stdin, as `./lake sql` runs it (sqlline reads the terminal).
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin,
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.lake.cli.LakeCli",
            "sql",
            lake);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("| one | 1  |").contains("| two | 20 |");
  }

  @Test
  void serveToAThinClientWithBasicAuth() throws Exception {
    String lake = dir.resolve("lake").toString();
    LakeCliTest.lake("sql", lake, "-e", "CREATE TABLE n (x INT); INSERT INTO n VALUES (1), (2), (3)");
    ServeCommand serve = new ServeCommand();
    serve.location = lake;
    serve.port = 0;
    serve.host = "127.0.0.1";
    serve.user = "ana";
    serve.password = "s3cret";
    serve.start();
    try {
      String url = "jdbc:avatica:remote:url=http://127.0.0.1:" + serve.port() + ";serialization=protobuf"
          + ";authentication=BASIC";
      Properties ok = new Properties();
      ok.setProperty("avatica_user", "ana");
      ok.setProperty("avatica_password", "s3cret");
      try (Connection c = DriverManager.getConnection(url, ok); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT SUM(x) FROM n")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(6);
        }
        assertThat(st.executeUpdate("INSERT INTO n VALUES (4)")).isEqualTo(1);
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM n")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(4);
        }
        assertThatThrownBy(() -> st.executeQuery("SELECT * FROM missing")).isInstanceOf(SQLException.class)
            .hasMessageContaining("missing");
      }
      Properties wrong = new Properties();
      wrong.setProperty("avatica_user", "ana");
      wrong.setProperty("avatica_password", "nope");
      assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(url, wrong); Statement st = c.createStatement()) {
              st.executeQuery("SELECT 1");
            }
          })
          .isInstanceOf(Exception.class);
    } finally {
      serve.stop();
    }
  }

  static String capture(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      r.run();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
