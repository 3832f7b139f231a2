package dev.lake.it.storage;

import java.nio.file.Path;

/**
 * A kind of storage the suites run on. Adding one (Azure: an {@code AzureBackend} that starts
 * Azurite) is one class implementing this, listed in {@link Backends#ALL}.
 */
public interface Backend {
  /** Short name, used in test names and in {@code -Dlake.it.backends=local,s3}. */
  String name();

  /**
   * Starts the backend's server (if it has one) once for the whole test run. The returned
   * endpoint is closed (server stopped) when the run ends.
   *
   * @param workDir a directory of its own for data and logs (under target/)
   */
  Endpoint start(Path workDir) throws Exception;

  /** A started backend: what tests use, and what stops it. */
  interface Endpoint extends StorageEndpoint, AutoCloseable {
    @Override
    void close();
  }
}
