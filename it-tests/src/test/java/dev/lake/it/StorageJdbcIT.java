package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import dev.lake.it.support.LakeRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A JDBC session on every storage backend through the URL a user types
 * ({@code jdbc:lake:s3://bucket/prefix?endpoint=...&path_style=true&...}): DDL, DML, queries and
 * time travel, each statement one commit, checked through the engine afterwards; OPTIMIZE and
 * VACUUM as statements.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StorageJdbcIT {
  @BackendTest
  void ddlDmlQueriesAndTimeTravelThroughTheUrl(StorageEndpoint storage) throws SQLException {
    String location = storage.newLakeLocation("jdbc");
    String url = storage.jdbcUrl(location);
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount DECIMAL(10,2))");
      assertThat(st.executeUpdate("INSERT INTO orders VALUES (1, 'ada', 10.50), (2, 'bob', 20.00), (3, 'cy', 5.25)"))
          .isEqualTo(3);
      assertThat(st.executeUpdate("UPDATE orders SET amount = amount * 2 WHERE customer = 'bob'")).isEqualTo(1);
      assertThat(st.executeUpdate("DELETE FROM orders WHERE id = 3")).isEqualTo(1);

      assertThat(query(st, "SELECT id, customer, amount FROM orders ORDER BY id"))
          .containsExactly("1|ada|10.50", "2|bob|40.00");
      assertThat(query(st, "SELECT COUNT(*), SUM(amount) FROM orders")).containsExactly("2|50.50");
      // Time travel: version 1 is the insert.
      assertThat(query(st, "SELECT id, amount FROM orders VERSION AS OF 1 ORDER BY id"))
          .containsExactly("1|10.50", "2|20.00", "3|5.25");

      st.execute("CREATE TABLE customers (name VARCHAR, city VARCHAR)");
      st.executeUpdate("INSERT INTO customers VALUES ('ada', 'London'), ('bob', 'Paris')");
      assertThat(query(st, "SELECT o.id, c.city FROM orders o JOIN customers c ON o.customer = c.name ORDER BY o.id"))
          .containsExactly("1|London", "2|Paris");
      st.execute("DROP TABLE customers");
      assertThat(tables(c)).containsExactly("orders");
    }
    // The engine sees exactly what the session committed: create, insert, update, delete.
    try (Lake lake = storage.open(location)) {
      assertThat(lake.tableNames()).containsExactly("orders");
      assertThat(lake.table("orders").snapshot().version()).isEqualTo(3);
      assertThat(LakeRows.all(lake.table("orders").snapshot()).stream().map(r -> r.get(0) + "|" + r.get(1)).toList())
          .containsExactly("1|ada", "2|bob");
    }
  }

  @BackendTest
  void optimizeAndVacuumStatements(StorageEndpoint storage) throws SQLException {
    String location = storage.newLakeLocation("jdbc-maint");
    String url = storage.jdbcUrl(location);
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount DECIMAL(10,2))");
      for (int i = 0; i < 5; i++) {
        st.executeUpdate("INSERT INTO orders VALUES (" + i + ", 'c" + i + "', " + i + ".25)");
      }
      // table_name|version|committed|files_removed|files_added|bytes_removed|bytes_added|partitions|z_order_by
      List<String> optimized = query(st, "OPTIMIZE orders ZORDER BY (amount)");
      assertThat(optimized).hasSize(1);
      assertThat(optimized.get(0)).startsWith("orders|6|true|5|1|").endsWith("|amount");
      assertThat(query(st, "SELECT operation FROM TABLE(LAKE_HISTORY('orders')) WHERE version = 6"))
          .containsExactly("OPTIMIZE");
      // The retention check refuses 0 hours: SQLState 22000, nothing deleted.
      assertThatThrownBy(() -> query(st, "VACUUM orders RETAIN 0 HOURS"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22000"));
      assertThat(query(st, "SELECT COUNT(*) FROM orders VERSION AS OF 5")).containsExactly("5");
    }
    java.util.Properties noCheck = new java.util.Properties();
    noCheck.setProperty("vacuum_retention_check", "false");
    try (Connection c = DriverManager.getConnection(url, noCheck); Statement st = c.createStatement()) {
      assertThat(query(st, "VACUUM orders RETAIN 0 HOURS DRY RUN")).hasSize(5);
      assertThat(query(st, "VACUUM orders RETAIN 0 HOURS")).hasSize(5);
      assertThat(query(st, "VACUUM orders RETAIN 0 HOURS")).isEmpty();
      assertThat(query(st, "SELECT id, amount FROM orders ORDER BY id"))
          .containsExactly("0|0.25", "1|1.25", "2|2.25", "3|3.25", "4|4.25");
      // The old versions' files are gone: a clean error, not wrong rows.
      assertThatThrownBy(() -> query(st, "SELECT COUNT(*) FROM orders VERSION AS OF 5"))
          .isInstanceOf(SQLException.class);
    }
  }

  private static List<String> query(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "lake", "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }
}
