package dev.lake.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlSmokeTest {
  @TempDir Path dir;

  static List<String> rows(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "," : "").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  @Test
  void basics() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:lake:" + dir);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, name STRING, age INT)");
      assertThat(st.executeUpdate("INSERT INTO people VALUES (1, 'ada', 36), (2, 'bob', 41), (3, 'cy', NULL)")).isEqualTo(3);
      assertThat(rows(st, "SELECT id, name FROM people WHERE age > 40")).containsExactly("2,bob");
      assertThat(st.executeUpdate("UPDATE people SET age = age + 1 WHERE id = 1")).isEqualTo(1);
      assertThat(st.executeUpdate("DELETE FROM people WHERE name = 'bob'")).isEqualTo(1);
      assertThat(rows(st, "SELECT id, name, age FROM people ORDER BY id")).containsExactly("1,ada,37", "3,cy,null");
      assertThat(rows(st, "SELECT id FROM people VERSION AS OF 1 ORDER BY id")).containsExactly("1", "2", "3");
      assertThat(rows(st, "DESCRIBE HISTORY people")).isNotEmpty();
    }
  }
}
