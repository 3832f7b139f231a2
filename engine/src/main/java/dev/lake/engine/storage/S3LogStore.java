package dev.lake.engine.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Exclusive commit on S3: one conditional PUT with {@code If-None-Match: *}. S3 (and S3Proxy,
 * MinIO) store the object only if no object of that key exists, atomically, so of several
 * writers racing for a version exactly one gets 200 and the others 412 Precondition Failed. No
 * lock table (DynamoDB) is needed, and readers never see a partial object.
 *
 * <p>Hadoop's {@code create(path, false)} is not exclusive on S3 (it checks, then writes), which is
 * why commits do not go through S3A.
 */
final class S3LogStore implements LogStore {
  /** 409 ConditionalRequestConflict: S3 asks to retry a conditional write that raced another. */
  private static final int CONFLICT_RETRIES = 10;

  private final S3Client s3;

  S3LogStore(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public void writeExclusive(String path, byte[] content) throws IOException {
    S3Path p = S3Path.parse(path);
    PutObjectRequest put =
        PutObjectRequest.builder()
            .bucket(p.bucket())
            .key(p.key())
            .ifNoneMatch("*")
            .contentType("application/json")
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        s3.putObject(put, RequestBody.fromBytes(content));
        return;
      } catch (SdkException e) {
        if (S3Errors.isStatus(e, 412)) {
          if (isOurs(p, content)) {
            // The SDK retried a PUT whose first attempt had in fact succeeded (lost response):
            // the object is this very commit (each holds a unique commitInfo), so we won.
            return;
          }
          throw new FileAlreadyExistsException(path, null, "committed concurrently by another writer");
        }
        if (S3Errors.isStatus(e, 409) && attempt < CONFLICT_RETRIES) {
          sleep(attempt);
          continue;
        }
        throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private boolean isOurs(S3Path p, byte[] content) throws IOException {
    try {
      byte[] existing = s3.getObjectAsBytes(b -> b.bucket(p.bucket()).key(p.key())).asByteArray();
      return Arrays.equals(existing, content);
    } catch (NoSuchKeyException e) {
      return false;
    } catch (SdkException e) {
      throw new IOException("cannot read back " + p + " after a conflicting write: " + e.getMessage(), e);
    }
  }

  private static void sleep(int attempt) throws IOException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << Math.min(attempt, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while retrying a conditional write", e);
    }
  }
}
