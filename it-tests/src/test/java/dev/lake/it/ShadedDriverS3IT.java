package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.it.storage.S3Backend.S3Endpoint;
import dev.lake.it.storage.StorageBackends;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The self-contained driver jar ({@code driver/target/lake-jdbc-*-all.jar}) on S3, loaded as
 * DBeaver loads it: alone in its own class loader, with a thread context loader that knows
 * nothing of it. This catches what only the shaded jar can break: the AWS SDK's service files
 * (HTTP clients, interceptors) and S3A's classes after merging and relocation.
 */
@ExtendWith(StorageBackends.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShadedDriverS3IT {
  @Test
  void theOneJarDriverWorksOnS3(S3Endpoint s3) throws Exception {
    Path jar;
    try (Stream<Path> s = Files.list(Path.of("..", "driver", "target"))) {
      jar = s.filter(p -> p.getFileName().toString().matches("lake-jdbc-.*-all\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("driver/target/lake-jdbc-*-all.jar not built"));
    }
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
      Driver driver = (Driver) Class.forName("dev.lake.jdbc.LakeDriver", true, loader).getDeclaredConstructor().newInstance();
      String url = s3.jdbcUrl(s3.newLakeLocation("shaded"));
      try (Connection c = driver.connect(url, new Properties()); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR)");
        assertThat(st.executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two')")).isEqualTo(2);
        assertThat(st.executeUpdate("UPDATE t SET name = 'TWO' WHERE id = 2")).isEqualTo(1);
        try (ResultSet rs = st.executeQuery("SELECT name FROM t ORDER BY id")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("one");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("TWO");
          assertThat(rs.next()).isFalse();
        }
      }
    } finally {
      t.setContextClassLoader(previous);
    }
  }
}
