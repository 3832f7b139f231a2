package dev.lake.engine.kernel.local;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Kernel's file I/O on a local disk through java.nio, in place of Hadoop's
 * {@code RawLocalFileSystem}. Without Hadoop's native library that file system forks
 * {@code chmod}, {@code ls} and {@code readlink} processes (about six per commit): slow, and
 * dangerous in a process that also serves a FUSE mount, because a forked child inherits every
 * open descriptor, including the FUSE device's and files of the mount itself. Nothing here forks.
 *
 * <p>Configuration values (Parquet writer and reader settings) still come from the storage's
 * Hadoop configuration, which is also handed to parquet-mr so that it never builds a fresh one
 * per file.
 */
public final class LocalFileIO implements FileIO {
  private final Configuration conf;

  /** A file I/O reading settings from {@code conf}. */
  public LocalFileIO(Configuration conf) {
    this.conf = conf;
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    Path start = LocalPaths.toPath(filePath);
    Path dir = start.getParent();
    String from = start.getFileName().toString();
    List<Path> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (p.getFileName().toString().compareTo(from) >= 0) {
          names.add(p);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new FileNotFoundException("no such directory: " + dir);
    }
    // Delta's names are ASCII, where String order is the UTF-8 byte order Kernel asks for.
    names.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<FileStatus> out = new ArrayList<>(names.size());
    for (Path p : names) {
      try {
        out.add(status(p));
      } catch (FileNotFoundException gone) {
        // Deleted between the listing and the stat (a vacuum, a temporary file): not listed.
      }
    }
    return iterator(out.iterator());
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    return status(LocalPaths.toPath(path));
  }

  @Override
  public String resolvePath(String path) throws IOException {
    return LocalPaths.toKernel(LocalPaths.toPath(path));
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    Files.createDirectories(LocalPaths.toPath(path));
    return true;
  }

  @Override
  public InputFile newInputFile(String path, long fileSize) {
    return new LocalInputFile(LocalPaths.toPath(path), path, fileSize, conf);
  }

  @Override
  public OutputFile newOutputFile(String path) {
    return new LocalOutputFile(LocalPaths.toPath(path), path);
  }

  @Override
  public boolean delete(String path) throws IOException {
    Path p = LocalPaths.toPath(path);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("is a directory: " + p);
    }
    return Files.deleteIfExists(p);
  }

  @Override
  public Optional<String> getConf(String confKey) {
    return Optional.ofNullable(conf.get(confKey));
  }

  @Override
  public void copyFileAtomically(String srcPath, String destPath, boolean overwrite) throws IOException {
    Path src = LocalPaths.toPath(srcPath);
    if (!Files.exists(src)) {
      throw new FileNotFoundException(srcPath);
    }
    AtomicFiles.publish(LocalPaths.toPath(destPath), overwrite, tmp -> Files.copy(src, tmp));
  }

  private static FileStatus status(Path p) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("no such file: " + p);
    }
    return FileStatus.of(LocalPaths.toKernel(p), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis());
  }

  private static <T> CloseableIterator<T> iterator(Iterator<T> it) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
