package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;

/**
 * The exclusive-create primitive a storage offers for Delta commit files. Optimistic concurrency
 * is only as safe as this one call: of several writers racing for the same version file, exactly
 * one may succeed, and no reader may ever see a partial file.
 */
public interface LogStore {
  /**
   * Writes {@code content} to {@code path} if and only if no file exists there, atomically.
   *
   * @param path a Kernel path string (URI or absolute path) of a file in {@code _delta_log/}
   * @throws FileAlreadyExistsException when another writer already created the file (lost race)
   * @throws IOException on any other failure; the file then does not exist
   */
  void writeExclusive(String path, byte[] content) throws IOException;
}
