package dev.lake.engine.kernel;

import io.delta.kernel.utils.CloseableIterator;
import java.util.List;

/** Kernel iterator helpers. */
public final class KernelIterators {
  private KernelIterators() {}

  /** A closeable iterator over a list (closing does nothing). */
  public static <T> CloseableIterator<T> of(List<T> list) {
    return FileScanner.closeable(list.iterator());
  }
}
