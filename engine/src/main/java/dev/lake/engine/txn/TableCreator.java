package dev.lake.engine.txn;

import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.kernel.DataFileWriter;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelErrors;
import dev.lake.engine.kernel.KernelIterators;
import dev.lake.engine.kernel.KernelTypes;
import dev.lake.engine.kernel.LakeCommitter;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.kernel.UncommittedFiles;
import dev.lake.engine.types.RowCoercer;
import dev.lake.engine.types.ValueKey;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.transaction.CreateTableTransactionBuilder;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.utils.CloseableIterable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates a table as version 0 of its log — empty, or with its first rows in the same commit
 * (CREATE TABLE AS SELECT, imports), so a failed load leaves no table behind.
 */
public final class TableCreator {
  private TableCreator() {}

  /**
   * Creates the table at {@code path}; when {@code rows} is non-null its rows are written and
   * committed with the table in one commit.
   *
   * @return the number of rows written
   */
  public static long create(
      KernelContext ctx, String name, String path, TableDefinition def, Iterator<Object[]> rows) {
    Map<String, String> props = new HashMap<>(def.properties());
    if (!def.primaryKey().isEmpty()) {
      props.put(TableMeta.PRIMARY_KEY_PROPERTY, TableMeta.encodePrimaryKey(def.primaryKey()));
    }
    DataFileWriter writer = null;
    try {
      CreateTableTransactionBuilder builder =
          TableManager.buildCreateTableTransaction(path, KernelTypes.toKernel(def.schema()), KernelContext.ENGINE_INFO)
              .withTableProperties(props)
              .withCommitter(ctx.committer())
              .withMaxRetries(0);
      if (!def.partitionColumns().isEmpty()) {
        builder =
            builder.withDataLayoutSpec(
                DataLayoutSpec.partitioned(
                    def.partitionColumns().stream()
                        .map(c -> new Column(def.schema().field(c).name()))
                        .collect(Collectors.toList())));
      }
      Transaction txn = builder.build(ctx.engine());
      List<Row> actions = List.of();
      long count = 0;
      if (rows != null) {
        writer = new DataFileWriter(ctx, txn, def.schema(), def.partitionColumns());
        RowCoercer coercer = new RowCoercer(def.schema());
        int[] pk = def.primaryKey().stream().mapToInt(def.schema()::require).toArray();
        Set<ValueKey> keys = new HashSet<>();
        while (rows.hasNext()) {
          Object[] row = coercer.coerce(rows.next(), ++count);
          if (pk.length > 0) {
            ValueKey k = ValueKey.of(row, pk);
            KeyChecks.requireNonNull(def.primaryKey(), k, "row " + count);
            if (!keys.add(k)) {
              throw new ConstraintViolationException(
                  "row " + count + " repeats the primary key " + KeyChecks.describe(def.primaryKey(), k));
            }
          }
          writer.add(row);
        }
        actions = writer.finish();
        Map<String, String> committerProps = new HashMap<>();
        committerProps.put(LakeCommitter.OPERATION, "CREATE TABLE AS SELECT");
        committerProps.put(LakeCommitter.METRIC_PREFIX + "numInsertedRows", Long.toString(count));
        committerProps.put(LakeCommitter.METRIC_PREFIX + "numOutputRows", Long.toString(count));
        committerProps.put(LakeCommitter.METRIC_PREFIX + "numAddedFiles", Integer.toString(actions.size()));
        txn.withCommitterProperties(() -> committerProps);
      }
      TransactionCommitResult result =
          txn.commit(ctx.engine(), CloseableIterable.inMemoryIterable(KernelIterators.of(actions)));
      ctx.runPostCommitHooks(result);
      return count;
    } catch (TableAlreadyExistsException | MaxCommitRetryLimitReachedException e) {
      cleanUp(ctx, writer);
      throw new AlreadyExistsException("table '" + name + "' already exists", e);
    } catch (RuntimeException e) {
      cleanUp(ctx, writer);
      throw KernelErrors.translate(e, name);
    }
  }

  private static void cleanUp(KernelContext ctx, DataFileWriter writer) {
    if (writer != null) {
      UncommittedFiles.deleteQuietly(ctx, writer.writtenPaths());
    }
  }
}
