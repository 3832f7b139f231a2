package dev.lake.engine.storage;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The storage behind one lake location: where tables live and the few operations on whole
 * tables that Delta's log does not cover (list, drop, rename), plus the exclusive-create
 * primitive for commits. One implementation per backend.
 */
public interface Storage {
  /** The location's root as a Kernel path string (e.g. {@code file:/data/lake}). */
  String root();

  /** The Kernel path string of a table directory under the root. */
  String tablePath(String name);

  /** Names of the sub-directories that hold a Delta table ({@code _delta_log/}), sorted. */
  List<String> listTables() throws IOException;

  /** True when {@code name} holds a Delta table. */
  boolean isTable(String name) throws IOException;

  /** Whether anything exists under {@code name} (a table or a stray directory). */
  boolean exists(String name) throws IOException;

  /** Removes a table directory and everything in it. */
  void deleteTable(String name) throws IOException;

  /** Renames a table directory; fails if {@code to} exists. */
  void renameTable(String from, String to) throws IOException;

  /** The exclusive-create primitive for commit files. */
  LogStore logStore();

  /** Hadoop configuration for Kernel's Parquet and JSON I/O (and their settings). */
  Configuration hadoopConf();

  /**
   * Every file under a table directory, recursively (the log included; callers filter), with
   * size and modification time. Empty when the directory does not exist. The default goes
   * through Hadoop's file system with {@link #hadoopConf()} (S3A, ABFS); local storage walks
   * the directory with java.nio.
   */
  default List<StoredFile> listTableFiles(String name) throws IOException {
    return HadoopTableFiles.list(hadoopConf(), tablePath(name));
  }

  /**
   * Deletes one file of a table; {@code relativePath} as {@link StoredFile#path()} gives it. A
   * file that is already gone is not an error.
   */
  default void deleteTableFile(String name, String relativePath) throws IOException {
    HadoopTableFiles.delete(hadoopConf(), tablePath(name), relativePath);
  }

  /** Releases clients and connections this storage holds (none for local disk). */
  default void close() {}
  /**
   * True when the location is a local directory that Kernel may read and write through java.nio
   * instead of Hadoop's file system (which forks processes on local disks). Storages that only
   * provide a Hadoop configuration keep the default, false.
   */
  default boolean isLocal() {
    return false;
  }
}
