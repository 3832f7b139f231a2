package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.CommitResult;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import dev.lake.it.storage.BackendTest;
import dev.lake.it.storage.StorageEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's table life cycle on every storage backend, the same code for each: create,
 * insert, update, delete, merge, time travel, history, list, rename, drop. Each write is checked
 * by its version and contents, and the result is read back by Delta Kernel's own reader.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StorageScenariosIT {
  static final String COLUMNS = "id BIGINT, name STRING, qty INT";

  @BackendTest
  void createInsertUpdateDeleteMergeAndTimeTravel(StorageEndpoint storage) {
    String location = storage.newLakeLocation("crud");
    try (Lake lake = storage.open(location)) {
      assertThat(lake.tableNames()).isEmpty();
      Table t = lake.createTable("items", TableDefinition.of(TypeParser.parseColumns(COLUMNS)).withPrimaryKey("id"));
      assertThat(t.snapshot().version()).isZero();

      CommitResult ins = t.insert(List.of(row(1, "apple", 5), row(2, "pear", 3), row(3, "plum", 0)));
      assertThat(ins.version()).isEqualTo(1);
      assertThat(ins.rowsInserted()).isEqualTo(3);

      CommitResult upd = t.update(Predicate.eq("id", 2L), Map.of("qty", 7));
      assertThat(upd.version()).isEqualTo(2);
      assertThat(upd.rowsUpdated()).isEqualTo(1);

      CommitResult del = t.delete(Predicate.eq("qty", 0));
      assertThat(del.version()).isEqualTo(3);
      assertThat(del.rowsDeleted()).isEqualTo(1);

      CommitResult merge = t.merge(MergeBatch.onPrimaryKey().upsert(1L, "apple", 6).upsert(4L, "fig", 9).delete(2L, null, null));
      assertThat(merge.version()).isEqualTo(4);

      assertThat(LakeRows.all(t.snapshot())).containsExactly(List.of(1L, "apple", 6), List.of(4L, "fig", 9));
      // Time travel: every version as it was.
      assertThat(LakeRows.all(t.snapshotAt(0))).isEmpty();
      assertThat(LakeRows.all(t.snapshotAt(1)))
          .containsExactly(List.of(1L, "apple", 5), List.of(2L, "pear", 3), List.of(3L, "plum", 0));
      assertThat(LakeRows.all(t.snapshotAt(2)))
          .containsExactly(List.of(1L, "apple", 5), List.of(2L, "pear", 7), List.of(3L, "plum", 0));
      assertThat(LakeRows.all(t.snapshotAt(3))).containsExactly(List.of(1L, "apple", 5), List.of(2L, "pear", 7));
      assertThatThrownBy(() -> t.snapshotAt(5)).isInstanceOf(NotFoundException.class);
      assertThat(t.history()).extracting(HistoryEntry::operation)
          .containsExactly("CREATE TABLE", "WRITE", "UPDATE", "DELETE", "MERGE");

      // Delta's own reader sees the same table.
      assertThat(new KernelRows(lake.storage().hadoopConf()).all(t.path()))
          .isEqualTo(LakeRows.all(t.snapshot()));

      // Reading a data file ahead fills a local disk's page cache; object stores read nothing.
      DataFile first = t.snapshot().dataFiles().get(0);
      assertThat(t.snapshot().readAhead(first)).isEqualTo(lake.storage().isLocal() ? first.size() : 0);
    }
    // A second engine instance (a new process would see the same) reads what was committed.
    try (Lake again = storage.open(location)) {
      assertThat(again.tableNames()).containsExactly("items");
      assertThat(again.table("items").snapshot().version()).isEqualTo(4);
    }
  }

  @BackendTest
  void listRenameAndDropTables(StorageEndpoint storage) {
    try (Lake lake = storage.open(storage.newLakeLocation("ddl"))) {
      TableDefinition def = TableDefinition.of(TypeParser.parseColumns(COLUMNS));
      lake.createTable("a", def).insert(List.<Object[]>of(row(1, "x", 1)));
      lake.createTable("b", def).insert(List.<Object[]>of(row(2, "y", 2)));
      assertThat(lake.tableNames()).containsExactly("a", "b");
      assertThatThrownBy(() -> lake.createTable("a", def)).isInstanceOf(AlreadyExistsException.class);

      // Rename onto an existing table is refused and changes nothing.
      assertThatThrownBy(() -> lake.renameTable("a", "b")).isInstanceOf(AlreadyExistsException.class);
      assertThat(LakeRows.all(lake.table("a").snapshot())).containsExactly(List.of(1L, "x", 1));

      Table c = lake.renameTable("a", "c");
      assertThat(lake.tableNames()).containsExactly("b", "c");
      assertThat(lake.tableExists("a")).isFalse();
      assertThat(LakeRows.all(c.snapshot())).containsExactly(List.of(1L, "x", 1));
      assertThat(c.history()).hasSize(2);
      // The renamed table takes new commits.
      assertThat(c.insert(List.<Object[]>of(row(3, "z", 3))).version()).isEqualTo(2);

      lake.dropTable("b");
      assertThat(lake.tableNames()).containsExactly("c");
      assertThatThrownBy(() -> lake.table("b")).isInstanceOf(NotFoundException.class);
      // The name is free again.
      assertThat(lake.createTable("b", def).snapshot().version()).isZero();
    }
  }

  static Object[] row(long id, String name, int qty) {
    return new Object[] {id, name, qty};
  }
}
