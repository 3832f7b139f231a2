package dev.lake.it.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JDBC session on an Azure lake: {@code jdbc:lake:abfs://...?endpoint=...&account_key=...}. */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AzureJdbcIT {

  /** The JDBC URL of an Azure lake; option values are URL-encoded (a key holds '+', '/' and '='). */
  static String url(String location, String endpoint, String key) {
    return "jdbc:lake:" + location
        + "?endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8)
        + "&account_name=" + AzuriteEmulator.ACCOUNT
        + "&account_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
  }

  @Test
  void sqlSessionWritesAndReadsDeltaInTheContainer(AzuriteEmulator azurite) throws SQLException {
    String location = azurite.newLocation();
    try (Connection c = DriverManager.getConnection(url(location, azurite.endpoint(), AzuriteEmulator.KEY));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name STRING, qty INT)");
      assertThat(s.executeUpdate("INSERT INTO items VALUES (1, 'apple', 3), (2, 'pear', 5), (3, 'fig', 7)")).isEqualTo(3);
      assertThat(s.executeUpdate("UPDATE items SET qty = qty + 10 WHERE name = 'pear'")).isEqualTo(1);
      assertThat(s.executeUpdate("DELETE FROM items WHERE id = 3")).isEqualTo(1);
      s.executeUpdate(
          "MERGE INTO items t USING (VALUES (1, 'apple', 4), (9, 'kiwi', 1)) AS v(id, name, qty) ON t.id = v.id "
              + "WHEN MATCHED THEN UPDATE SET qty = v.qty "
              + "WHEN NOT MATCHED THEN INSERT (id, name, qty) VALUES (v.id, v.name, v.qty)");

      assertThat(rows(s, "SELECT id, name, qty FROM items ORDER BY id"))
          .containsExactly("1,apple,4", "2,pear,15", "9,kiwi,1");
      assertThat(rows(s, "SELECT id, name, qty FROM items VERSION AS OF 1 ORDER BY id"))
          .containsExactly("1,apple,3", "2,pear,5", "3,fig,7");
      assertThat(rows(s, "SELECT SUM(qty) FROM items")).containsExactly("20");
    }
    // What SQL wrote is a plain Delta table in the container: the engine reads it directly.
    try (Lake lake = Lake.open(location, azurite.options())) {
      assertThat(lake.tableNames()).containsExactly("items");
      assertThat(lake.table("items").snapshot().version()).isEqualTo(4);
      assertThat(LakeRows.longs(lake.table("items").snapshot(), "id")).containsExactlyInAnyOrder(1L, 2L, 9L);
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "," : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
