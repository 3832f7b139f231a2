package dev.lake.engine.storage;

import dev.lake.engine.error.StorageException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns AWS SDK failures into {@link StorageException}s that say which location failed and what
 * the user can do. By the time an exception arrives here, the SDK's retry strategy has already
 * retried what was transient; what is left is permanent for this request.
 */
final class S3Errors {
  private S3Errors() {}

  /**
   * A clear error for a failed {@code action} (e.g. "open", "list tables of") on the lake at
   * {@code location}.
   */
  static StorageException of(String action, S3Location location, S3Options options, SdkException e) {
    String where = location + " (endpoint " + options.describeEndpoint() + ")";
    if (e instanceof NoSuchBucketException || isStatus(e, 404) && isCode(e, "NoSuchBucket", null)) {
      return new StorageException(
          "cannot " + action + " " + where + ": bucket '" + location.bucket() + "' does not exist", e);
    }
    if (isStatus(e, 403)) {
      return new StorageException(
          "cannot " + action + " " + where + ": access denied (HTTP 403" + code(e)
              + "); check access_key/secret_key or the AWS credentials in the environment", e);
    }
    if (isStatus(e, 301) || isStatus(e, 400) && isCode(e, "AuthorizationHeaderMalformed", "")) {
      return new StorageException(
          "cannot " + action + " " + where + ": the bucket is in another region (HTTP "
              + ((S3Exception) e).statusCode() + code(e) + "); set the region option", e);
    }
    if (e instanceof S3Exception s3) {
      return new StorageException(
          "cannot " + action + " " + where + ": HTTP " + s3.statusCode() + code(e) + ": " + message(e), e);
    }
    if (e instanceof SdkClientException) {
      // No HTTP response: endpoint unreachable (after retries), DNS, TLS, or no credentials.
      return new StorageException("cannot " + action + " " + where + ": " + message(e), e);
    }
    return new StorageException("cannot " + action + " " + where + ": " + message(e), e);
  }

  /** True for an HTTP {@code status} answer. */
  static boolean isStatus(Throwable e, int status) {
    return e instanceof S3Exception s3 && s3.statusCode() == status;
  }

  private static boolean isCode(SdkException e, String code, String orNoCode) {
    if (!(e instanceof S3Exception s3) || s3.awsErrorDetails() == null) {
      return orNoCode == null;
    }
    String c = s3.awsErrorDetails().errorCode();
    return c == null ? orNoCode == null : c.equals(code);
  }

  private static String code(SdkException e) {
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
      return " " + s3.awsErrorDetails().errorCode();
    }
    return "";
  }

  private static String message(SdkException e) {
    String m = e instanceof S3Exception s3 && s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorMessage() : null;
    if (m == null) {
      m = e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root != e && root.getMessage() != null && (m == null || !m.contains(root.getMessage()))
        ? m + " (" + root.getMessage() + ")"
        : m;
  }
}
