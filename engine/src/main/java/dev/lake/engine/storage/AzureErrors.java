package dev.lake.engine.storage;

import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.TimeoutException;

/** Turns Azure SDK failures into readable messages (never containing credentials). */
final class AzureErrors {
  private AzureErrors() {}

  /** An IOException saying what failed where, with the SDK exception as cause. */
  static IOException io(String what, RuntimeException e) {
    return new IOException(what + ": " + describe(e), e);
  }

  /** One line: the HTTP status and Azure error code, or the network failure. */
  static String describe(Throwable e) {
    if (e instanceof BlobStorageException b) {
      String code = b.getErrorCode() == null ? "" : " " + b.getErrorCode();
      String hint =
          switch (b.getStatusCode()) {
            case 401, 403 -> " (access denied: check account_key, sas_token or connection_string)";
            case 404 -> " (not found)";
            default -> "";
          };
      return "HTTP " + b.getStatusCode() + code + hint;
    }
    Throwable network = networkCause(e);
    if (network != null) {
      return "cannot reach the endpoint (" + network.getClass().getSimpleName()
          + (network.getMessage() == null ? "" : ": " + network.getMessage()) + ")";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
  }

  /** The connection-level cause of {@code e}, if any. */
  static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof HttpConnectTimeoutException
          || t instanceof TimeoutException) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
