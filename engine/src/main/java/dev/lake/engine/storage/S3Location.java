package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed {@code s3://bucket/prefix} (or {@code s3a://}) location: the bucket and the key prefix
 * under which the lake's tables live.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing '/', empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {
  // S3's rules for (virtual-hosted style compatible and legacy path-style) bucket names.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

  /**
   * Parses {@code s3://bucket[/prefix]} or {@code s3a://bucket[/prefix]}.
   *
   * @throws InvalidInputException when the location is not of that form
   */
  public static S3Location parse(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    String rest;
    if (lower.startsWith("s3://")) {
      rest = location.substring("s3://".length());
    } else if (lower.startsWith("s3a://")) {
      rest = location.substring("s3a://".length());
    } else {
      throw new InvalidInputException("not an S3 location (expected s3://bucket/prefix): " + location);
    }
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw new InvalidInputException(
          "invalid S3 bucket name '" + bucket + "' in " + location
              + " (3-63 characters: lower-case letters, digits, '.', '-')");
    }
    if (prefix.startsWith("/") || prefix.contains("//")) {
      throw new InvalidInputException("invalid S3 prefix in " + location + " (empty path segment)");
    }
    return new S3Location(bucket, prefix);
  }

  /** The key of {@code relative} under the prefix (no leading '/'). */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  /** The key prefix that lists everything under the lake root ({@code "prefix/"} or ""). */
  public String rootKeyPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  /** The Hadoop/Kernel path of the root: always {@code s3a://}, the scheme S3A serves. */
  public String hadoopUri() {
    return "s3a://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** The location as users write it, for messages. */
  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }
}
