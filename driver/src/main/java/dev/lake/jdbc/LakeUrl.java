package dev.lake.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:lake:LOCATION[?key=value&...]} URL. The location is a path, a {@code
 * file:} URI, {@code s3://bucket/prefix} or {@code abfs://container@account.dfs.core.windows.net/prefix};
 * options after {@code ?} are storage options (endpoint, credentials, ...) or connection
 * settings. Properties passed to {@code connect} add to (and override) the URL's options.
 *
 * @param location the lake location (may be empty: the driver then refuses to connect)
 * @param options options in the order given, values URL-decoded
 */
public record LakeUrl(String location, Map<String, String> options) {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:lake:";

  /** Parses a URL; fails with SQLState 08001 when it is not a lake URL or malformed. */
  public static LakeUrl parse(String url, Properties info) throws SQLException {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new SQLException("not a lake URL (expected " + PREFIX + "LOCATION): " + url, "08001");
    }
    String rest = url.substring(PREFIX.length());
    String location = rest;
    Map<String, String> options = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      location = rest.substring(0, q);
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new SQLException("malformed option '" + pair + "' in URL (expected key=value)", "08001");
        }
        options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        options.put(key, info.getProperty(key));
      }
    }
    location = decode(location);
    if (location.isBlank()) {
      throw new SQLException("the URL names no lake location: use " + PREFIX + "/path/to/lake", "08001");
    }
    return new LakeUrl(location, options);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
