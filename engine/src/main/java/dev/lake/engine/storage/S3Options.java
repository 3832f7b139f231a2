package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of an S3 lake, from the location's options (JDBC URL {@code ?k=v}, command-line
 * {@code --option k=v}, options file) with the standard AWS environment variables as fallback.
 * Credentials left unset here fall through to the AWS SDK's default provider chain (profiles,
 * container and instance roles).
 *
 * @param endpoint the endpoint URI of an S3-compatible store, or empty for AWS
 * @param region the signing region, or empty to let the SDK find it
 * @param pathStyle path-style requests ({@code http://host/bucket/key}), as most emulators need
 * @param accessKey static access key id, or empty
 * @param secretKey static secret key, or empty
 * @param sessionToken session token of temporary credentials, or empty
 */
public record S3Options(
    Optional<URI> endpoint,
    Optional<String> region,
    boolean pathStyle,
    Optional<String> accessKey,
    Optional<String> secretKey,
    Optional<String> sessionToken) {

  /** Option names, as in {@code jdbc:lake:s3://b/p?endpoint=...&path_style=true}. */
  public static final List<String> NAMES =
      List.of("endpoint", "region", "path_style", "access_key", "secret_key", "session_token");

  /**
   * Reads the options, falling back to {@code env} ({@code AWS_ACCESS_KEY_ID},
   * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_REGION} or
   * {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL}).
   *
   * @throws InvalidInputException on an unknown option name or a malformed value
   */
  public static S3Options from(Map<String, String> options, Map<String, String> env) {
    Map<String, String> o = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(name)) {
        throw new InvalidInputException(
            "unknown S3 option '" + e.getKey() + "' (valid options: " + String.join(", ", NAMES) + ")");
      }
      o.put(name, e.getValue());
    }
    Optional<URI> endpoint = value(o, "endpoint", env, "AWS_ENDPOINT_URL").map(S3Options::endpointUri);
    Optional<String> region = value(o, "region", env, "AWS_REGION");
    if (region.isEmpty()) {
      region = value(Map.of(), "region", env, "AWS_DEFAULT_REGION");
    }
    Optional<String> accessKey = value(o, "access_key", env, "AWS_ACCESS_KEY_ID");
    Optional<String> secretKey = value(o, "secret_key", env, "AWS_SECRET_ACCESS_KEY");
    Optional<String> token = value(o, "session_token", env, "AWS_SESSION_TOKEN");
    if (o.containsKey("access_key") != o.containsKey("secret_key")) {
      throw new InvalidInputException("S3 options access_key and secret_key must be given together");
    }
    if (accessKey.isPresent() != secretKey.isPresent()) {
      // Only one of the pair in the environment: ignore both and let the SDK chain decide.
      accessKey = Optional.empty();
      secretKey = Optional.empty();
    }
    return new S3Options(endpoint, region, pathStyle(o.get("path_style")), accessKey, secretKey,
        accessKey.isPresent() ? token : Optional.empty());
  }

  /** Whether static credentials were given (options or environment). */
  public boolean hasStaticCredentials() {
    return accessKey.isPresent();
  }

  /** A readable description for error messages (never the secrets). */
  public String describeEndpoint() {
    return endpoint.map(URI::toString).orElse("AWS S3" + region.map(r -> " (" + r + ")").orElse(""));
  }

  private static Optional<String> value(
      Map<String, String> options, String name, Map<String, String> env, String envName) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      v = env.get(envName);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static URI endpointUri(String text) {
    // A bare host[:port] means https, as in the AWS CLI.
    String withScheme = text.contains("://") ? text : "https://" + text;
    try {
      URI uri = URI.create(withScheme);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)://host[:port]");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "invalid S3 endpoint '" + text + "' (expected http(s)://host[:port]): " + e.getMessage());
    }
  }

  private static boolean pathStyle(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new InvalidInputException("S3 option path_style must be true or false, got '" + text + "'");
    }
  }
}
