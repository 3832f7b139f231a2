package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/** Opens the {@link Storage} for a location string: a path, {@code file:} URI, s3:// or abfs://. */
public final class Locations {
  private Locations() {}

  /**
   * The storage for {@code location}.
   *
   * @param options backend options (endpoint, credentials...), ignored for local paths
   */
  public static Storage open(String location, Map<String, String> options) {
    if (location == null || location.isBlank()) {
      throw new InvalidInputException("a lake location is required (a directory, s3://bucket/prefix or abfs://...)");
    }
    String scheme = scheme(location);
    switch (scheme) {
      case "":
      case "file":
        try {
          return new LocalStorage(localPath(location));
        } catch (IOException e) {
          throw new StorageException("cannot open local lake " + location + ": " + e.getMessage(), e);
        }
      case "s3":
      case "s3a":
        return S3Storage.open(location, options);
      case "abfs":
      case "abfss":
        return AzureStorage.open(location, options);
      default:
        throw new InvalidInputException(
            "unknown location scheme '" + scheme + "' in " + location + " (expected a path, file:, s3:// or abfs://)");
    }
  }

  /** The lower-case scheme of a location, or "" for a plain path. */
  public static String scheme(String location) {
    int colon = location.indexOf(':');
    if (colon <= 1) {
      // No scheme, or a Windows drive letter.
      return "";
    }
    String s = location.substring(0, colon);
    return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')
        ? s.toLowerCase(Locale.ROOT)
        : "";
  }

  private static Path localPath(String location) {
    if (location.startsWith("file:")) {
      return Paths.get(URI.create(location.startsWith("file://") ? location : "file://" + location.substring(5)));
    }
    if (location.equals("~") || location.startsWith("~/")) {
      return Paths.get(System.getProperty("user.home") + location.substring(1));
    }
    return Paths.get(location);
  }
}
