package dev.lake.engine.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Recursive listing and deletion of a table's files through Hadoop's file system (S3A, ABFS):
 * what VACUUM needs on object stores, where a recursive listing is one flat, paged listing of
 * the table's prefix.
 */
final class HadoopTableFiles {
  private HadoopTableFiles() {}

  static List<StoredFile> list(Configuration conf, String tablePath) throws IOException {
    Path root = new Path(tablePath);
    FileSystem fs = root.getFileSystem(conf);
    String rootPath = withSlash(root.toUri().getPath());
    // By path: ABFS over the blob endpoint (seen with Azurite 3.37) returns every file of a
    // recursive listing twice.
    Map<String, StoredFile> out = new LinkedHashMap<>();
    try {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus s = it.next();
        String p = s.getPath().toUri().getPath();
        if (p.startsWith(rootPath) && p.length() > rootPath.length()) {
          String rel = p.substring(rootPath.length());
          out.putIfAbsent(rel, new StoredFile(rel, s.getLen(), s.getModificationTime()));
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    return new ArrayList<>(out.values());
  }

  static void delete(Configuration conf, String tablePath, String relativePath) throws IOException {
    // Path(scheme, authority, path): a ':' in a file name is not taken for a scheme.
    Path file = new Path(new Path(tablePath), new Path(null, null, relativePath));
    file.getFileSystem(conf).delete(file, false);
  }

  private static String withSlash(String p) {
    return p.endsWith("/") ? p : p + "/";
  }
}
