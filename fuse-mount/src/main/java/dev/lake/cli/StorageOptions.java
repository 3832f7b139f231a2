package dev.lake.cli;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.NotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * The storage options every command that opens a lake takes (a picocli mixin): {@code --option
 * KEY=VALUE} (repeatable) and {@code --options-file FILE} (Java properties), the same names as
 * in the JDBC URL ({@code endpoint}, {@code region}, {@code path_style}, {@code access_key},
 * {@code secret_key}, {@code session_token}). Options on the command line override the file's.
 */
final class StorageOptions {
  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description = "Storage option (endpoint, region, path_style, access_key, secret_key, session_token), as in the JDBC URL; repeatable.")
  List<String> options = new ArrayList<>();

  @Option(
      names = "--options-file",
      paramLabel = "FILE",
      description = "Storage options from a Java properties file (KEY=VALUE lines); --option overrides.")
  Path optionsFile;

  /** The options: the file's first, then {@code --option}s in order. */
  Map<String, String> map() {
    Map<String, String> out = new LinkedHashMap<>();
    if (optionsFile != null) {
      if (!Files.isRegularFile(optionsFile)) {
        throw new NotFoundException("options file " + optionsFile + " does not exist");
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(optionsFile, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw new InvalidInputException("cannot read options file " + optionsFile + ": " + e.getMessage());
      }
      for (String k : new TreeSet<>(p.stringPropertyNames())) {
        out.put(k.trim(), p.getProperty(k).trim());
      }
    }
    for (String o : options) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--option takes KEY=VALUE, got '" + o + "'");
      }
      out.put(o.substring(0, eq).trim(), o.substring(eq + 1));
    }
    return out;
  }

  /** The options as a JDBC URL query ({@code ?k=v&...}, URL-encoded), or "" when there are none. */
  String urlQuery() {
    Map<String, String> m = map();
    if (m.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner("&", "?", "");
    m.forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
    return j.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
