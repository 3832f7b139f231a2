package dev.lake.it.storage;

import dev.lake.engine.Lake;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A running storage backend as the tests see it: where to put a fresh lake and the options that
 * reach it. The same test code runs against every endpoint; only these two things differ.
 */
public interface StorageEndpoint {
  /** The backend's short name ("local", "s3", ...), shown in test names. */
  String backend();

  /**
   * A location for a new, empty lake no other test uses, e.g. {@code /tmp/.../orders-3} or
   * {@code s3://lake-it/orders-3}.
   */
  String newLakeLocation(String label);

  /** The storage options (endpoint, credentials...) every opener of these lakes passes. */
  Map<String, String> options();

  /** Opens a lake of this endpoint with its options. */
  default Lake open(String location) {
    return Lake.open(location, options());
  }

  /** The JDBC URL of a lake: {@code jdbc:lake:LOCATION?k=v&...}, values URL-encoded. */
  default String jdbcUrl(String location) {
    return "jdbc:lake:" + withOptions(location);
  }

  /**
   * The location followed by {@code ?k=v&...} (URL-encoded), the form the JDBC URL takes and the
   * test workers accept as their lake argument (see {@link #parseSpec}).
   */
  default String withOptions(String location) {
    if (options().isEmpty()) {
      return location;
    }
    StringJoiner j = new StringJoiner("&", location + "?", "");
    options().forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
    return j.toString();
  }

  /** The command-line flags that pass {@link #options()}: {@code --option k=v ...}. */
  default java.util.List<String> cliOptions() {
    java.util.List<String> out = new java.util.ArrayList<>();
    options().forEach((k, v) -> {
      out.add("--option");
      out.add(k + "=" + v);
    });
    return out;
  }

  /** Splits a {@link #withOptions} string back into location and options. */
  static Map.Entry<String, Map<String, String>> parseSpec(String spec) {
    int q = spec.indexOf('?');
    Map<String, String> options = new LinkedHashMap<>();
    if (q < 0) {
      return Map.entry(spec, options);
    }
    for (String pair : spec.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      options.put(
          java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return Map.entry(spec.substring(0, q), options);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
