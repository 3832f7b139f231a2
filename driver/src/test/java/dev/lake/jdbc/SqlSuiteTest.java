package dev.lake.jdbc;

import static dev.lake.jdbc.SqlTesting.exec;
import static dev.lake.jdbc.SqlTesting.rows;
import static dev.lake.jdbc.SqlTesting.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of statement lake's SQL supports, with expected results and error codes. */
class SqlSuiteTest {
  @TempDir Path dir;
  Connection c;

  @BeforeEach
  void connect() throws Exception {
    c = DriverManager.getConnection("jdbc:lake:" + dir);
    exec(c, "CREATE TABLE emp (id INT PRIMARY KEY, name STRING NOT NULL, dept STRING, salary DECIMAL(10,2), hired DATE)");
    exec(c, "CREATE TABLE dept (code STRING, title STRING, PRIMARY KEY (code))");
    update(c, "INSERT INTO emp VALUES"
        + " (1, 'ada', 'eng', 120.00, DATE '2020-01-02'),"
        + " (2, 'bob', 'eng', 100.50, DATE '2021-03-04'),"
        + " (3, 'cy', 'ops', 90.00, DATE '2019-05-06'),"
        + " (4, 'dee', NULL, NULL, NULL)");
    update(c, "INSERT INTO dept VALUES ('eng', 'Engineering'), ('ops', 'Operations'), ('hr', 'People')");
  }

  @AfterEach
  void close() throws Exception {
    c.close();
  }

  private long version(String table) {
    return Lake.open(dir.toString()).table(table).snapshot().version();
  }

  @Test
  void selectsJoinsAggregatesWindowsSubqueries() throws Exception {
    assertThat(rows(c, "SELECT e.name, d.title FROM emp e JOIN dept d ON e.dept = d.code ORDER BY e.id"))
        .containsExactly("ada,Engineering", "bob,Engineering", "cy,Operations");
    assertThat(rows(c, "SELECT d.code, COUNT(e.id) FROM dept d LEFT JOIN emp e ON e.dept = d.code GROUP BY d.code ORDER BY d.code"))
        .containsExactly("eng,2", "hr,0", "ops,1");
    assertThat(rows(c, "SELECT dept, SUM(salary), AVG(salary), MIN(hired), MAX(name) FROM emp GROUP BY dept HAVING COUNT(*) > 1"))
        .containsExactly("eng,220.50,110.25,2020-01-02,bob");
    assertThat(rows(c, "SELECT name, RANK() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp WHERE dept IS NOT NULL ORDER BY name"))
        .containsExactly("ada,1", "bob,2", "cy,1");
    assertThat(rows(c, "SELECT name FROM emp WHERE salary > (SELECT AVG(salary) FROM emp) ORDER BY name"))
        .containsExactly("ada");
    assertThat(rows(c, "SELECT name FROM emp WHERE dept IN (SELECT code FROM dept WHERE title LIKE 'Op%')"))
        .containsExactly("cy");
    assertThat(rows(c, "SELECT id FROM emp ORDER BY id DESC LIMIT 2 OFFSET 1")).containsExactly("3", "2");
    assertThat(rows(c, "SELECT id FROM emp ORDER BY id OFFSET 2 ROWS FETCH NEXT 1 ROWS ONLY")).containsExactly("3");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp WHERE dept IS NULL")).containsExactly("1");
    assertThat(rows(c, "SELECT id FROM emp WHERE hired BETWEEN DATE '2020-01-01' AND DATE '2021-12-31' ORDER BY id"))
        .containsExactly("1", "2");
  }

  @Test
  void commaJoinsAreOrderedByTheirConditionsNotTheFromList() throws Exception {
    // FROM emp, dept, loc with conditions linking emp-loc and loc-dept only: joined in FROM
    // order, emp x dept would be a cross product.
    exec(c, "CREATE TABLE loc (boss INT, dept STRING, city STRING)");
    update(c, "INSERT INTO loc VALUES (1, 'ops', 'Oslo'), (3, 'eng', 'Rome'), (2, 'hr', 'Lima')");
    String sql = "SELECT e.name, d.title, l.city FROM emp e, dept d, loc l"
        + " WHERE l.dept = d.code AND e.id = l.boss ORDER BY e.name";
    String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + sql));
    assertThat(plan).doesNotContain("condition=[true]").doesNotContain("NestedLoopJoin");
    assertThat(rows(c, sql)).containsExactly("ada,Operations,Oslo", "bob,People,Lima", "cy,Engineering,Rome");
    // An outer join keeps its semantics when the joins around it are reordered.
    assertThat(rows(c, "SELECT d.code, l.city, e.name FROM dept d LEFT JOIN emp e ON e.dept = d.code, loc l"
            + " WHERE l.dept = d.code ORDER BY d.code, e.name"))
        .containsExactly("eng,Rome,ada", "eng,Rome,bob", "hr,Lima,null", "ops,Oslo,cy");
  }

  @Test
  void filtersArePushedIntoTheScan() throws Exception {
    List<String> plan = rows(c, "EXPLAIN PLAN FOR SELECT name FROM emp WHERE id = 2 AND name LIKE 'b%'");
    assertThat(String.join("\n", plan)).contains("LakeTableScan").contains("filter=[(id = 2 AND name LIKE 'b%')]");
    assertThat(String.join("\n", plan)).contains("columns=[[name]]");
  }

  @Test
  void aColumnWidenedWithoutLossIsStillPushed() throws Exception {
    // Calcite compares DECIMAL(10,2) with a string as DECIMAL(38,19): the scan still filters.
    String sql = "SELECT name FROM emp WHERE salary = '100.5'";
    assertThat(String.join("\n", rows(c, "EXPLAIN PLAN FOR " + sql))).contains("filter=[salary = 100.50]");
    assertThat(rows(c, sql)).containsExactly("bob");
    // A literal that is no value of the column's type stays with Calcite: nothing matches.
    assertThat(rows(c, "SELECT name FROM emp WHERE salary = '100.555'")).isEmpty();
    assertThat(rows(c, "SELECT name FROM emp WHERE id = 1.5")).isEmpty();
    assertThat(rows(c, "SELECT name FROM emp WHERE id < 1.5")).containsExactly("ada");
  }

  @Test
  void preparedStatementsWithParameters() throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM emp WHERE dept = ? AND salary >= ? ORDER BY name")) {
      ps.setString(1, "eng");
      ps.setBigDecimal(2, new BigDecimal("110"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(SqlTesting.rows(rs)).containsExactly("ada");
      }
      ps.setBigDecimal(2, new BigDecimal("0"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(SqlTesting.rows(rs)).containsExactly("ada", "bob");
      }
    }
    // a prepared statement sees commits made after it was prepared
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM emp")) {
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(SqlTesting.rows(rs)).containsExactly("4");
      }
      update(c, "INSERT INTO emp (id, name) VALUES (9, 'zed')");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(SqlTesting.rows(rs)).containsExactly("5");
      }
    }
  }

  @Test
  void insertSelectAndBatchesAreOneCommitEach() throws Exception {
    exec(c, "CREATE TABLE names (n STRING)");
    long v0 = version("names");
    assertThat(update(c, "INSERT INTO names SELECT name FROM emp WHERE dept = 'eng'")).isEqualTo(2);
    assertThat(version("names")).isEqualTo(v0 + 1);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO names VALUES (?)")) {
      for (String n : List.of("x", "y", "z")) {
        ps.setString(1, n);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).containsExactly(1, 1, 1);
    }
    assertThat(version("names")).isEqualTo(v0 + 2);
    try (Statement st = c.createStatement()) {
      st.addBatch("INSERT INTO names VALUES ('p')");
      st.addBatch("DELETE FROM names WHERE n = 'x'");
      st.executeBatch();
    }
    assertThat(version("names")).isEqualTo(v0 + 3);
    assertThat(rows(c, "SELECT n FROM names ORDER BY n")).containsExactly("ada", "bob", "p", "y", "z");
  }

  @Test
  void updateDeleteMergeAreOneCommitEach() throws Exception {
    long v = version("emp");
    assertThat(update(c, "UPDATE emp SET salary = salary * 2, dept = 'mgmt' WHERE id IN (1, 3)")).isEqualTo(2);
    assertThat(version("emp")).isEqualTo(v + 1);
    assertThat(rows(c, "SELECT id, dept, salary FROM emp WHERE dept = 'mgmt' ORDER BY id"))
        .containsExactly("1,mgmt,240.00", "3,mgmt,180.00");
    assertThat(update(c, "DELETE FROM emp WHERE salary IS NULL OR id = 2")).isEqualTo(2);
    assertThat(version("emp")).isEqualTo(v + 2);
    exec(c, "CREATE TABLE changes (id INT, name STRING, salary DECIMAL(10,2))");
    update(c, "INSERT INTO changes VALUES (1, 'ada', 1.00), (7, 'gus', 7.00)");
    long before = version("emp");
    assertThat(update(c, "MERGE INTO emp t USING changes s ON t.id = s.id"
        + " WHEN MATCHED THEN UPDATE SET salary = s.salary"
        + " WHEN NOT MATCHED THEN INSERT (id, name, salary) VALUES (s.id, s.name, s.salary)")).isEqualTo(2);
    assertThat(version("emp")).isEqualTo(before + 1);
    assertThat(rows(c, "SELECT id, name, salary FROM emp ORDER BY id"))
        .containsExactly("1,ada,1.00", "3,cy,180.00", "7,gus,7.00");
    // Both source rows now match (1 and 7): nothing to insert.
    assertThat(update(c, "MERGE INTO emp t USING changes s ON t.id = s.id"
        + " WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id + 100, s.name)")).isEqualTo(0);
    assertThat(rows(c, "SELECT operation FROM (SELECT 1 AS x) t, LATERAL TABLE(LAKE_HISTORY('emp')) ORDER BY version"))
        .contains("UPDATE", "DELETE", "MERGE");
  }

  @Test
  void mergeFromValues() throws Exception {
    long before = version("emp");
    assertThat(update(c, "MERGE INTO emp t USING (VALUES (1, 'ada', 5.00), (8, 'hal', 8.00)) AS s(id, name, salary)"
        + " ON t.id = s.id"
        + " WHEN MATCHED THEN UPDATE SET salary = s.salary"
        + " WHEN NOT MATCHED THEN INSERT (id, name, salary) VALUES (s.id, s.name, s.salary)")).isEqualTo(2);
    assertThat(version("emp")).isEqualTo(before + 1);
    assertThat(rows(c, "SELECT id, name, salary FROM emp WHERE id IN (1, 8) ORDER BY id"))
        .containsExactly("1,ada,5.00", "8,hal,8.00");
    // Source values whose types differ from the target's (INT literals into BIGINT).
    exec(c, "CREATE TABLE items (id BIGINT PRIMARY KEY, name STRING, qty INT)");
    update(c, "INSERT INTO items VALUES (1, 'apple', 3), (2, 'pear', 5)");
    assertThat(update(c, "MERGE INTO items t USING (VALUES (1, 'apple', 4), (9, 'kiwi', 1)) AS v(id, name, qty)"
        + " ON t.id = v.id WHEN MATCHED THEN UPDATE SET qty = v.qty"
        + " WHEN NOT MATCHED THEN INSERT (id, name, qty) VALUES (v.id, v.name, v.qty)")).isEqualTo(2);
    assertThat(rows(c, "SELECT id, name, qty FROM items ORDER BY id")).containsExactly("1,apple,4", "2,pear,5", "9,kiwi,1");
    assertThat(update(c, "MERGE INTO items t USING (VALUES (2, 50), (3, 70)) AS v(id, qty)"
        + " ON t.id = v.id WHEN MATCHED THEN UPDATE SET qty = v.qty")).isEqualTo(1);
    assertThat(rows(c, "SELECT id, name, qty FROM items ORDER BY id")).containsExactly("1,apple,4", "2,pear,50", "9,kiwi,1");
    // A NOT NULL key, and an INSERT clause naming only some columns.
    exec(c, "CREATE TABLE orders (id BIGINT NOT NULL, customer VARCHAR, total DECIMAL(10,2), PRIMARY KEY (id))");
    update(c, "INSERT INTO orders VALUES (1, 'ann', 10.50), (2, 'bob', 0.01)");
    assertThat(update(c, "MERGE INTO orders t USING (VALUES (1, 'ann2'), (5, 'eve')) AS u(id, customer) ON t.id = u.id"
        + " WHEN MATCHED THEN UPDATE SET customer = u.customer"
        + " WHEN NOT MATCHED THEN INSERT (id, customer) VALUES (u.id, u.customer)")).isEqualTo(2);
    assertThat(rows(c, "SELECT id, customer, total FROM orders ORDER BY id"))
        .containsExactly("1,ann2,10.50", "2,bob,0.01", "5,eve,null");
  }

  @Test
  void insertOnlyMergeInsertsExactlyTheUnmatchedRowsWithOrWithoutAKeyAndInATransaction() throws Exception {
    // No primary key: matching is by the ON condition alone.
    exec(c, "CREATE TABLE seen (host STRING, port INT)");
    update(c, "INSERT INTO seen VALUES ('a', 1), ('b', 2)");
    long v = version("seen");
    assertThat(update(c, "MERGE INTO seen t USING (VALUES ('a', 1), ('a', 9), ('c', 3)) AS s(host, port)"
        + " ON t.host = s.host AND t.port = s.port"
        + " WHEN NOT MATCHED THEN INSERT (host, port) VALUES (s.host, s.port)")).isEqualTo(2);
    assertThat(version("seen")).isEqualTo(v + 1);
    assertThat(rows(c, "SELECT host, port FROM seen ORDER BY host, port")).containsExactly("a,1", "a,9", "b,2", "c,3");
    assertThat(rows(c, "SELECT operation FROM (SELECT 1 AS x) t, LATERAL TABLE(LAKE_HISTORY('seen')) ORDER BY version DESC LIMIT 1"))
        .containsExactly("MERGE");

    // With a key, inside a transaction: nothing until commit, then one commit.
    c.setAutoCommit(false);
    assertThat(update(c, "MERGE INTO emp t USING (VALUES (1, 'ada'), (9, 'ivy')) AS s(id, name) ON t.id = s.id"
        + " WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)")).isEqualTo(1);
    long e = version("emp");
    c.commit();
    c.setAutoCommit(true);
    assertThat(version("emp")).isEqualTo(e + 1);
    assertThat(rows(c, "SELECT id, name FROM emp WHERE id IN (1, 9) ORDER BY id")).containsExactly("1,ada", "9,ivy");
  }

  @Test
  void ddl() throws Exception {
    exec(c, "CREATE TABLE alltypes (i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, u8 UTINYINT, u64 UBIGINT,"
        + " f REAL, d DOUBLE, s VARCHAR, b VARBINARY, flag BOOLEAN, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ,"
        + " amount DECIMAL(38,10), tags ARRAY<STRING>, attrs MAP<STRING, INT>, pt STRUCT<x: DOUBLE, y: DOUBLE>)"
        + " PARTITIONED BY (flag) TBLPROPERTIES ('delta.appendOnly' = 'false')");
    Lake lake = Lake.open(dir.toString());
    assertThat(lake.table("alltypes").snapshot().schema().field("u8").type().sqlName()).isEqualTo("UTINYINT");
    assertThat(lake.table("alltypes").snapshot().partitionColumns()).containsExactly("flag");
    exec(c, "CREATE TABLE IF NOT EXISTS alltypes (x INT)");
    exec(c, "CREATE TABLE rich AS SELECT dept, SUM(salary) AS total FROM emp GROUP BY dept");
    assertThat(lake.table("rich").snapshot().version()).isZero();
    assertThat(rows(c, "SELECT dept, total FROM rich WHERE dept = 'eng'")).containsExactly("eng,220.50");
    exec(c, "CREATE TABLE keyed (PRIMARY KEY (id)) AS SELECT id, name FROM emp");
    assertThat(lake.table("keyed").snapshot().primaryKey()).containsExactly("id");
    exec(c, "ALTER TABLE emp ADD COLUMN note STRING");
    update(c, "UPDATE emp SET note = 'hi' WHERE id = 1");
    assertThat(rows(c, "SELECT id, note FROM emp WHERE id <= 2 ORDER BY id")).containsExactly("1,hi", "2,null");
    exec(c, "TRUNCATE TABLE rich");
    assertThat(rows(c, "SELECT COUNT(*) FROM rich")).containsExactly("0");
    exec(c, "DROP TABLE rich");
    exec(c, "DROP TABLE IF EXISTS rich");
    assertThat(lake.tableNames()).doesNotContain("rich");
    assertThat(sqlState(() -> exec(c, "DROP TABLE rich"))).isEqualTo("42S02");
    assertThat(sqlState(() -> exec(c, "CREATE TABLE emp (x INT)"))).isEqualTo("42S01");
  }

  @Test
  void nestedAndSpecialTypesRoundTripThroughSql() throws Exception {
    exec(c, "CREATE TABLE nest (id INT, tags ARRAY<STRING>, attrs MAP<STRING, INT>, pt STRUCT<x: DOUBLE, y: DOUBLE>,"
        + " u UTINYINT, big UBIGINT, b VARBINARY, ts TIMESTAMP, ntz TIMESTAMP_NTZ)");
    Lake lake = Lake.open(dir.toString());
    lake.table("nest").insert(List.<Object[]>of(new Object[] {
        1, List.of("a", "b"), java.util.Map.of("k", 7), List.of(1.5, -2.0), (short) 255,
        new java.math.BigInteger("18446744073709551615"), new byte[] {1, 2},
        java.time.Instant.parse("2026-01-02T03:04:05.678Z"), java.time.LocalDateTime.parse("2026-01-02T03:04:05.678")}));
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT tags, attrs, pt, u, big, b, ts, ntz, tags[2], attrs['k'], nest.pt.x FROM nest")) {
      assertThat(rs.next()).isTrue();
      assertThat((Object[]) rs.getArray(1).getArray()).containsExactly("a", "b");
      assertThat(rs.getObject(2)).isEqualTo(java.util.Map.of("k", 7));
      assertThat(rs.getShort(4)).isEqualTo((short) 255);
      assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("18446744073709551615");
      assertThat(rs.getBytes(6)).containsExactly(1, 2);
      assertThat(rs.getTimestamp(7, java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"))).toInstant())
          .isEqualTo(java.time.Instant.parse("2026-01-02T03:04:05.678Z"));
      assertThat(rs.getString(8)).isEqualTo("2026-01-02 03:04:05.678000");
      assertThat(rs.getString(9)).isEqualTo("b");
      assertThat(rs.getInt(10)).isEqualTo(7);
      assertThat(rs.getDouble(11)).isEqualTo(1.5);
    }
    update(c, "INSERT INTO nest (id, tags, u) VALUES (2, ARRAY['x'], 7)");
    assertThat(rows(c, "SELECT id, CARDINALITY(tags), u FROM nest ORDER BY id")).containsExactly("1,2,255", "2,1,7");
    assertThat(sqlState(() -> update(c, "INSERT INTO nest (id, u) VALUES (3, 256)"))).startsWith("22");
  }

  @Test
  void timeTravelInThreeSyntaxes() throws Exception {
    long v = version("emp");
    update(c, "DELETE FROM emp WHERE id > 1");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp")).containsExactly("1");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp VERSION AS OF " + v)).containsExactly("4");
    String ts;
    try (ResultSet rs = c.createStatement().executeQuery("DESCRIBE HISTORY emp")) {
      String last = null;
      while (rs.next()) {
        if (rs.getLong("version") == v) {
          last = rs.getString("timestamp");
        }
      }
      ts = last;
    }
    assertThat(ts).isNotNull();
    assertThat(rows(c, "SELECT COUNT(*) FROM emp TIMESTAMP AS OF '" + ts + "'")).containsExactly("4");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp FOR SYSTEM_TIME AS OF TIMESTAMP '" + ts + "'")).containsExactly("4");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp VERSION AS OF " + v + " e JOIN dept d ON e.dept = d.code"))
        .containsExactly("3");
    assertThat(sqlState(() -> rows(c, "SELECT * FROM emp VERSION AS OF 999"))).isEqualTo("42S02");
  }

  @Test
  void transactions() throws Exception {
    assertThat(c.getAutoCommit()).isTrue();
    assertThat(c.getMetaData().supportsTransactions()).isTrue();
    long v = version("emp");
    c.setAutoCommit(false);
    update(c, "INSERT INTO emp (id, name) VALUES (10, 'ten')");
    update(c, "UPDATE emp SET salary = 1 WHERE id = 1");
    update(c, "DELETE FROM emp WHERE id = 2");
    assertThat(version("emp")).isEqualTo(v);
    c.commit();
    assertThat(version("emp")).isEqualTo(v + 1);
    assertThat(rows(c, "SELECT id, salary FROM emp ORDER BY id")).containsExactly("1,1.00", "3,90.00", "4,null", "10,null");
    update(c, "DELETE FROM emp");
    c.rollback();
    assertThat(version("emp")).isEqualTo(v + 1);
    assertThat(rows(c, "SELECT COUNT(*) FROM emp")).containsExactly("4");
    c.setAutoCommit(true);
  }

  @Test
  void errorsCarrySqlStates() throws Exception {
    assertThat(sqlState(() -> rows(c, "SELEC 1"))).isEqualTo("42000");
    // a column named like a reserved word (day, from an imported CSV): the error says how to write it
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows(c, "SELECT day, name FROM emp"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Encountered \"day\"")
        .hasMessageContaining("day is a reserved word; as a table or column name, quote it: \"day\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows(c, "SELEC 1"))
        .hasMessageNotContaining("reserved word");
    assertThat(sqlState(() -> rows(c, "SELECT * FROM nope"))).isEqualTo("42S02");
    assertThat(sqlState(() -> rows(c, "SELECT nope FROM emp"))).isEqualTo("42S22");
    assertThat(sqlState(() -> update(c, "INSERT INTO emp (id, name) VALUES (1, 'again')"))).isEqualTo("23505");
    assertThat(sqlState(() -> update(c, "INSERT INTO emp (id, name) VALUES (NULL, 'x')"))).startsWith("23");
    assertThat(sqlState(() -> update(c, "INSERT INTO emp (id) VALUES (77)"))).startsWith("23");
    assertThat(sqlState(() -> update(c, "INSERT INTO emp (id, name, salary) VALUES (78, 'x', 123456789012.5)")))
        .startsWith("22");
    assertThat(rows(c, "SELECT COUNT(*) FROM emp")).containsExactly("4");
  }

  interface SqlCall {
    void run() throws Exception;
  }

  static String sqlState(SqlCall call) {
    try {
      call.run();
    } catch (SQLException e) {
      return e.getSQLState();
    } catch (Exception e) {
      throw new AssertionError("expected a SQLException, got " + e, e);
    }
    throw new AssertionError("expected a SQLException");
  }
}
