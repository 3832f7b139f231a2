package dev.lake.engine.storage;

import dev.lake.engine.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A lake under {@code s3://bucket/prefix}: tables are the key prefixes {@code prefix/NAME/} that
 * hold a {@code _delta_log/}. Data files and log reads go through S3A (Delta Kernel's Hadoop
 * file system); commit files through {@link S3LogStore}'s conditional PUT; listing, drop and
 * rename through the SDK client directly.
 *
 * <p>Renaming copies every object of the table to the new prefix and then deletes the old ones:
 * S3 has no rename, so it is <b>not atomic</b> — readers may see both tables, or, after a crash
 * part-way, a partial copy (it is refused if the target exists, and the source is only deleted
 * once the copy is complete).
 *
 * <p>Hadoop caches one S3A file system per bucket and process, configured by the first lake
 * that opens it; a second lake on the same bucket with another endpoint or other credentials
 * in the same process is therefore refused rather than silently served with the first one's.
 */
public final class S3Storage implements Storage {
  private static final Map<String, String> CONFIG_BY_BUCKET = new ConcurrentHashMap<>();

  private final S3Location location;
  private final S3Options options;
  private final S3Client s3;
  private final Configuration conf;
  private final S3LogStore logStore;

  private S3Storage(S3Location location, S3Options options, S3Client s3, Configuration conf) {
    this.location = location;
    this.options = options;
    this.s3 = s3;
    this.conf = conf;
    this.logStore = new S3LogStore(s3);
  }

  /**
   * Opens the lake at {@code location} ({@code s3://} or {@code s3a://}) and checks that its
   * bucket exists and answers with these credentials.
   *
   * @param options the S3 options ({@link S3Options#NAMES}); unset ones come from the environment
   * @throws InvalidInputException on a malformed location or unknown option
   * @throws dev.lake.engine.error.StorageException when the bucket is missing, access is denied
   *     or the endpoint cannot be reached (after retries); the message names the location
   */
  public static S3Storage open(String location, Map<String, String> options) {
    return open(location, options, System.getenv());
  }

  /** As {@link #open(String, Map)}, with the environment given (for tests). */
  static S3Storage open(String location, Map<String, String> options, Map<String, String> env) {
    S3Location loc = S3Location.parse(location);
    S3Options opts = S3Options.from(options, env);
    S3Client s3 = S3Clients.sdkClient(opts);
    try {
      s3.headBucket(b -> b.bucket(loc.bucket()));
    } catch (SdkException e) {
      s3.close();
      throw S3Errors.of("open", loc, opts, e);
    }
    String fingerprint = fingerprint(opts);
    String previous = CONFIG_BY_BUCKET.putIfAbsent(loc.bucket(), fingerprint);
    if (previous != null && !previous.equals(fingerprint)) {
      s3.close();
      throw new InvalidInputException(
          "cannot open " + loc + " with these options: this process already opened bucket '" + loc.bucket()
              + "' with another endpoint, region or credentials (Hadoop's S3A keeps one client per bucket and process)");
    }
    return new S3Storage(loc, opts, s3, S3Clients.hadoopConf(opts));
  }

  private static String fingerprint(S3Options o) {
    return o.endpoint() + "|" + o.region() + "|" + o.pathStyle() + "|" + o.accessKey() + "|"
        + o.secretKey().map(String::hashCode) + "|" + o.sessionToken().map(String::hashCode);
  }

  /** The parsed location. */
  public S3Location location() {
    return location;
  }

  @Override
  public String root() {
    return location.hadoopUri();
  }

  @Override
  public String tablePath(String name) {
    return location.hadoopUri() + "/" + name;
  }

  @Override
  public List<String> listTables() {
    List<String> names = new ArrayList<>();
    try {
      for (CommonPrefix cp :
          s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.rootKeyPrefix()).delimiter("/"))
              .commonPrefixes()) {
        String p = cp.prefix();
        String name = p.substring(location.rootKeyPrefix().length(), p.length() - 1);
        if (hasAny(tableKey(name) + "/_delta_log/")) {
          names.add(name);
        }
      }
    } catch (SdkException e) {
      throw S3Errors.of("list tables of", location, options, e);
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  @Override
  public boolean isTable(String name) {
    try {
      return hasAny(tableKey(name) + "/_delta_log/");
    } catch (SdkException e) {
      throw S3Errors.of("read", location, options, e);
    }
  }

  @Override
  public boolean exists(String name) {
    try {
      return hasAny(tableKey(name) + "/") || hasObject(tableKey(name));
    } catch (SdkException e) {
      throw S3Errors.of("read", location, options, e);
    }
  }

  @Override
  public void deleteTable(String name) {
    try {
      // The log first: once it is gone the prefix is no longer a table, so a failure part-way
      // leaves stray data files, never a table with missing files.
      deleteAll(keys(tableKey(name) + "/_delta_log/"));
      deleteAll(keys(tableKey(name) + "/"));
    } catch (SdkException e) {
      throw S3Errors.of("drop table '" + name + "' in", location, options, e);
    }
  }

  /**
   * Copies the table's objects to {@code to}, then deletes the originals. Not atomic (see the
   * class comment); refused if anything exists under {@code to}.
   */
  @Override
  public void renameTable(String from, String to) throws IOException {
    if (exists(to)) {
      throw new FileAlreadyExistsException(location + "/" + to);
    }
    String src = tableKey(from) + "/";
    String dst = tableKey(to) + "/";
    try {
      List<String> all = keys(src);
      // Data first, log last (in version order), so the target only becomes a table once the
      // files its log names are there.
      List<String> ordered = new ArrayList<>();
      all.stream().filter(k -> !k.startsWith(src + "_delta_log/")).forEach(ordered::add);
      all.stream().filter(k -> k.startsWith(src + "_delta_log/")).sorted().forEach(ordered::add);
      for (String key : ordered) {
        s3.copyObject(
            b -> b.sourceBucket(location.bucket()).sourceKey(key)
                .destinationBucket(location.bucket()).destinationKey(dst + key.substring(src.length())));
      }
      deleteTable(from);
    } catch (SdkException e) {
      throw S3Errors.of("rename table '" + from + "' to '" + to + "' in", location, options, e);
    }
  }

  @Override
  public LogStore logStore() {
    return logStore;
  }

  @Override
  public Configuration hadoopConf() {
    return conf;
  }

  /**
   * Closes the SDK client. S3A's file system is shared by every lake on the bucket in this
   * process (Hadoop's cache) and stays open.
   */
  @Override
  public void close() {
    s3.close();
  }

  private String tableKey(String name) {
    return location.key(name);
  }

  private boolean hasAny(String prefix) {
    return s3.listObjectsV2(b -> b.bucket(location.bucket()).prefix(prefix).maxKeys(1)).keyCount() > 0;
  }

  private boolean hasObject(String key) {
    try {
      s3.headObject(b -> b.bucket(location.bucket()).key(key));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isStatus(e, 404)) {
        return false;
      }
      throw e;
    }
  }

  private List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()) {
      out.add(o.key());
    }
    return out;
  }

  private void deleteAll(List<String> keys) {
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> batch = new ArrayList<>();
      for (String k : keys.subList(i, Math.min(keys.size(), i + 1000))) {
        batch.add(ObjectIdentifier.builder().key(k).build());
      }
      DeleteObjectsResponse r =
          s3.deleteObjects(b -> b.bucket(location.bucket()).delete(Delete.builder().objects(batch).quiet(true).build()));
      if (r.hasErrors() && !r.errors().isEmpty()) {
        throw new dev.lake.engine.error.StorageException(
            "cannot delete " + r.errors().size() + " object(s) under " + location + ", e.g. "
                + r.errors().get(0).key() + ": " + r.errors().get(0).message());
      }
    }
  }
}
