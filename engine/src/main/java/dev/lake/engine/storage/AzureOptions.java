package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoint and credentials for an Azure lake, resolved from the lake's options and the
 * environment.
 *
 * <p>Options (exact names):
 *
 * <ul>
 *   <li>{@code endpoint} — the Blob service URL. Default: {@code https://ACCOUNT.blob.<suffix>}
 *       derived from the location's host. A URL with a path, {@code http://127.0.0.1:10000/devstoreaccount1},
 *       is an emulator-style endpoint (Azurite): the account is the path's first segment, and
 *       ABFS is pointed at that host and port in Blob mode.
 *   <li>{@code account_name} — the storage account; must match the location's host (its first label).
 *   <li>{@code account_key} — shared key (base64).
 *   <li>{@code sas_token} — a SAS token (with or without the leading {@code ?}).
 *   <li>{@code connection_string} — an Azure Storage connection string ({@code AccountName},
 *       {@code AccountKey}, {@code SharedAccessSignature}, {@code BlobEndpoint},
 *       {@code DefaultEndpointsProtocol}, {@code EndpointSuffix}, {@code UseDevelopmentStorage=true}).
 * </ul>
 *
 * <p>Give at most one of {@code account_key}, {@code sas_token}, {@code connection_string}. When
 * none is given, the environment is used, in this order: {@code AZURE_STORAGE_CONNECTION_STRING};
 * else {@code AZURE_STORAGE_KEY}; else {@code AZURE_STORAGE_SAS_TOKEN}. The last two are used only
 * when {@code AZURE_STORAGE_ACCOUNT} is unset or names the location's account (they belong to
 * that account). An explicit {@code endpoint} option always wins over a connection string's.
 */
public final class AzureOptions {
  public static final String ENDPOINT = "endpoint";
  public static final String ACCOUNT_NAME = "account_name";
  public static final String ACCOUNT_KEY = "account_key";
  public static final String SAS_TOKEN = "sas_token";
  public static final String CONNECTION_STRING = "connection_string";
  /** Every option an Azure lake accepts. */
  public static final List<String> NAMES =
      List.of(ENDPOINT, ACCOUNT_NAME, ACCOUNT_KEY, SAS_TOKEN, CONNECTION_STRING);

  public static final String ENV_CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
  public static final String ENV_ACCOUNT = "AZURE_STORAGE_ACCOUNT";
  public static final String ENV_KEY = "AZURE_STORAGE_KEY";
  public static final String ENV_SAS_TOKEN = "AZURE_STORAGE_SAS_TOKEN";

  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  static final String DEV_ACCOUNT = "devstoreaccount1";

  static final String DEV_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final String endpoint;
  private final String accountName;
  private final String accountKey;
  private final String sasToken;

  private AzureOptions(String endpoint, String accountName, String accountKey, String sasToken) {
    this.endpoint = endpoint;
    this.accountName = accountName;
    this.accountKey = accountKey;
    this.sasToken = sasToken;
  }

  /** Resolves options for {@code location} against the process environment. */
  public static AzureOptions resolve(AzureLocation location, Map<String, String> options) {
    return resolve(location, options, System.getenv());
  }

  /**
   * Resolves options for {@code location}; {@code env} stands for the environment (tests pass
   * their own).
   *
   * @throws InvalidInputException on unknown or contradictory options, or no credentials
   */
  public static AzureOptions resolve(
      AzureLocation location, Map<String, String> options, Map<String, String> env) {
    for (String name : options.keySet()) {
      if (!NAMES.contains(name)) {
        throw new InvalidInputException(
            "unknown option '" + name + "' for Azure location " + location + "; valid options: "
                + String.join(", ", NAMES));
      }
    }
    String key = blankToNull(options.get(ACCOUNT_KEY));
    String sas = blankToNull(options.get(SAS_TOKEN));
    String cs = blankToNull(options.get(CONNECTION_STRING));
    int given = (key != null ? 1 : 0) + (sas != null ? 1 : 0) + (cs != null ? 1 : 0);
    if (given > 1) {
      throw new InvalidInputException(
          "give only one of account_key, sas_token and connection_string for " + location);
    }
    String account = blankToNull(options.get(ACCOUNT_NAME));
    String endpoint = blankToNull(options.get(ENDPOINT));
    if (given == 0) {
      String envAccount = blankToNull(env.get(ENV_ACCOUNT));
      boolean envMatches = envAccount == null || envAccount.equals(location.account());
      if (blankToNull(env.get(ENV_CONNECTION_STRING)) != null) {
        cs = env.get(ENV_CONNECTION_STRING);
      } else if (envMatches && blankToNull(env.get(ENV_KEY)) != null) {
        key = env.get(ENV_KEY);
      } else if (envMatches && blankToNull(env.get(ENV_SAS_TOKEN)) != null) {
        sas = env.get(ENV_SAS_TOKEN);
      }
    }
    if (cs != null) {
      Map<String, String> parts = parseConnectionString(cs, location);
      key = parts.get("accountkey");
      sas = parts.get("sharedaccesssignature");
      String csAccount = parts.get("accountname");
      if (account == null) {
        account = csAccount;
      }
      if (endpoint == null) {
        endpoint = connectionStringEndpoint(parts, csAccount == null ? location.account() : csAccount);
      }
    }
    if (account == null) {
      account = location.account();
    }
    if (!account.equals(location.account())) {
      throw new InvalidInputException(
          "account_name '" + account + "' does not match the account '" + location.account()
              + "' of location " + location);
    }
    if (key == null && sas == null) {
      throw new InvalidInputException(
          "no credentials for " + location + ": give the option account_key, sas_token or "
              + "connection_string, or set " + ENV_CONNECTION_STRING + ", " + ENV_KEY + " or "
              + ENV_SAS_TOKEN);
    }
    if (endpoint == null) {
      endpoint = location.defaultBlobEndpoint();
    }
    endpoint = checkEndpoint(endpoint, account, location);
    if (sas != null && sas.startsWith("?")) {
      sas = sas.substring(1);
    }
    return new AzureOptions(endpoint, account, key, sas);
  }

  /** The Blob service URL (no trailing slash), e.g. {@code https://acct.blob.core.windows.net}. */
  public String endpoint() {
    return endpoint;
  }

  /** The storage account name. */
  public String accountName() {
    return accountName;
  }

  /** The shared key, or null when a SAS token is used. */
  public String accountKey() {
    return accountKey;
  }

  /** The SAS token without leading {@code ?}, or null when a shared key is used. */
  public String sasToken() {
    return sasToken;
  }

  /** Whether the endpoint carries the account in its path (an emulator such as Azurite). */
  public boolean emulatorStyle() {
    String path = URI.create(endpoint).getPath();
    return path != null && !path.isEmpty() && !path.equals("/");
  }

  /** {@code host:port} of the endpoint (the port defaulted from the scheme). */
  public String hostAndPort() {
    URI u = URI.create(endpoint);
    int port = u.getPort() > 0 ? u.getPort() : (isHttps() ? 443 : 80);
    return u.getHost() + ":" + port;
  }

  /** Whether the endpoint is https. */
  public boolean isHttps() {
    return endpoint.regionMatches(true, 0, "https:", 0, 6);
  }

  @Override
  public String toString() {
    // Never print secrets: error messages and logs may include this.
    return "AzureOptions{endpoint=" + endpoint + ", account=" + accountName
        + ", auth=" + (accountKey != null ? "shared key" : "SAS") + "}";
  }

  private static String checkEndpoint(String endpoint, String account, AzureLocation location) {
    URI u;
    try {
      u = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("invalid endpoint '" + endpoint + "' for " + location + ": " + e.getMessage());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new InvalidInputException(
          "invalid endpoint '" + endpoint + "' for " + location
              + ": expected http(s)://HOST[:PORT][/ACCOUNT], e.g. http://127.0.0.1:10000/devstoreaccount1");
    }
    String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
    if (!path.isEmpty() && !path.equals(account)) {
      throw new InvalidInputException(
          "endpoint '" + endpoint + "' names account '" + path + "' but the location " + location
              + " is in account '" + account + "'");
    }
    return scheme + "://" + u.getRawAuthority() + (path.isEmpty() ? "" : "/" + path);
  }

  private static Map<String, String> parseConnectionString(String cs, AzureLocation location) {
    Map<String, String> parts = new HashMap<>();
    for (String part : cs.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        // Do not echo the string: it holds the key.
        throw new InvalidInputException("malformed Azure connection string for " + location + " (expected Key=Value;...)");
      }
      parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
    }
    if ("true".equalsIgnoreCase(parts.get("usedevelopmentstorage"))) {
      parts.putIfAbsent("accountname", DEV_ACCOUNT);
      parts.putIfAbsent("accountkey", DEV_KEY);
      parts.putIfAbsent("blobendpoint", "http://127.0.0.1:10000/" + DEV_ACCOUNT);
    }
    return parts;
  }

  private static String connectionStringEndpoint(Map<String, String> parts, String account) {
    if (parts.containsKey("blobendpoint")) {
      return parts.get("blobendpoint");
    }
    if (parts.containsKey("endpointsuffix")) {
      String protocol = parts.getOrDefault("defaultendpointsprotocol", "https");
      return protocol + "://" + account + ".blob." + parts.get("endpointsuffix");
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
