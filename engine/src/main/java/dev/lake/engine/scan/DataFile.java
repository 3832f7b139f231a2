package dev.lake.engine.scan;

import dev.lake.engine.kernel.ScanFile;
import java.util.Optional;

/**
 * One data file of a table version. Its {@link #id()} names its content: the file's path plus
 * its deletion vector, if another engine attached one — equal ids mean equal rows.
 */
public final class DataFile {
  private final ScanFile file;
  private final String id;

  /** Internal: made by {@code Snapshot.dataFiles()}. */
  public DataFile(ScanFile file) {
    this.file = file;
    this.id = file.path() + (file.hasDeletionVector() ? "#dv:" + file.deletionVectorId() : "");
  }

  /** Identifies the file's rows across versions. */
  public String id() {
    return id;
  }

  /** The file's size in bytes. */
  public long size() {
    return file.status().getSize();
  }

  /** When the file was written (its add action's modification time), in epoch milliseconds. */
  public long modificationTime() {
    return file.status().getModificationTime();
  }

  /** Rows per the file's stats (before deletion vectors), if recorded. */
  public Optional<Long> rows() {
    return file.numRecords();
  }

  /** True when some of the file's rows are deleted through a deletion vector (another engine's). */
  public boolean hasDeletionVector() {
    return file.hasDeletionVector();
  }

  /** The tags of the file's add action (empty when it has none). */
  public java.util.Map<String, String> tags() {
    return file.tags();
  }

  /** Internal: the Kernel entry. */
  public ScanFile scanFile() {
    return file;
  }

  @Override
  public String toString() {
    return id;
  }
}
