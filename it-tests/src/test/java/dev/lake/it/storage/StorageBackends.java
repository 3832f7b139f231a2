package dev.lake.it.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link BackendTest}: one invocation per selected backend, each
 * with that backend's {@link StorageEndpoint} as a parameter. A backend is started the first
 * time a test needs it and kept in the root {@link ExtensionContext.Store}, so one server (one
 * S3Proxy process, one container) serves every suite of the run and is stopped when the run
 * ends. At the end the number of scenarios run per backend is printed.
 *
 * <p>Tests that need one backend only (e.g. S3's error cases) call {@link #endpoint}.
 */
public final class StorageBackends implements TestTemplateInvocationContextProvider, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StorageBackends.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(BackendTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    return Backends.selected().stream().map(b -> invocation(b));
  }

  private static TestTemplateInvocationContext invocation(Backend backend) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + backend.name() + "]";
      }

      @Override
      public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
        return List.of(new Resolver(backend));
      }
    };
  }

  /**
   * Outside {@link BackendTest}s (with {@code @ExtendWith(StorageBackends.class)} on the class):
   * a parameter of type {@link S3Backend.S3Endpoint} gets the running S3 endpoint.
   */
  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == S3Backend.S3Endpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return endpoint(c, Backends.named("s3"));
  }

  /** The started endpoint of {@code backend} for this run (started on first use). */
  public static Backend.Endpoint endpoint(ExtensionContext context, Backend backend) {
    ExtensionContext.Store root = context.getRoot().getStore(NS);
    Started s =
        root.getOrComputeIfAbsent(
            "backend:" + backend.name(),
            k -> {
              try {
                // A fresh directory per run: lake names and the bucket start from scratch.
                Path work = Path.of("target", "storage-backends", backend.name()).toAbsolutePath();
                deleteTree(work);
                Files.createDirectories(work);
                long t0 = System.nanoTime();
                Backend.Endpoint e = backend.start(work);
                System.out.printf("storage backend %s started in %.1f s%s%n", backend.name(),
                    (System.nanoTime() - t0) / 1e9,
                    e instanceof S3Backend.S3Endpoint s3 ? " (" + s3.server() + " at " + s3.endpoint() + ")" : "");
                return new Started(e);
              } catch (Exception ex) {
                throw new IllegalStateException("cannot start storage backend " + backend.name() + ": " + ex, ex);
              }
            },
            Started.class);
    return s.endpoint;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Scenario counts per backend, printed when the run ends. */
  private static Counts counts(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("counts", k -> new Counts(), Counts.class);
  }

  /** A started backend in the root store: JUnit closes it when the run ends. */
  private record Started(Backend.Endpoint endpoint) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      endpoint.close();
    }
  }

  private static final class Counts implements ExtensionContext.Store.CloseableResource {
    final Map<String, AtomicInteger> byBackend = new ConcurrentHashMap<>();

    @Override
    public void close() {
      System.out.println("storage scenarios run per backend: " + new TreeMap<>(byBackend));
    }
  }

  /** Resolves {@link StorageEndpoint} (or a backend's own endpoint type) for one invocation. */
  private record Resolver(Backend backend) implements ParameterResolver, org.junit.jupiter.api.extension.BeforeEachCallback {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == StorageEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      return endpoint(c, backend);
    }

    @Override
    public void beforeEach(ExtensionContext c) {
      counts(c).byBackend.computeIfAbsent(backend.name(), k -> new AtomicInteger()).incrementAndGet();
    }
  }
}
