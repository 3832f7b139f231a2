package dev.lake.engine.storage;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Exclusive commit on Azure Blob Storage: one Put Blob with {@code If-None-Match: *}. The service
 * creates the blob atomically and only if no blob of that name exists, so of several writers
 * racing for a version exactly one wins (the others get 409 BlobAlreadyExists or 412), and
 * readers never see a partial or empty file.
 *
 * <p>ABFS's {@code create(path, overwrite=false)} is not used: it creates an empty blob first and
 * writes the content on close, so a reader (or a racing writer's existence check) can see a
 * zero-length commit file.
 *
 * <p>The SDK retries transient failures. If an attempt succeeded on the server but its response
 * was lost, the retry sees "already exists"; the store then compares the existing blob with its
 * own content (each commit's content is unique: it carries a timestamp and a transaction id) and
 * reports success instead of a lost race.
 */
public final class AzureLogStore implements LogStore {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  /** Put Blob accepts up to 5000 MiB in one request; commit files are far smaller. */
  private static final long MAX_SINGLE_PUT = 256L * 1024 * 1024;

  private final AzureLocation location;
  private final BlobContainerClient container;

  /** A log store writing into {@code container}, which holds {@code location}. */
  public AzureLogStore(AzureLocation location, BlobContainerClient container) {
    this.location = location;
    this.container = container;
  }

  @Override
  public void writeExclusive(String path, byte[] content) throws IOException {
    if (content.length > MAX_SINGLE_PUT) {
      throw new IOException("commit file " + path + " is too large for one atomic upload (" + content.length + " bytes)");
    }
    String name;
    try {
      name = location.blobNameOfUri(path);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    BlockBlobClient blob = container.getBlobClient(name).getBlockBlobClient();
    BlockBlobSimpleUploadOptions upload =
        new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content))
            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
    try {
      blob.uploadWithResponse(upload, TIMEOUT, Context.NONE);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
        if (isOurs(blob, content, path)) {
          return;
        }
        FileAlreadyExistsException lost = new FileAlreadyExistsException(path, null, "written concurrently by another writer");
        lost.initCause(e);
        throw lost;
      }
      throw AzureErrors.io("cannot write commit file " + path, e);
    } catch (RuntimeException e) {
      throw AzureErrors.io("cannot write commit file " + path, e);
    }
  }

  /** Whether the existing blob holds exactly {@code content} (our own earlier, retried attempt). */
  private static boolean isOurs(BlockBlobClient blob, byte[] content, String path) throws IOException {
    try {
      return Arrays.equals(blob.downloadContent().toBytes(), content);
    } catch (RuntimeException e) {
      // Neither "lost" nor "won" would be safe to claim: a wrong "lost" makes a blind append
      // apply twice after rebasing. Report an unknown outcome.
      throw AzureErrors.io("commit file " + path + " exists but cannot be read back to check who wrote it", e);
    }
  }
}
