package dev.lake.engine.kernel.local;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.defaults.engine.hadoopio.HadoopInputFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;

/**
 * A local file for Kernel's readers. It extends Kernel's {@link HadoopInputFile} only so that
 * Kernel hands parquet-mr the shared configuration ({@link #configuration()}): for any other
 * input file Kernel builds a fresh Hadoop {@code Configuration} per Parquet file, which scans the
 * class path for its XML defaults under a JVM-wide lock. No Hadoop file system is used.
 */
final class LocalInputFile extends HadoopInputFile {
  private final Path file;
  private final String kernelPath;
  private final long knownSize;
  private final Configuration conf;

  LocalInputFile(Path file, String kernelPath, long knownSize, Configuration conf) {
    super(null, null, knownSize);
    this.file = file;
    this.kernelPath = kernelPath;
    this.knownSize = knownSize;
    this.conf = conf;
  }

  @Override
  public long length() throws IOException {
    if (knownSize >= 0) {
      return knownSize;
    }
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(kernelPath);
    }
  }

  @Override
  public String path() {
    return kernelPath;
  }

  @Override
  public Configuration configuration() {
    return conf;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    try {
      return new ChannelInputStream(FileChannel.open(file, StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(kernelPath);
    }
  }
}
