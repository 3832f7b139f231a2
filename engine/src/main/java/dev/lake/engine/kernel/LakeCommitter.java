package dev.lake.engine.kernel;

import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.storage.LogStore;
import io.delta.kernel.commit.CommitFailedException;
import io.delta.kernel.commit.CommitMetadata;
import io.delta.kernel.commit.CommitResponse;
import io.delta.kernel.commit.Committer;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.actions.CommitInfo;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.files.ParsedPublishedDeltaData;
import io.delta.kernel.internal.tablefeatures.TableFeatures;
import io.delta.kernel.internal.util.FileNames;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes each Delta commit file through the storage's {@link LogStore} (exclusive create), and
 * records lake's operation name, parameters and row counts in the commit's {@code commitInfo},
 * where Delta's own history (and Spark's DESCRIBE HISTORY) looks for them. Kernel only knows
 * generic operations, so the engine passes the real ones as committer properties.
 */
public final class LakeCommitter implements Committer {
  /** Committer property: the operation name written to commitInfo (DELETE, UPDATE, MERGE...). */
  public static final String OPERATION = "lake.operation";
  /** Committer property prefix: operation metrics (numDeletedRows, ...). */
  public static final String METRIC_PREFIX = "lake.metric.";
  /** Committer property prefix: operation parameters (predicate, ...). */
  public static final String PARAMETER_PREFIX = "lake.param.";

  private final LogStore logStore;

  public LakeCommitter(LogStore logStore) {
    this.logStore = logStore;
  }

  @Override
  public CommitResponse commit(
      Engine engine, CloseableIterator<Row> finalizedActions, CommitMetadata commitMetadata)
      throws CommitFailedException {
    commitMetadata.getReadProtocolOpt().ifPresent(LakeCommitter::refuseCatalogManaged);
    commitMetadata.getNewProtocolOpt().ifPresent(LakeCommitter::refuseCatalogManaged);
    String file = FileNames.deltaFile(commitMetadata.getDeltaLogDirPath(), commitMetadata.getVersion());
    Map<String, String> props = commitMetadata.getCommitterProperties().get();
    byte[] content = serialize(finalizedActions, commitMetadata.getCommitInfo(), props);
    try {
      logStore.writeExclusive(file, content);
      FileStatus written = engine.getFileSystemClient().getFileStatus(file);
      return new CommitResponse(ParsedPublishedDeltaData.forFileStatus(written));
    } catch (FileAlreadyExistsException e) {
      throw new CommitFailedException(
          true, true, "version " + commitMetadata.getVersion() + " was committed concurrently", e);
    } catch (IOException e) {
      // Not retryable for Kernel: the log store's client has already retried what was transient
      // (with backoff), and Kernel would otherwise retry the same version again and again and
      // finally report a "concurrent writer" that never existed.
      throw new CommitFailedException(
          false, false, "could not write commit file " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] serialize(
      CloseableIterator<Row> actions, CommitInfo original, Map<String, String> props) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (actions) {
      while (actions.hasNext()) {
        Row action = actions.next();
        if (!action.isNullAt(SingleAction.COMMIT_INFO_ORDINAL) && props.containsKey(OPERATION)) {
          action = SingleAction.createCommitInfoSingleAction(withOperation(original, props).toRow());
        }
        out.write(JsonUtils.rowToJson(action).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static CommitInfo withOperation(CommitInfo original, Map<String, String> props) {
    Map<String, String> params = new HashMap<>(original.getOperationParameters());
    Map<String, String> metrics = new HashMap<>(original.getOperationMetrics());
    props.forEach(
        (k, v) -> {
          if (k.startsWith(PARAMETER_PREFIX)) {
            params.put(k.substring(PARAMETER_PREFIX.length()), v);
          } else if (k.startsWith(METRIC_PREFIX)) {
            metrics.put(k.substring(METRIC_PREFIX.length()), v);
          }
        });
    return new CommitInfo(
        original.getInCommitTimestamp(),
        original.getTimestamp(),
        original.getEngineInfo(),
        Optional.of(props.get(OPERATION)),
        params,
        original.getIsBlindAppend(),
        original.getTxnId(),
        metrics);
  }

  private static void refuseCatalogManaged(Protocol protocol) {
    if (TableFeatures.isCatalogManagedSupported(protocol)) {
      throw new UnsupportedFeatureException(
          "the table is catalog-managed (table feature catalogManaged): only its catalog may commit to it");
    }
  }
}
