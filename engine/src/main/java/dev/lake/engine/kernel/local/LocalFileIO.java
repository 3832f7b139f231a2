package dev.lake.engine.kernel.local;

import dev.lake.engine.kernel.KernelIterators;
import dev.lake.engine.storage.AtomicFiles;
import dev.lake.engine.storage.LocalDirectories;
import dev.lake.engine.storage.LocalPaths;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
  /** A Delta commit file name: the version in 20 digits, then {@code .json}. */
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  /** Any log file named by a version: commits, checksums, checkpoints, compactions. */
  private static final Pattern VERSIONED_FILE = Pattern.compile("\\d{20}\\..*");

  private static final Path DEV_NULL = Path.of("/dev/null");

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
    if (dir.getFileName() != null && dir.getFileName().toString().equals("_delta_log")) {
      fillCommitGaps(dir, names);
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
    return KernelIterators.of(out);
  }

  /**
   * Adds the commit files a listing missed. A directory listing that runs while other processes
   * commit can miss a file created during the listing yet return one created after it: readdir
   * walks the file system's own order, and POSIX leaves entries added meanwhile unspecified.
   * Kernel would then see commit 501 missing next to 502, or a checksum {@code 574.crc} (written
   * after its commit) without {@code 574.json}, and refuse the table. Commit files are never
   * removed from between others (log cleanup removes the oldest ones only), and every other
   * versioned log file (checksum, checkpoint, compaction) is written after the commit of its
   * version: so a missing commit between the first listed one and the highest listed version is
   * such a miss. Those names are looked up directly.
   */
  static void fillCommitGaps(Path dir, List<Path> names) {
    TreeSet<Long> commits = new TreeSet<>();
    long highest = -1;
    for (Path p : names) {
      String n = p.getFileName().toString();
      if (COMMIT_FILE.matcher(n).matches()) {
        commits.add(Long.parseLong(n.substring(0, 20)));
      }
      if (VERSIONED_FILE.matcher(n).matches()) {
        highest = Math.max(highest, Long.parseLong(n.substring(0, 20)));
      }
    }
    if (highest < 0) {
      return;
    }
    long from = commits.isEmpty() ? highest : commits.first();
    if (highest - from + 1 == commits.size()) {
      return;
    }
    for (long v = from; v <= highest; v++) {
      if (!commits.contains(v)) {
        Path missed = dir.resolve(String.format("%020d.json", v));
        if (Files.exists(missed)) {
          names.add(missed);
        }
      }
    }
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
    LocalDirectories.create(LocalPaths.toPath(path));
    return true;
  }

  /**
   * Reads a whole file once, so that its pages are in the operating system's cache when a reader
   * comes for them (see {@code Snapshot.readAhead}). Returns the bytes read: 0 when the file
   * cannot be read, which the reader that follows then reports, or where there is no
   * {@code /dev/null}.
   */
  public long readAhead(String path) {
    long pos = 0;
    // Into /dev/null: Linux then reads the file with sendfile, into the page cache and no
    // further (no copy into this process, no buffer to allocate).
    try (FileChannel in = FileChannel.open(LocalPaths.toPath(path), StandardOpenOption.READ);
        FileChannel sink = FileChannel.open(DEV_NULL, StandardOpenOption.WRITE)) {
      long size = in.size();
      long n;
      while (pos < size && (n = in.transferTo(pos, size - pos, sink)) > 0) {
        pos += n;
      }
      return pos;
    } catch (IOException e) {
      return pos;
    }
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
    AtomicFiles.publish(LocalPaths.toPath(destPath), overwrite, tmp -> {
      Files.copy(src, tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(false); // the copy's bytes on disk before it takes its name, as every published file's
      }
    });
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
}
