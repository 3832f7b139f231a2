package dev.lake.engine.storage;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Kernel path strings ({@code file:/a/b}, {@code file:///a/b}, {@code /a/b}) to local paths and back. */
public final class LocalPaths {
  private LocalPaths() {}

  /** The local path of a Kernel path string; Hadoop's Path prints no authority and does not percent-encode. */
  public static Path toPath(String path) {
    if (path.startsWith("file://")) {
      return Paths.get(path.substring("file://".length()));
    }
    if (path.startsWith("file:")) {
      return Paths.get(path.substring("file:".length()));
    }
    return Paths.get(path);
  }

  /** The Kernel path string of a local path, in the form Hadoop's local file system answers. */
  public static String toKernel(Path path) {
    return "file:" + path.toAbsolutePath().normalize();
  }
}
