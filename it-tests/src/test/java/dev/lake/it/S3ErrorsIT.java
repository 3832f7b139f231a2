package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.storage.S3Backend;
import dev.lake.it.storage.S3Backend.S3Endpoint;
import dev.lake.it.storage.StorageBackends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users see when an S3 lake cannot be used: wrong credentials, a missing bucket, an
 * endpoint nobody listens on, a misspelt option. Each fails when the lake is opened (JDBC: at
 * connect; command line: exit code 74 for storage, 65 for bad input) with one message naming the
 * location, and writes nothing. Also the storage options through the command line (options
 * file and --option) and the standard AWS environment variables as their fallback.
 */
@ExtendWith(StorageBackends.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class S3ErrorsIT {
  @TempDir Path tmp;

  @Test
  void wrongCredentialsFailAtOpenNamingTheLocation(S3Endpoint s3) {
    String location = s3.newLakeLocation("badcreds");
    assertThatThrownBy(() -> Lake.open(location, s3.optionsWith("secret_key", "not-the-secret")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("access denied")
        .hasMessageContaining("403");
    assertThat(s3.keys(prefix(location))).isEmpty();
  }

  @Test
  void missingBucketFailsAtOpen(S3Endpoint s3) {
    assertThatThrownBy(() -> Lake.open("s3://no-such-bucket-lake/x", s3.options()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("s3://no-such-bucket-lake/x")
        .hasMessageContaining("bucket 'no-such-bucket-lake' does not exist");
  }

  @Test
  void unreachableEndpointFailsAfterRetries(S3Endpoint s3) {
    String location = s3.newLakeLocation("unreachable");
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> Lake.open(location, s3.optionsWith("endpoint", "http://127.0.0.1:1")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("http://127.0.0.1:1");
    System.out.printf("unreachable endpoint reported after %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void unknownOrMalformedOptionsAreRefusedListingTheValidOnes(S3Endpoint s3) {
    String location = s3.newLakeLocation("badoption");
    assertThatThrownBy(() -> Lake.open(location, s3.optionsWith("endpiont", "http://x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown S3 option 'endpiont'")
        .hasMessageContaining("endpoint, region, path_style, access_key, secret_key, session_token");
    assertThatThrownBy(() -> Lake.open(location, s3.optionsWith("path_style", "yes")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("path_style must be true or false");
    assertThatThrownBy(() -> Lake.open(location, s3.optionsWith("endpoint", "ftp://host")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid S3 endpoint");
    assertThatThrownBy(() -> Lake.open("s3://Bad_Bucket/x", s3.options()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid S3 bucket name 'Bad_Bucket'");
    assertThat(s3.keys(prefix(location))).isEmpty();
  }

  @Test
  void jdbcConnectFailsWithTheStorageError(S3Endpoint s3) {
    String url = "jdbc:lake:s3://no-such-bucket-lake/x?endpoint=" + s3.endpoint()
        + "&path_style=true&access_key=" + s3.options().get("access_key") + "&secret_key=" + s3.options().get("secret_key");
    assertThatThrownBy(() -> DriverManager.getConnection(url).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("s3://no-such-bucket-lake/x")
        .hasMessageContaining("does not exist")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
  }

  @Test
  void commandLineTakesOptionsFromFileAndFlags(S3Endpoint s3) throws Exception {
    String location = s3.newLakeLocation("cli");
    try (Lake lake = Lake.open(location, s3.options())) {
      lake.createTable("t1", TableDefinition.of(TypeParser.parseColumns("id BIGINT")))
          .insert(List.<Object[]>of(new Object[] {7L}));
    }
    Path file = tmp.resolve("s3.properties");
    StringBuilder props = new StringBuilder("# lake storage options\n");
    for (Map.Entry<String, String> e : s3.options().entrySet()) {
      props.append(e.getKey()).append('=').append(e.getValue().replace(":", "\\:")).append('\n');
    }
    Files.writeString(file, props);

    Cli ok = Cli.run("tables", location, "--options-file", file.toString());
    assertThat(ok.code).as(ok.err).isZero();
    assertThat(ok.out).contains("t1");

    Cli cat = Cli.run("cat", location + "/t1", "--options-file", file.toString());
    assertThat(cat.code).as(cat.err).isZero();
    assertThat(cat.out).isEqualTo("id\n7\n");

    // --option overrides the file: a wrong secret is a storage error (exit 74) naming the lake.
    Cli bad = Cli.run("tables", location, "--options-file", file.toString(), "--option", "secret_key=wrong");
    assertThat(bad.code).isEqualTo(74);
    assertThat(bad.err).contains("lake: ").contains(location).contains("access denied");

    Cli typo = Cli.run("history", location + "/t1", "--option", "regoin=eu-west-1");
    assertThat(typo.code).isEqualTo(65);
    assertThat(typo.err).contains("unknown S3 option 'regoin'");
  }

  @Test
  void credentialsAndEndpointFromTheEnvironment(S3Endpoint s3) throws Exception {
    String location = s3.newLakeLocation("env");
    try (Lake lake = Lake.open(location, s3.options())) {
      lake.createTable("t1", TableDefinition.of(TypeParser.parseColumns("id BIGINT, name STRING")))
          .insert(List.<Object[]>of(new Object[] {1L, "from-env"}));
    }
    // A separate JVM whose only S3 settings are the standard AWS variables (no options but
    // path_style): the SDK client and S3A both find credentials, endpoint and region there.
    Map<String, String> env = Map.of(
        "AWS_ACCESS_KEY_ID", s3.options().get("access_key"),
        "AWS_SECRET_ACCESS_KEY", s3.options().get("secret_key"),
        "AWS_ENDPOINT_URL", s3.endpoint().toString(),
        "AWS_REGION", "us-east-1");
    Proc cat = Proc.cli(env, "cat", location + "/t1", "--option", "path_style=true");
    assertThat(cat.code).as(cat.err).isZero();
    assertThat(cat.out).isEqualTo("id,name\n1,from-env\n");

    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("AWS_SECRET_ACCESS_KEY", "wrong");
    Proc denied = Proc.cli(wrong, "tables", location, "--option", "path_style=true");
    assertThat(denied.code).isEqualTo(74);
    assertThat(denied.err).contains(location).contains("access denied");
  }

  /** The lake command line in a JVM of its own, with exactly the given AWS environment. */
  private record Proc(int code, String out, String err) {
    static Proc cli(Map<String, String> awsEnv, String... args) throws Exception {
      List<String> cmd = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
          "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
          "-cp", System.getProperty("java.class.path"), "dev.lake.cli.LakeCli"));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
      pb.environment().putAll(awsEnv);
      Path out = Files.createTempFile("lake-cli", ".out");
      Path err = Files.createTempFile("lake-cli", ".err");
      try {
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError("lake " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }

  private static String prefix(String location) {
    return location.substring(("s3://" + S3Backend.BUCKET + "/").length());
  }

  /** The lake command line run in this JVM with stdout and stderr captured. */
  private record Cli(int code, String out, String err) {
    static synchronized Cli run(String... args) {
      PrintStream out0 = System.out;
      PrintStream err0 = System.err;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = dev.lake.cli.LakeCli.execute(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(out0);
        System.setErr(err0);
      }
    }
  }
}
