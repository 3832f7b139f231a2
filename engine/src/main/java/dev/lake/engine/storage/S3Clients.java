package dev.lake.engine.storage;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the two S3 clients of a lake from one {@link S3Options}: the AWS SDK v2 client (bucket
 * check, listing, commits with {@code If-None-Match}, table drop and rename) and the Hadoop
 * configuration S3A reads (Parquet and log reads and writes through Delta Kernel). Both get the
 * same endpoint, region, addressing style and credentials, and both retry transient failures
 * (throttling, 5xx, timeouts) with backoff.
 */
final class S3Clients {
  /** Attempts per SDK request (the first one included) before a transient failure is reported. */
  static final int SDK_ATTEMPTS = 5;

  /**
   * Retries per request of the SDK client inside S3A, which retries around it (see hadoopConf).
   * S3A passes {@code fs.s3a.attempts.maximum} to the SDK as its number of retries: 2 means 3
   * attempts.
   */
  static final int S3A_SDK_RETRIES = 2;

  /** The region used when none is configured but an endpoint is (emulators ignore it). */
  private static final String EMULATOR_REGION = "us-east-1";

  private S3Clients() {}

  /** The SDK client: standard retry strategy (exponential backoff with jitter, throttling aware). */
  static S3Client sdkClient(S3Options o) {
    S3ClientBuilder b =
        S3Client.builder()
            .credentialsProvider(credentials(o))
            .forcePathStyle(o.pathStyle())
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .maxConnections(64))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(SDK_ATTEMPTS).build())
                    .apiCallAttemptTimeout(Duration.ofSeconds(60))
                    .build());
    o.endpoint().ifPresent(b::endpointOverride);
    String region = o.region().orElse(null);
    if (region == null && o.endpoint().isPresent()) {
      region = EMULATOR_REGION;
    }
    if (region == null) {
      region = regionFromChain();
    }
    if (region == null) {
      // No region anywhere: let the SDK follow the bucket's region redirect.
      b.region(Region.US_EAST_1).crossRegionAccessEnabled(true);
    } else {
      b.region(Region.of(region));
    }
    return b.build();
  }

  /** The Hadoop configuration for S3A, with lake's class loader (see LocalStorage). */
  static Configuration hadoopConf(S3Options o) {
    Configuration conf = new Configuration();
    conf.setClassLoader(S3Clients.class.getClassLoader());
    // s3:// is served by S3A too (Hadoop 3.4 maps no file system to it by default).
    conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.set("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
    o.endpoint()
        .ifPresent(
            e -> {
              conf.set("fs.s3a.endpoint", e.toString());
              conf.setBoolean("fs.s3a.connection.ssl.enabled", "https".equalsIgnoreCase(e.getScheme()));
            });
    String region = o.region().orElse(o.endpoint().isPresent() ? EMULATOR_REGION : null);
    if (region != null) {
      conf.set("fs.s3a.endpoint.region", region);
    }
    conf.setBoolean("fs.s3a.path.style.access", o.pathStyle());
    if (o.hasStaticCredentials()) {
      conf.set("fs.s3a.access.key", o.accessKey().get());
      conf.set("fs.s3a.secret.key", o.secretKey().get());
      if (o.sessionToken().isPresent()) {
        conf.set("fs.s3a.session.token", o.sessionToken().get());
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
      } else {
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      }
    } else {
      // The SDK's own chain (environment, profiles, SSO, container and instance roles), the same
      // one the SDK client uses; S3A's default list has no profiles.
      conf.set("fs.s3a.aws.credentials.provider", DefaultCredentialsProvider.class.getName());
    }
    // Retries: the SDK inside S3A retries each request (S3A_SDK_RETRIES); S3A's own policy
    // retries around it with exponential backoff (base * 2^retry, randomised, uncapped). The
    // budgets multiply: S3A's defaults (4 SDK attempts, 7 retries at 500 ms, 20 throttle retries
    // at 100 ms) let a store that never stops failing hold a data-file write for minutes (hours
    // when throttled), as the fault suites showed. These give up after at most 4 x 3 attempts,
    // throttled or not.
    conf.setInt("fs.s3a.attempts.maximum", S3A_SDK_RETRIES);
    conf.setInt("fs.s3a.retry.limit", 3);
    conf.set("fs.s3a.retry.interval", "500ms");
    conf.setInt("fs.s3a.retry.throttle.limit", 3);
    conf.set("fs.s3a.retry.throttle.interval", "500ms");
    // Timeouts: connection set-up 5 s (S3A's default is 30 s); no answer within 60 s on an open
    // connection (S3A's default is 200 s) counts as a failed attempt.
    conf.set("fs.s3a.connection.establish.timeout", "5s");
    conf.set("fs.s3a.connection.timeout", "60s");
    // Uploads are buffered in memory, not in local temporary files: S3A's disk buffer asks
    // Hadoop for the cached local file system, which a local lake in the same process configures
    // as RawLocalFileSystem (no .crc files) -- and S3A then fails casting it to LocalFileSystem.
    // Parts of 8 MiB, at most 2 in flight per stream, bound the memory of each open writer.
    conf.set("fs.s3a.fast.upload.buffer", "bytebuffer");
    conf.set("fs.s3a.multipart.size", "8M");
    conf.setInt("fs.s3a.fast.upload.active.blocks", 2);
    // lake checks the bucket itself when the lake is opened (with a clearer message).
    conf.setInt("fs.s3a.bucket.probe", 0);
    return conf;
  }

  private static AwsCredentialsProvider credentials(S3Options o) {
    if (!o.hasStaticCredentials()) {
      return DefaultCredentialsProvider.create();
    }
    String ak = o.accessKey().get();
    String sk = o.secretKey().get();
    return StaticCredentialsProvider.create(
        o.sessionToken().isPresent()
            ? AwsSessionCredentials.create(ak, sk, o.sessionToken().get())
            : AwsBasicCredentials.create(ak, sk));
  }

  private static String regionFromChain() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
