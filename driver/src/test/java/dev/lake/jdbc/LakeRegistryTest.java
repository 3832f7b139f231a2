package dev.lake.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections to one location share one lake, and the last one to close releases it. */
class LakeRegistryTest {
  @TempDir Path dir;

  @Test
  void connectionsShareOneLakeUntilTheLastCloses() throws Exception {
    int before = LakeRegistry.openLakes();
    try (Connection a = DriverManager.getConnection("jdbc:lake:" + dir)) {
      SqlTesting.exec(a, "CREATE TABLE t (id INT)");
      try (Connection b = DriverManager.getConnection("jdbc:lake:" + dir)) {
        assertThat(LakeRegistry.openLakes()).isEqualTo(before + 1);
        SqlTesting.update(b, "INSERT INTO t VALUES (1)");
      }
      assertThat(LakeRegistry.openLakes()).isEqualTo(before + 1);
      assertThat(SqlTesting.rows(a, "SELECT id FROM t")).containsExactly("1");
    }
    assertThat(LakeRegistry.openLakes()).isEqualTo(before);

    // A new connection opens the lake again and sees what was written.
    try (Connection c = DriverManager.getConnection("jdbc:lake:" + dir)) {
      assertThat(SqlTesting.rows(c, "SELECT id FROM t")).containsExactly("1");
    }
    assertThat(LakeRegistry.openLakes()).isEqualTo(before);
  }

  @Test
  void aLocationThatCannotBeOpenedRegistersNothing() {
    int before = LakeRegistry.openLakes();
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:lake:nosuchscheme://x/y"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("nosuchscheme");
    assertThat(LakeRegistry.openLakes()).isEqualTo(before);
  }
}
