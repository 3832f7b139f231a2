package dev.lake.engine.kernel;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs Kernel's Parquet writes so that parquet-mr does not parse Hadoop's XML defaults for every
 * file it writes. parquet-mr's {@code ParquetWriter.Builder}, as Kernel uses it, creates a fresh
 * Hadoop {@code Configuration} per writer; its first lookup (the encryption factory) loads
 * {@code core-default.xml} and {@code core-site.xml} from the thread's context class loader and
 * parses them: about a third of the CPU time of a one-row commit. Nothing the writer reads is in
 * those files (its settings are {@code parquet.*} keys with built-in defaults; Kernel passes
 * lake's own settings explicitly), so the writes run with a context class loader that hides
 * exactly those two resources and delegates everything else to lake's class loader (which is
 * also the loader lake's Hadoop configurations use).
 */
final class WithoutHadoopDefaults {
  private static final Set<String> HIDDEN = Set.of("core-default.xml", "core-site.xml");

  private static final ClassLoader LOADER =
      new ClassLoader("lake-without-hadoop-defaults", WithoutHadoopDefaults.class.getClassLoader()) {
        @Override
        public URL getResource(String name) {
          return HIDDEN.contains(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
          return HIDDEN.contains(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
      };

  private WithoutHadoopDefaults() {}

  /** Runs {@code action} with the hiding class loader as the thread's context class loader. */
  static <T> T call(Supplier<T> action) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(LOADER);
    try {
      return action.get();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** Runs {@code action} with the hiding class loader as the thread's context class loader. */
  static void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }
}
