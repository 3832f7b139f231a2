package dev.lake.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureOptionsTest {
  private static final AzureLocation LOC = AzureLocation.parse("abfss://data@acct.dfs.core.windows.net/lakes/main/");

  @Test
  void locationParts() {
    assertThat(LOC.container()).isEqualTo("data");
    assertThat(LOC.account()).isEqualTo("acct");
    assertThat(LOC.prefix()).isEqualTo("lakes/main");
    assertThat(LOC.rootUri()).isEqualTo("abfss://data@acct.dfs.core.windows.net/lakes/main");
    assertThat(LOC.defaultBlobEndpoint()).isEqualTo("https://acct.blob.core.windows.net");
    assertThat(LOC.blobNameOfUri("abfss://data@acct.dfs.core.windows.net/lakes/main/t/_delta_log/0.json"))
        .isEqualTo("lakes/main/t/_delta_log/0.json");
    assertThat(AzureLocation.parse("abfs://c@a.dfs.core.windows.net").prefix()).isEmpty();
    assertThatThrownBy(() -> AzureLocation.parse("abfs://a.dfs.core.windows.net/x"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("CONTAINER@ACCOUNT");
  }

  @Test
  void sharedKeyWithDefaultEndpoint() {
    AzureOptions o = AzureOptions.resolve(LOC, Map.of("account_key", "a2V5"), Map.of());
    assertThat(o.endpoint()).isEqualTo("https://acct.blob.core.windows.net");
    assertThat(o.accountKey()).isEqualTo("a2V5");
    assertThat(o.emulatorStyle()).isFalse();
    assertThat(o.toString()).doesNotContain("a2V5");
  }

  @Test
  void emulatorEndpoint() {
    AzureLocation loc = AzureLocation.parse("abfs://c@devstoreaccount1.dfs.core.windows.net/p");
    AzureOptions o = AzureOptions.resolve(loc, Map.of("endpoint", "http://127.0.0.1:10000/devstoreaccount1/", "account_key", "k"), Map.of());
    assertThat(o.emulatorStyle()).isTrue();
    assertThat(o.endpoint()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
    assertThat(o.hostAndPort()).isEqualTo("127.0.0.1:10000");
    assertThat(o.isHttps()).isFalse();
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of("endpoint", "http://127.0.0.1:10000/other", "account_key", "k"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("names account 'other'");
  }

  @Test
  void unknownAndContradictoryOptions() {
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of("key", "k"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown option 'key'")
        .hasMessageContaining("endpoint, account_name, account_key, sas_token, connection_string");
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of("account_key", "k", "sas_token", "s"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("only one of");
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of("account_name", "other", "account_key", "k"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not match");
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of(), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no credentials")
        .hasMessageContaining("AZURE_STORAGE_CONNECTION_STRING");
  }

  @Test
  void environmentFallbacks() {
    Map<String, String> env = Map.of(
        "AZURE_STORAGE_CONNECTION_STRING", "AccountName=acct;AccountKey=ZnJvbWNz;BlobEndpoint=http://10.0.0.1:9/acct",
        "AZURE_STORAGE_KEY", "ZnJvbWtleQ==");
    AzureOptions cs = AzureOptions.resolve(LOC, Map.of(), env);
    assertThat(cs.accountKey()).isEqualTo("ZnJvbWNz");
    assertThat(cs.endpoint()).isEqualTo("http://10.0.0.1:9/acct");

    AzureOptions key = AzureOptions.resolve(LOC, Map.of(), Map.of("AZURE_STORAGE_KEY", "ZnJvbWtleQ==", "AZURE_STORAGE_ACCOUNT", "acct"));
    assertThat(key.accountKey()).isEqualTo("ZnJvbWtleQ==");
    // A key of another account is not used for this one.
    assertThatThrownBy(() -> AzureOptions.resolve(LOC, Map.of(), Map.of("AZURE_STORAGE_KEY", "k", "AZURE_STORAGE_ACCOUNT", "other")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no credentials");
    AzureOptions sas = AzureOptions.resolve(LOC, Map.of(), Map.of("AZURE_STORAGE_SAS_TOKEN", "?sv=1&sig=x"));
    assertThat(sas.sasToken()).isEqualTo("sv=1&sig=x");
    assertThat(sas.accountKey()).isNull();
    // Explicit options win over the environment.
    assertThat(AzureOptions.resolve(LOC, Map.of("sas_token", "sv=2"), env).sasToken()).isEqualTo("sv=2");
  }

  @Test
  void developmentStorageConnectionString() {
    AzureLocation loc = AzureLocation.parse("abfs://c@devstoreaccount1.dfs.core.windows.net/p");
    AzureOptions o = AzureOptions.resolve(loc, Map.of("connection_string", "UseDevelopmentStorage=true"), Map.of());
    assertThat(o.endpoint()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
    assertThat(o.accountKey()).isEqualTo(AzureOptions.DEV_KEY);
  }
}
