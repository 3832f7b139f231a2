package dev.lake.it.storage;

import dev.lake.it.support.storage.AzuriteEmulator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Azure: Azurite in a container (Testcontainers) when Docker is available, otherwise the pinned
 * Azurite as a local process (see {@link AzuriteEmulator}). Each lake gets a fresh container,
 * because Hadoop caches one ABFS file system per container for the whole JVM.
 */
public final class AzureBackend implements Backend {
  @Override
  public String name() {
    return "azure";
  }

  @Override
  public Endpoint start(Path workDir) {
    AzuriteEmulator azurite = AzuriteEmulator.start();
    return new Endpoint() {
      @Override
      public String backend() {
        return "azure";
      }

      @Override
      public String newLakeLocation(String label) {
        String prefix = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return AzuriteEmulator.location(azurite.newContainer().getBlobContainerName(), prefix);
      }

      @Override
      public Map<String, String> options() {
        return azurite.options();
      }

      @Override
      public void close() {
        azurite.close();
      }
    };
  }
}
