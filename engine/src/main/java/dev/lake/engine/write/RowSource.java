package dev.lake.engine.write;

import java.util.stream.Stream;

/**
 * Rows to write that can be read more than once and need not fit in memory: a commit that must be
 * planned again after a concurrent one reads them again from the start.
 */
@FunctionalInterface
public interface RowSource {
  /**
   * The rows from the first, values in column order (the engine's Java convention); the caller
   * closes the stream. An error reading them (a malformed line of a file) is thrown from the
   * stream and fails the write, with nothing committed.
   */
  Stream<Object[]> open();
}
