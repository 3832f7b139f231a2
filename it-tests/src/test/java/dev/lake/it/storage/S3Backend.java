package dev.lake.it.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3: MinIO in a container (Testcontainers) when Docker is available, otherwise S3Proxy as a
 * local process. Either way one server per test run, one bucket ({@value #BUCKET}), and a fresh
 * prefix per lake.
 */
public final class S3Backend implements Backend {
  /** The bucket every S3 lake of the run lives in. */
  public static final String BUCKET = "lake-it";

  /** A MinIO release with conditional writes ({@code If-None-Match}). */
  static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public S3Endpoint start(Path workDir) throws Exception {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      MinIOContainer minio = new MinIOContainer(MINIO_IMAGE);
      minio.start();
      try {
        return new S3Endpoint(
            "minio", URI.create(minio.getS3URL()), minio.getUserName(), minio.getPassword(), minio::stop);
      } catch (RuntimeException e) {
        minio.stop();
        throw e;
      }
    }
    S3ProxyProcess proxy = S3ProxyProcess.start(workDir);
    try {
      return new S3Endpoint(
          "s3proxy", proxy.endpoint(), S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY, proxy::close);
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /** A running S3 server with the test bucket created. */
  public static final class S3Endpoint implements Endpoint {
    private final String server;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Runnable stop;
    private final S3Client client;
    private final AtomicInteger lakes = new AtomicInteger();

    S3Endpoint(String server, URI endpoint, String accessKey, String secretKey, Runnable stop) {
      this.server = server;
      this.endpoint = endpoint;
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      this.stop = stop;
      this.client =
          S3Client.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
              .build();
      client.createBucket(b -> b.bucket(BUCKET));
    }

    @Override
    public String backend() {
      return "s3";
    }

    /** "minio" or "s3proxy". */
    public String server() {
      return server;
    }

    /** The server's endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
      return endpoint;
    }

    /** A plain SDK client on the server, for looking at what lake wrote. */
    public S3Client client() {
      return client;
    }

    @Override
    public String newLakeLocation(String label) {
      return "s3://" + BUCKET + "/" + label + "-" + lakes.incrementAndGet();
    }

    @Override
    public Map<String, String> options() {
      Map<String, String> o = new LinkedHashMap<>();
      o.put("endpoint", endpoint.toString());
      o.put("path_style", "true");
      o.put("access_key", accessKey);
      o.put("secret_key", secretKey);
      return o;
    }

    /** These options with one changed (for the error tests). */
    public Map<String, String> optionsWith(String key, String value) {
      Map<String, String> o = new LinkedHashMap<>(options());
      o.put(key, value);
      return o;
    }

    /** Keys of every object under {@code prefix} in the test bucket. */
    public java.util.List<String> keys(String prefix) {
      return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
          .map(software.amazon.awssdk.services.s3.model.S3Object::key)
          .toList();
    }

    @Override
    public void close() {
      client.close();
      stop.run();
    }
  }
}
