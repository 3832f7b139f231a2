package dev.lake.engine.storage;

import java.util.Locale;

/**
 * A Kernel/Hadoop path string of an S3 object ({@code s3a://bucket/key} or {@code s3://...})
 * split into bucket and key.
 */
record S3Path(String bucket, String key) {
  static S3Path parse(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    int start = lower.startsWith("s3a://") ? 6 : lower.startsWith("s3://") ? 5 : -1;
    int slash = start < 0 ? -1 : path.indexOf('/', start);
    if (slash < 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException("not an S3 object path: " + path);
    }
    return new S3Path(path.substring(start, slash), path.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
