package dev.lake.jdbc;

import static dev.lake.jdbc.SqlTesting.exec;
import static dev.lake.jdbc.SqlTesting.rows;
import static dev.lake.jdbc.SqlTesting.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE and VACUUM as SQL statements: their result rows, the commits, and every refusal. */
class MaintenanceSqlTest {
  @TempDir Path dir;
  Connection c;

  @BeforeEach
  void connect() throws Exception {
    c = DriverManager.getConnection("jdbc:lake:" + dir);
    exec(c, "CREATE TABLE sales (id BIGINT PRIMARY KEY, region STRING, d DATE, amount DECIMAL(10,2))"
        + " PARTITIONED BY (region)");
    for (int i = 0; i < 6; i++) {
      update(c, "INSERT INTO sales VALUES (" + (2 * i) + ", 'eu', DATE '2024-01-0" + (i + 1) + "', " + i + ".50),"
          + " (" + (2 * i + 1) + ", 'us', DATE '2024-02-0" + (i + 1) + "', " + i + ".25)");
    }
  }

  @AfterEach
  void close() throws Exception {
    c.close();
  }

  private long version() {
    try (Lake lake = Lake.open(dir.toString())) {
      return lake.table("sales").snapshot().version();
    }
  }

  private int files() {
    try (Lake lake = Lake.open(dir.toString())) {
      return lake.table("sales").snapshot().dataFiles().size();
    }
  }

  private List<String> contents() throws SQLException {
    return rows(c, "SELECT * FROM sales ORDER BY id");
  }

  private static String state(Throwable e) {
    return ((SQLException) e).getSQLState();
  }

  @Test
  void optimizeReturnsWhatItDidAndCommitsOnce() throws Exception {
    List<String> before = contents();
    assertThat(files()).isEqualTo(12);
    // table_name, version, committed, files_removed, files_added, bytes_removed, bytes_added,
    // partitions_optimized, z_order_by
    List<String> r = rows(c, "OPTIMIZE sales");
    assertThat(r).hasSize(1);
    assertThat(r.get(0)).startsWith("sales,7,true,12,2,").endsWith(",2,null");
    assertThat(version()).isEqualTo(7);
    assertThat(files()).isEqualTo(2);
    assertThat(contents()).isEqualTo(before);
    assertThat(rows(c, "SELECT operation FROM TABLE(LAKE_HISTORY('sales')) WHERE version = 7"))
        .containsExactly("OPTIMIZE");
    // Nothing left to do: no commit, the latest version.
    assertThat(rows(c, "optimize SALES")).containsExactly("sales,7,false,0,0,0,0,0,null");
    assertThat(version()).isEqualTo(7);
  }

  @Test
  void optimizeWherePartitionAndZOrder() throws Exception {
    List<String> before = contents();
    assertThat(rows(c, "OPTIMIZE sales WHERE region = 'eu'").get(0)).startsWith("sales,7,true,6,1,").endsWith(",1,null");
    assertThat(files()).isEqualTo(7);
    assertThat(rows(c, "OPTIMIZE lake.sales WHERE region IN ('us', 'xx') ZORDER BY (d, amount)").get(0))
        .startsWith("sales,8,true,6,1,")
        .endsWith(",1,d, amount");
    assertThat(contents()).isEqualTo(before);
    // Execute, as DBeaver does: a result set.
    try (Statement st = c.createStatement()) {
      assertThat(st.execute("OPTIMIZE sales ZORDER BY amount")).isTrue();
      try (ResultSet rs = st.getResultSet()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("version")).isEqualTo(9);
        assertThat(rs.getString("z_order_by")).isEqualTo("amount");
      }
    }
    assertThat(contents()).isEqualTo(before);
  }

  /** A string literal compared with a DATE, BOOLEAN, DECIMAL or TIMESTAMP column is of its type. */
  @Test
  void optimizeWhereReadsStringLiteralsAsTheColumnsType() throws Exception {
    exec(c, "CREATE TABLE events (id BIGINT, d DATE, ok BOOLEAN, price DECIMAL(5,2), ts TIMESTAMP)"
        + " PARTITIONED BY (d, ok, price, ts)");
    for (int i = 0; i < 3; i++) {
      update(c, "INSERT INTO events VALUES (" + i + ", DATE '2024-01-01', true, 1.50, TIMESTAMP '2024-01-01 10:00:00')");
      update(c, "INSERT INTO events VALUES (" + (10 + i) + ", DATE '2024-01-02', true, 1.50, TIMESTAMP '2024-01-01 10:00:00')");
      update(c, "INSERT INTO events VALUES (" + (20 + i) + ", DATE '2024-01-01', false, 1.50, TIMESTAMP '2024-01-01 10:00:00')");
      update(c, "INSERT INTO events VALUES (" + (30 + i) + ", DATE '2024-01-01', true, 2.00, TIMESTAMP '2024-01-01 10:00:00')");
      update(c, "INSERT INTO events VALUES (" + (40 + i) + ", DATE '2024-01-01', true, 1.50, TIMESTAMP '2024-01-01 11:00:00')");
    }
    List<String> before = rows(c, "SELECT * FROM events ORDER BY id");
    // Only the partition (2024-01-01, true, 1.50, 10:00): 3 files into 1.
    assertThat(rows(c, "OPTIMIZE events WHERE d = '2024-01-01' AND ok = 'true' AND price = '1.5'"
            + " AND ts = '2024-01-01 10:00:00'"))
        .singleElement().asString().startsWith("events,16,true,3,1,").endsWith(",1,null");
    assertThat(rows(c, "SELECT * FROM events ORDER BY id")).isEqualTo(before);
    assertThatThrownBy(() -> rows(c, "OPTIMIZE events WHERE d = 'yesterday'"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContainingAll("'yesterday'", "DATE", "column d");
    assertThat(rows(c, "SELECT MAX(version) FROM TABLE(LAKE_HISTORY('events'))")).containsExactly("16");
  }

  @Test
  void preparedOptimizeRunsAtEachExecution() throws Exception {
    try (PreparedStatement ps = c.prepareStatement("OPTIMIZE sales")) {
      assertThat(rows(ps.executeQuery())).singleElement().asString().startsWith("sales,7,true,");
      update(c, "INSERT INTO sales VALUES (100, 'eu', NULL, NULL)");
      update(c, "INSERT INTO sales VALUES (101, 'eu', NULL, NULL)");
      assertThat(rows(ps.executeQuery())).singleElement().asString().startsWith("sales,10,true,3,1,");
    }
  }

  @Test
  void optimizeRefusals() throws Exception {
    long v = version();
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE amount > 1"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE nope = 1"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE UPPER(region) = 'EU'"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("comparisons of columns with literals");
    // A literal that is not a value of its column's type names both.
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE id = 'abc'"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContainingAll("'abc'", "BIGINT", "column id");
    // What cannot be translated exactly is refused, never widened to more partitions.
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE region = region"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("comparisons of columns with literals");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE region LIKE 'e!%' ESCAPE '!'"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("LIKE without ESCAPE");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales WHERE region IN (SELECT region FROM sales)"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("comparisons of columns with literals");
    assertThat(files()).isEqualTo(12);
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales ZORDER BY (region)"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales ZORDER BY (nope)"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE missing"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("42S02"))
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> rows(c, "OPTIMIZE sales ZORDER (d)"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("42000"));
    assertThat(version()).isEqualTo(v);
    assertThat(files()).isEqualTo(12);
  }

  @Test
  void vacuumKeepsTheRetentionUnlessTheConnectionSaysOtherwise() throws Exception {
    rows(c, "OPTIMIZE sales");
    // Default retention (7 days): the replaced files are recent, nothing is deleted.
    assertThat(rows(c, "VACUUM sales")).isEmpty();
    assertThat(rows(c, "VACUUM sales RETAIN 200 HOURS DRY RUN")).isEmpty();
    assertThatThrownBy(() -> rows(c, "VACUUM sales RETAIN 0 HOURS"))
        .satisfies(e -> assertThat(state(e)).isEqualTo("22000"))
        .hasMessageContaining("retention");
    assertThat(rows(c, "SELECT COUNT(*) FROM sales VERSION AS OF 6")).containsExactly("12");

    Properties noCheck = new Properties();
    noCheck.setProperty("vacuum_retention_check", "false");
    try (Connection nc = DriverManager.getConnection("jdbc:lake:" + dir, noCheck)) {
      List<String> listed = rows(nc, "VACUUM sales RETAIN 0 HOURS DRY RUN");
      assertThat(listed).hasSize(12).allSatisfy(p -> assertThat(p).matches("region=(eu|us)/.*\\.parquet"));
      try (Stream<Path> s = Files.walk(dir.resolve("sales"))) {
        assertThat(s.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(14);
      }
      assertThat(rows(nc, "VACUUM sales RETAIN 0 HOURS")).containsExactlyInAnyOrderElementsOf(listed);
      try (Stream<Path> s = Files.walk(dir.resolve("sales"))) {
        assertThat(s.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(2);
      }
      assertThat(rows(nc, "vacuum sales retain 0.5 hours")).isEmpty();
      assertThat(rows(nc, "SELECT COUNT(*) FROM sales")).containsExactly("12");
      assertThatThrownBy(() -> rows(nc, "SELECT COUNT(*) FROM sales VERSION AS OF 6"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("VACUUM");
    }
  }

  @Test
  void theNewKeywordsRemainNames() throws Exception {
    exec(c, "CREATE TABLE vacuum (optimize INT, zorder STRING, retain INT, dry BOOLEAN, run INT)");
    update(c, "INSERT INTO vacuum VALUES (1, 'a', 2, true, 3)");
    assertThat(rows(c, "SELECT optimize, zorder, retain, dry, run FROM vacuum")).containsExactly("1,a,2,true,3");
    assertThat(rows(c, "OPTIMIZE vacuum")).singleElement().asString().startsWith("vacuum,1,false,");
  }
}
