package dev.lake.engine.imports;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.StorageException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Expands a file argument that may be a glob ({@code data/*.parquet}) into sorted paths. */
public final class Globs {
  private Globs() {}

  /** True when the text contains glob characters. */
  public static boolean isGlob(String text) {
    return text.contains("*") || text.contains("?") || text.contains("[") || text.contains("{");
  }

  /**
   * The files matching {@code pattern}: the pattern's last path element may hold glob
   * characters; a plain path is returned as is if it exists (a directory yields its files).
   *
   * @throws InvalidInputException if nothing matches
   */
  public static List<Path> expand(String pattern) {
    Path p = Path.of(pattern);
    try {
      if (!isGlob(pattern)) {
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.list(p)) {
            List<Path> files =
                s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                    .sorted()
                    .collect(Collectors.toList());
            if (files.isEmpty()) {
              throw new InvalidInputException("directory " + pattern + " holds no files");
            }
            return files;
          }
        }
        if (!Files.isRegularFile(p)) {
          throw new InvalidInputException("no such file: " + pattern);
        }
        return List.of(p);
      }
      Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
      if (isGlob(dir.toString())) {
        throw new InvalidInputException("only the file name may contain glob characters: " + pattern);
      }
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
      try (Stream<Path> s = Files.list(dir)) {
        List<Path> files =
            s.filter(f -> m.matches(f.getFileName()) && Files.isRegularFile(f)).sorted().collect(Collectors.toList());
        if (files.isEmpty()) {
          throw new InvalidInputException("no files match " + pattern);
        }
        return files;
      }
    } catch (IOException e) {
      throw new StorageException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
  }
}
