package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import java.util.Locale;

/**
 * A parsed Azure location: {@code abfs[s]://CONTAINER@ACCOUNT.dfs.core.windows.net/PREFIX}.
 *
 * <p>The host's first label is the storage account; the rest of the host is kept so sovereign
 * clouds ({@code dfs.core.chinacloudapi.net}, ...) work. The prefix may be empty (tables at the
 * container's root).
 *
 * @param scheme {@code abfs} or {@code abfss}
 * @param container the container (ADLS "file system")
 * @param host the DFS host, e.g. {@code acct.dfs.core.windows.net}
 * @param prefix the path inside the container, without leading or trailing slash ("" for none)
 */
public record AzureLocation(String scheme, String container, String host, String prefix) {

  /** Parses {@code location}; throws {@link InvalidInputException} naming what is wrong. */
  public static AzureLocation parse(String location) {
    String usage =
        "expected abfs://CONTAINER@ACCOUNT.dfs.core.windows.net/PREFIX (or abfss://), got " + location;
    int sep = location.indexOf("://");
    if (sep < 0) {
      throw new InvalidInputException(usage);
    }
    String scheme = location.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("abfs") && !scheme.equals("abfss")) {
      throw new InvalidInputException(usage);
    }
    String rest = location.substring(sep + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
    int at = authority.indexOf('@');
    if (at <= 0 || at == authority.length() - 1) {
      throw new InvalidInputException("missing container or account: " + usage);
    }
    String container = authority.substring(0, at);
    String host = authority.substring(at + 1).toLowerCase(Locale.ROOT);
    if (host.indexOf('.') <= 0) {
      throw new InvalidInputException("the host must be ACCOUNT.dfs.<cloud suffix>: " + usage);
    }
    if (prefix.contains("//") || prefix.contains("?") || prefix.contains("#")) {
      throw new InvalidInputException("invalid path in " + location);
    }
    return new AzureLocation(scheme, container, host, prefix);
  }

  /** The storage account name (the host's first label). */
  public String account() {
    return host.substring(0, host.indexOf('.'));
  }

  /** Whether the location asks for TLS ({@code abfss}). */
  public boolean secure() {
    return scheme.equals("abfss");
  }

  /** The public Blob service endpoint derived from the host ({@code .dfs.} becomes {@code .blob.}). */
  public String defaultBlobEndpoint() {
    return "https://" + host.replaceFirst("\\.dfs\\.", ".blob.");
  }

  /** The Hadoop/Kernel URI of the lake root, without trailing slash (except at a container's root). */
  public String rootUri() {
    return scheme + "://" + container + "@" + host + "/" + prefix;
  }

  /** The blob name of {@code relative} under the prefix ({@code relative} without leading slash). */
  public String blobName(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  /**
   * The blob name of a Hadoop/Kernel path string in this container (e.g. a commit file), or an
   * {@link IllegalArgumentException} if it is not in this container.
   */
  public String blobNameOfUri(String uri) {
    String base = scheme + "://" + container + "@";
    String lower = uri.toLowerCase(Locale.ROOT);
    // Hadoop may print either scheme for the same file system; accept both.
    String other = (secure() ? "abfs" : "abfss") + "://" + container + "@";
    String rest;
    if (uri.startsWith(base)) {
      rest = uri.substring(base.length());
    } else if (uri.startsWith(other)) {
      rest = uri.substring(other.length());
    } else {
      throw new IllegalArgumentException(uri + " is not in container " + container);
    }
    int slash = rest.indexOf('/');
    if (slash < 0 || !lower.contains("@" + host + "/")) {
      throw new IllegalArgumentException(uri + " is not in " + rootUri());
    }
    return trimSlashes(rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return rootUri();
  }

  private static String trimSlashes(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == '/') {
      b++;
    }
    while (e > b && s.charAt(e - 1) == '/') {
      e--;
    }
    return s.substring(b, e);
  }
}
