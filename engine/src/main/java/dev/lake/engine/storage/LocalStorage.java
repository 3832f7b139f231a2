package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** A lake in a local directory: the embedded default. */
public final class LocalStorage implements Storage {
  private final Path root;
  private final LocalLogStore logStore = new LocalLogStore();
  private final Configuration conf;

  /** A lake rooted at {@code root}, which is created if missing. */
  public LocalStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
    this.conf = new Configuration();
    // Load Hadoop's classes from lake's own class loader, not the thread's: inside a host such as
    // DBeaver the thread's loader is the host's and holds no (or another) Hadoop.
    conf.setClassLoader(LocalStorage.class.getClassLoader());
    // Hadoop's checksummed local file system writes .crc side files next to every data and log
    // file; the raw one does not (Kernel's checkpoint and checksum writes use FileContext).
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");
  }

  /** The root directory. */
  public Path directory() {
    return root;
  }

  @Override
  public String root() {
    return "file:" + root;
  }

  @Override
  public String tablePath(String name) {
    return "file:" + root.resolve(name);
  }

  @Override
  public List<String> listTables() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  @Override
  public boolean isTable(String name) {
    return Files.isDirectory(root.resolve(name).resolve("_delta_log"));
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(root.resolve(name));
  }

  @Override
  public void deleteTable(String name) throws IOException {
    Path dir = root.resolve(name);
    // Remove the log first: once it is gone the directory is no longer a table, so a crash
    // part-way leaves stray data files, never a table with missing files.
    deleteTree(dir.resolve("_delta_log"));
    deleteTree(dir);
  }

  @Override
  public void renameTable(String from, String to) throws IOException {
    Path target = root.resolve(to);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    try {
      Files.move(root.resolve(from), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(root.resolve(from), target);
    }
  }

  @Override
  public List<StoredFile> listTableFiles(String name) throws IOException {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<StoredFile> out = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              String rel = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
              out.add(new StoredFile(rel, attrs.size(), attrs.lastModifiedTime().toMillis()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            // A file deleted while the walk runs (a concurrent VACUUM, a failed commit's cleanup).
            if (exc instanceof java.nio.file.NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw exc;
          }
        });
    return out;
  }

  @Override
  public void deleteTableFile(String name, String relativePath) throws IOException {
    Path dir = root.resolve(name).normalize();
    Path file = dir.resolve(relativePath).normalize();
    if (!file.startsWith(dir) || file.equals(dir)) {
      throw new IOException("not a file of table " + name + ": " + relativePath);
    }
    Files.deleteIfExists(file);
  }

  @Override
  public LogStore logStore() {
    return logStore;
  }

  @Override
  public Configuration hadoopConf() {
    return conf;
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
