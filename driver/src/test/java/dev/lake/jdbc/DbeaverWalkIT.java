package dev.lake.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What DBeaver does with a driver: load the one self-contained jar in a class loader of its
 * own (nothing from the test's class path), connect, walk the metadata, then run DDL, DML and
 * queries through it.
 */
class DbeaverWalkIT {
  @TempDir Path dir;

  static Path driverJar() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      return s.filter(p -> p.getFileName().toString().matches("lake-jdbc-.*-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("driver/target/lake-jdbc-*-all.jar not built"));
    }
  }

  @Test
  void walkMetadataThenRunStatements() throws Exception {
    Path jar = driverJar();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Driver driver = (Driver) Class.forName("dev.lake.jdbc.LakeDriver", true, loader).getDeclaredConstructor().newInstance();
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
      String url = "jdbc:lake:" + dir.toAbsolutePath();
      assertThat(driver.acceptsURL(url)).isTrue();
      Properties props = new Properties();
      props.setProperty("user", "analyst");
      props.setProperty("password", "");
      try (Connection c = driver.connect(url, props)) {
        try (Statement st = c.createStatement()) {
          st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR NOT NULL, total DECIMAL(12,2),"
              + " placed TIMESTAMP, tags ARRAY<STRING>, flag BOOLEAN, small UTINYINT)");
        }
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("lake");
        assertThat(md.getDriverName()).isEqualTo("lake JDBC driver");
        assertThat(md.isReadOnly()).isFalse();
        assertThat(md.supportsTransactions()).isTrue();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(strings(md.getCatalogs(), 1)).isNotNull();
        assertThat(strings(md.getSchemas(), 1)).contains("lake");
        assertThat(strings(md.getTableTypes(), 1)).contains("TABLE");
        assertThat(strings(md.getTables(null, "lake", "%", new String[] {"TABLE"}), 3)).containsExactly("orders");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "lake", "orders", "%")) {
          while (rs.next()) {
            columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME")
                + ":" + rs.getInt("COLUMN_SIZE") + ":" + rs.getInt("DECIMAL_DIGITS") + ":" + rs.getInt("NULLABLE")
                + ":" + rs.getString("REMARKS"));
          }
        }
        assertThat(columns).containsExactly(
            "id:" + Types.BIGINT + ":BIGINT:19:0:0:BIGINT",
            "customer:" + Types.VARCHAR + ":VARCHAR:2147483647:0:0:STRING",
            "total:" + Types.DECIMAL + ":DECIMAL:12:2:1:DECIMAL(12,2)",
            "placed:" + Types.TIMESTAMP + ":TIMESTAMP:26:6:1:TIMESTAMP",
            "tags:" + Types.ARRAY + ":VARCHAR ARRAY:-1:0:1:ARRAY<STRING>",
            "flag:" + Types.BOOLEAN + ":BOOLEAN:1:0:1:BOOLEAN",
            "small:" + Types.SMALLINT + ":SMALLINT:5:0:1:UTINYINT");
        try (ResultSet rs = md.getPrimaryKeys(null, "lake", "orders")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
          assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
          assertThat(rs.next()).isFalse();
        }
        assertThat(strings(md.getTypeInfo(), 1)).contains("BIGINT", "VARCHAR", "DECIMAL", "TIMESTAMP");
        assertThat(strings(md.getImportedKeys(null, "lake", "orders"), 4)).isEmpty();
        assertThat(strings(md.getIndexInfo(null, "lake", "orders", false, true), 6)).isNotNull();

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer, total, flag) VALUES (?, ?, ?, ?)")) {
          for (int i = 1; i <= 3; i++) {
            ps.setLong(1, i);
            ps.setString(2, "c" + i);
            ps.setBigDecimal(3, new java.math.BigDecimal(i + ".50"));
            ps.setBoolean(4, i % 2 == 0);
            ps.addBatch();
          }
          assertThat(ps.executeBatch()).hasSize(3);
        }
        try (Statement st = c.createStatement()) {
          assertThat(st.executeUpdate("UPDATE orders SET total = total + 1 WHERE id = 2")).isEqualTo(1);
          assertThat(st.executeUpdate("DELETE FROM orders WHERE id = 3")).isEqualTo(1);
          try (ResultSet rs = st.executeQuery("SELECT id, customer, total, flag FROM orders ORDER BY id")) {
            ResultSetMetaData rmd = rs.getMetaData();
            assertThat(rmd.getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(rmd.getPrecision(3)).isEqualTo(12);
            assertThat(rmd.getScale(3)).isEqualTo(2);
            assertThat(SqlTesting.rows(rs)).containsExactly("1,c1,1.50,false", "2,c2,3.50,true");
          }
          try (ResultSet rs = st.executeQuery("SELECT * FROM orders VERSION AS OF 1")) {
            assertThat(SqlTesting.rows(rs)).hasSize(3);
          }
          st.execute("DROP TABLE orders");
        }
        assertThat(strings(md.getTables(null, "lake", "%", null), 3)).isEmpty();
      }
    }
  }

  private static List<String> strings(ResultSet rs, int column) throws Exception {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(column));
      }
    }
    return out;
  }

  static String classPath() {
    return System.getProperty("java.class.path").replace(File.pathSeparatorChar, '\n');
  }
}
