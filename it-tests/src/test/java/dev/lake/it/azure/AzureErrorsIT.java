package dev.lake.it.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import dev.lake.engine.Lake;
import dev.lake.engine.error.ErrorKind;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.StorageException;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Opening an Azure lake with a wrong key, a missing container, an unreachable endpoint or a
 * misspelt option fails at once with an error naming the location, and writes nothing.
 */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AzureErrorsIT {

  @Test
  void wrongKeyIsAStorageErrorNamingTheLocation(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    Map<String, String> options = new HashMap<>(azurite.options());
    String wrongKey = Base64.getEncoder().encodeToString("not the key of this account, 64 bytes long, so it looks right..".getBytes());
    options.put("account_key", wrongKey);

    assertThatThrownBy(() -> Lake.open(location, options))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("access denied")
        .hasMessageNotContaining(wrongKey);
    assertThat(container.listBlobs()).as("blobs written").isEmpty();
  }

  @Test
  void missingContainerIsAStorageErrorAndIsNotCreated(AzuriteEmulator azurite) {
    String name = "no-such-container-" + System.nanoTime();
    String location = AzuriteEmulator.location(name, "lake");

    assertThatThrownBy(() -> Lake.open(location, azurite.options()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("container '" + name + "' does not exist");
    assertThat(azurite.client().getBlobContainerClient(name).exists()).isFalse();
  }

  @Test
  void unreachableEndpointFailsAfterBoundedRetries(AzuriteEmulator azurite) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    Map<String, String> options = new HashMap<>(azurite.options());
    options.put("endpoint", "http://127.0.0.1:" + closedPort + "/" + AzuriteEmulator.ACCOUNT);

    assertThatThrownBy(() -> Lake.open(location, options))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(location)
        .hasMessageContaining("cannot reach the endpoint");
    assertThat(container.listBlobs()).isEmpty();
  }

  @Test
  void unknownOptionListsTheValidOnes(AzuriteEmulator azurite) {
    String location = azurite.newLocation();
    Map<String, String> options = new HashMap<>(azurite.options());
    options.put("acount_key", "x");

    assertThatThrownBy(() -> Lake.open(location, options))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown option 'acount_key'")
        .hasMessageContaining("endpoint, account_name, account_key, sas_token, connection_string");
  }

  @Test
  void theJdbcDriverReportsTheSameErrorWithAStorageSqlState(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    String url = AzureJdbcIT.url(location, azurite.endpoint(), Base64.getEncoder().encodeToString(new byte[64]));

    assertThatThrownBy(() -> DriverManager.getConnection(url).close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"))
        .hasMessageContaining(location)
        .hasMessageContaining("HTTP 403");
    assertThat(container.listBlobs()).isEmpty();
  }

  @Test
  void errorsAreOfKindStorage(AzuriteEmulator azurite) {
    try {
      Lake.open(AzuriteEmulator.location("absent-" + System.nanoTime(), "x"), azurite.options());
    } catch (LakeException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.STORAGE);
      return;
    }
    throw new AssertionError("opening a lake in a missing container succeeded");
  }
}
