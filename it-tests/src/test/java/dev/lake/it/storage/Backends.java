package dev.lake.it.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The storage backends every {@link BackendTest} runs on. */
public final class Backends {
  private Backends() {}

  /** Every backend, in the order tests run on them. */
  public static final List<Backend> ALL = List.of(new LocalBackend(), new S3Backend(), new AzureBackend());

  /**
   * The backends selected by {@code -Dlake.it.backends=local,s3} (all when unset or empty).
   *
   * @throws IllegalArgumentException on a name no backend has
   */
  public static List<Backend> selected() {
    String prop = System.getProperty("lake.it.backends", "").trim();
    if (prop.isEmpty()) {
      return ALL;
    }
    Set<String> names = Arrays.stream(prop.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    for (String n : names) {
      if (ALL.stream().noneMatch(b -> b.name().equals(n))) {
        throw new IllegalArgumentException(
            "unknown backend '" + n + "' in lake.it.backends (known: "
                + ALL.stream().map(Backend::name).collect(Collectors.joining(", ")) + ")");
      }
    }
    return ALL.stream().filter(b -> names.contains(b.name())).toList();
  }

  /** The backend called {@code name} (whether selected or not). */
  public static Backend named(String name) {
    return ALL.stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no backend " + name));
  }
}
