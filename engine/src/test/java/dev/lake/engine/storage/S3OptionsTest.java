package dev.lake.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of S3 locations and options, and the environment fallbacks; no server involved. */
class S3OptionsTest {
  @Test
  void locationsSplitIntoBucketAndPrefix() {
    assertThat(S3Location.parse("s3://bucket/a/b/")).isEqualTo(new S3Location("bucket", "a/b"));
    assertThat(S3Location.parse("s3a://bucket")).isEqualTo(new S3Location("bucket", ""));
    S3Location l = S3Location.parse("S3://my.bucket-1/lake");
    assertThat(l.hadoopUri()).isEqualTo("s3a://my.bucket-1/lake");
    assertThat(l.key("t/_delta_log/")).isEqualTo("lake/t/_delta_log/");
    assertThat(l).hasToString("s3://my.bucket-1/lake");
    assertThatThrownBy(() -> S3Location.parse("s3://UPPER/x")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid S3 bucket name 'UPPER'");
    assertThatThrownBy(() -> S3Location.parse("s3:///x")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> S3Location.parse("s3://b//x")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void optionsWinOverTheEnvironment() {
    Map<String, String> env = Map.of(
        "AWS_ACCESS_KEY_ID", "envkey", "AWS_SECRET_ACCESS_KEY", "envsecret", "AWS_REGION", "eu-west-1",
        "AWS_ENDPOINT_URL", "http://env:9000");
    S3Options o = S3Options.from(Map.of("endpoint", "http://127.0.0.1:9000", "PATH_STYLE", "TRUE",
        "access_key", "k", "secret_key", "s"), env);
    assertThat(o.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(o.pathStyle()).isTrue();
    assertThat(o.accessKey()).contains("k");
    assertThat(o.secretKey()).contains("s");
    assertThat(o.region()).contains("eu-west-1");
  }

  @Test
  void unsetOptionsComeFromTheStandardEnvironmentVariables() {
    S3Options o = S3Options.from(Map.of(), Map.of(
        "AWS_ACCESS_KEY_ID", "ek", "AWS_SECRET_ACCESS_KEY", "es", "AWS_SESSION_TOKEN", "et",
        "AWS_DEFAULT_REGION", "us-west-2", "AWS_ENDPOINT_URL", "minio.local:9000"));
    assertThat(o.accessKey()).contains("ek");
    assertThat(o.sessionToken()).contains("et");
    assertThat(o.region()).contains("us-west-2");
    // A bare host means https, as in the AWS CLI.
    assertThat(o.endpoint()).contains(URI.create("https://minio.local:9000"));
    assertThat(o.pathStyle()).isFalse();

    // Nothing anywhere: the SDK's default chain decides.
    S3Options none = S3Options.from(Map.of(), Map.of());
    assertThat(none.hasStaticCredentials()).isFalse();
    assertThat(none.endpoint()).isEqualTo(Optional.empty());
    assertThat(none.describeEndpoint()).isEqualTo("AWS S3");
  }

  @Test
  void badOptionsAreRefusedClearly() {
    assertThatThrownBy(() -> S3Options.from(Map.of("endpiont", "x"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown S3 option 'endpiont' (valid options: endpoint, region, path_style, access_key, secret_key, session_token)");
    assertThatThrownBy(() -> S3Options.from(Map.of("access_key", "k"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("access_key and secret_key must be given together");
    assertThatThrownBy(() -> S3Options.from(Map.of("path_style", "1"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("path_style must be true or false");
    assertThatThrownBy(() -> S3Options.from(Map.of("endpoint", "ftp://h"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid S3 endpoint 'ftp://h'");
  }

  @Test
  void objectPathsSplitIntoBucketAndKey() {
    assertThat(S3Path.parse("s3a://b/lake/t/_delta_log/00000000000000000001.json"))
        .isEqualTo(new S3Path("b", "lake/t/_delta_log/00000000000000000001.json"));
    assertThat(S3Path.parse("s3://b/k")).isEqualTo(new S3Path("b", "k"));
    assertThatThrownBy(() -> S3Path.parse("file:/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
