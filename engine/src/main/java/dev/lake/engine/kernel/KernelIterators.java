package dev.lake.engine.kernel;

import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Kernel iterator helpers. */
public final class KernelIterators {
  private KernelIterators() {}

  /** A closeable iterator over a list (closing does nothing). */
  public static <T> CloseableIterator<T> of(List<T> list) {
    return of(list.iterator());
  }

  /** A closeable iterator over an iterator (closing does nothing). */
  public static <T> CloseableIterator<T> of(Iterator<T> it) {
    return new CloseableIterator<T>() {
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
