package dev.lake.jdbc.exec;

import java.util.function.Supplier;

/**
 * Runs code with lake's class loader as the thread's context class loader. Hadoop finds its
 * classes, file systems and defaults through the context loader; inside a host such as DBeaver
 * that loader is the host's, which holds no Hadoop (or a different one).
 */
public final class OwnClassLoader {
  private static final ClassLoader LAKE = OwnClassLoader.class.getClassLoader();

  private OwnClassLoader() {}

  /** The supplier's result, computed with lake's loader as the context loader. */
  public static <T> T call(Supplier<T> body) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    if (previous == LAKE) {
      return body.get();
    }
    t.setContextClassLoader(LAKE);
    try {
      return body.get();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** A body that may throw a checked exception. */
  public interface Body<T, E extends Exception> {
    T run() throws E;
  }

  /** Like {@link #call(Supplier)}, for bodies that throw checked exceptions. */
  public static <T, E extends Exception> T callChecked(Body<T, E> body) throws E {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    if (previous == LAKE) {
      return body.run();
    }
    t.setContextClassLoader(LAKE);
    try {
      return body.run();
    } finally {
      t.setContextClassLoader(previous);
    }
  }
}
