package dev.lake.mount.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The private temporary directories of mounts ({@code lake-mount-*}: renderings and staged
 * writes; {@code lake-warmup-*}: the warm-up's scratch lake). A mount deletes its own when it
 * ends, but a killed process cannot, and renderings can be as large as the tables read. Each
 * directory names its owner in a file {@code owner.pid}; the next mount deletes those whose
 * owner is no longer running. A directory without that file, or whose owner runs, is left alone.
 */
public final class StaleStaging {
  /** The file in each directory that holds the owning process's pid. */
  static final String OWNER_FILE = "owner.pid";

  private static final String[] PREFIXES = {"lake-mount-", "lake-warmup-"};

  private StaleStaging() {}

  /** Creates a private directory {@code <tmp>/<prefix>...} owned by this process. */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
    return dir;
  }

  /**
   * Deletes the directories under {@code tmp} that a mount process which has ended left behind.
   *
   * @return the directories deleted
   */
  public static List<Path> clean(Path tmp) {
    List<Path> deleted = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, StaleStaging::ours)) {
      for (Path dir : dirs) {
        if (ownerEnded(dir)) {
          deleteTree(dir);
          deleted.add(dir);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover only costs disk space
    }
    return deleted;
  }

  private static boolean ours(Path p) {
    String name = p.getFileName().toString();
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return Files.isDirectory(p);
      }
    }
    return false;
  }

  private static boolean ownerEnded(Path dir) {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (IOException | NumberFormatException e) {
      return false; // no owner recorded (or unreadable): not ours to judge
    }
  }

  /** Deletes a directory tree, as far as it can (leftovers cost only disk space). */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // left behind
    }
  }
}
