package dev.lake.engine.maintenance;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns the paths Delta's log and Kernel use into paths relative to the table directory, as
 * {@link dev.lake.engine.storage.Storage#listTableFiles} gives them ('/'-separated, decoded), so
 * the listing and the log can be compared. The log stores relative paths URL-encoded
 * ({@code p=a%20b/part-0.parquet}) or absolute URIs; Kernel hands out absolute, decoded paths.
 */
final class TablePaths {
  private final String tableDir;

  TablePaths(String tablePath) {
    this.tableDir = withSlash(new org.apache.hadoop.fs.Path(tablePath).toUri().getPath());
  }

  /** A path from the log (encoded, relative or absolute); null when it is outside the table. */
  String fromLog(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      return raw;
    }
    return uri.isAbsolute() || raw.startsWith("/") ? inTable(uri.getPath()) : uri.getPath();
  }

  /** An absolute path as Kernel gives it (decoded); null when it is outside the table. */
  String fromAbsolute(String absolute) {
    return inTable(new org.apache.hadoop.fs.Path(absolute).toUri().getPath());
  }

  private String inTable(String path) {
    return path != null && path.startsWith(tableDir) ? path.substring(tableDir.length()) : null;
  }

  private static String withSlash(String p) {
    return p.endsWith("/") ? p : p + "/";
  }
}
