package dev.lake.it.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.lake.engine.CommitResult;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lake in an Azure container (Azurite): tables created, changed by every kind of write, read
 * back at every version, listed, renamed and dropped; what lands in the container is plain Delta
 * that Delta Kernel's own reader reads.
 */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AzureLakeIT {

  private static final TableDefinition PEOPLE =
      TableDefinition.of(TypeParser.parseColumns("id BIGINT, name STRING, age INT")).withPrimaryKey("id");

  @Test
  void everyKindOfWriteIsOneCommitAndEveryVersionReadsBack(AzuriteEmulator azurite) {
    String location = azurite.newLocation();
    try (Lake lake = Lake.open(location, azurite.options())) {
      assertThat(lake.tableNames()).isEmpty();
      Table t = lake.createTable("people", PEOPLE);
      assertThat(t.path()).startsWith("abfs://").endsWith("/lake/people");

      CommitResult insert = t.insert(List.<Object[]>of(row(1, "Ada", 36), row(2, "Grace", 45), row(3, "Linus", 21)));
      assertThat(insert.version()).isEqualTo(1);
      CommitResult update = t.update(Predicate.eq("id", 2L), Map.of("age", 46));
      assertThat(update.version()).isEqualTo(2);
      assertThat(update.rowsUpdated()).isEqualTo(1);
      CommitResult delete = t.delete(Predicate.eq("name", "Linus"));
      assertThat(delete.version()).isEqualTo(3);
      assertThat(delete.rowsDeleted()).isEqualTo(1);
      CommitResult merge = t.merge(MergeBatch.onPrimaryKey().upsert(1L, "Ada Lovelace", 36).upsert(4L, "Edsger", 72).delete(2L, null, null));
      assertThat(merge.version()).isEqualTo(4);

      assertThat(LakeRows.all(t.snapshot())).containsExactly(rowList(1, "Ada Lovelace", 36), rowList(4, "Edsger", 72));
      assertThat(LakeRows.all(t.snapshotAt(1)))
          .containsExactly(rowList(1, "Ada", 36), rowList(2, "Grace", 45), rowList(3, "Linus", 21));
      assertThat(LakeRows.all(t.snapshotAt(2)))
          .containsExactly(rowList(1, "Ada", 36), rowList(2, "Grace", 46), rowList(3, "Linus", 21));
      assertThat(LakeRows.all(t.snapshotAt(3))).containsExactly(rowList(1, "Ada", 36), rowList(2, "Grace", 46));
      assertThat(t.history()).extracting(HistoryEntry::operation)
          .containsExactly("CREATE TABLE", "WRITE", "UPDATE", "DELETE", "MERGE");

      // Delta's own reader, on the same container settings, sees the same table.
      KernelRows kernel = new KernelRows(lake.storage().hadoopConf());
      assertThat(kernel.all(t.path())).isEqualTo(LakeRows.all(t.snapshot()));
      assertThat(kernel.all(t.path(), 1)).isEqualTo(LakeRows.all(t.snapshotAt(1)));
    }
    // A second lake on the same location (another process would do the same) sees it all.
    try (Lake lake = Lake.open(location, azurite.options())) {
      assertThat(lake.tableNames()).containsExactly("people");
      assertThat(lake.table("people").snapshot().version()).isEqualTo(4);
    }
  }

  @Test
  void tablesAreListedRenamedAndDropped(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    try (Lake lake = Lake.open(location, azurite.options())) {
      lake.createTable("a", PEOPLE).insert(List.<Object[]>of(row(1, "Ada", 36)));
      lake.createTable("b", PEOPLE).insert(List.<Object[]>of(row(2, "Grace", 45)));
      lake.table("b").update(Predicate.alwaysTrue(), Map.of("age", 46));
      assertThat(lake.tableNames()).containsExactly("a", "b");

      assertThatThrownBy(() -> lake.renameTable("a", "b")).isInstanceOf(AlreadyExistsException.class);
      assertThat(LakeRows.all(lake.table("b").snapshot())).containsExactly(rowList(2, "Grace", 46));

      Table c = lake.renameTable("b", "c");
      assertThat(lake.tableNames()).containsExactly("a", "c");
      assertThat(LakeRows.all(c.snapshot())).containsExactly(rowList(2, "Grace", 46));
      // The whole history came along: time travel on the new name.
      assertThat(c.snapshot().version()).isEqualTo(2);
      assertThat(LakeRows.all(c.snapshotAt(1))).containsExactly(rowList(2, "Grace", 45));
      assertThat(blobs(container, "lake/b/")).isEmpty();

      lake.dropTable("a");
      assertThat(lake.tableNames()).containsExactly("c");
      assertThat(blobs(container, "lake/a")).isEmpty();
      // The name is free again.
      lake.createTable("a", PEOPLE);
      assertThat(lake.table("a").snapshot().version()).isZero();
    }
  }

  /** Past Delta's checkpoint interval (10), checkpoints are written and used by new readers. */
  @Test
  void manyCommitsWriteACheckpoint(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    try (Lake lake = Lake.open(location, azurite.options())) {
      Table t = lake.createTable("t", PEOPLE);
      for (int i = 1; i <= 12; i++) {
        assertThat(t.insert(List.<Object[]>of(row(i, "n" + i, i))).version()).isEqualTo(i);
      }
    }
    List<BlobItem> log = blobItems(container, "lake/t/_delta_log/");
    assertThat(log).extracting(BlobItem::getName).contains("lake/t/_delta_log/00000000000000000010.checkpoint.parquet");
    // Commit files are whole: never empty, never left half-written.
    assertThat(log).filteredOn(b -> b.getName().endsWith(".json"))
        .hasSize(13)
        .allSatisfy(b -> assertThat(b.getProperties().getContentLength()).as(b.getName()).isPositive());
    try (Lake lake = Lake.open(location, azurite.options())) {
      assertThat(LakeRows.longs(lake.table("t").snapshot(), "id")).hasSize(12);
    }
  }

  /** Shared key, SAS token and connection string all reach the same data. */
  @Test
  void sasTokenAndConnectionStringWork(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = AzuriteEmulator.location(container.getBlobContainerName(), "lake");
    String sas =
        container.generateSas(
            new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusHours(2), BlobContainerSasPermission.parse("racwdl")));
    try (Lake lake = Lake.open(location, Map.of("endpoint", azurite.endpoint(), "sas_token", sas))) {
      lake.createTable("viasas", PEOPLE).insert(List.<Object[]>of(row(1, "Ada", 36)));
      lake.table("viasas").update(Predicate.eq("id", 1L), Map.of("age", 37));
      Table renamed = lake.renameTable("viasas", "renamed");
      assertThat(LakeRows.all(renamed.snapshot())).containsExactly(rowList(1, "Ada", 37));
    }
    try (Lake lake = Lake.open(location, Map.of("connection_string", azurite.connectionString()))) {
      assertThat(lake.tableNames()).containsExactly("renamed");
      lake.table("renamed").insert(List.<Object[]>of(row(2, "Grace", 45)));
    }
    try (Lake lake = Lake.open(location, azurite.options())) {
      assertThat(LakeRows.all(lake.table("renamed").snapshot()))
          .containsExactly(rowList(1, "Ada", 37), rowList(2, "Grace", 45));
    }
  }

  /** A lake at the container's root (no prefix). */
  @Test
  void lakeAtTheContainerRoot(AzuriteEmulator azurite) {
    BlobContainerClient container = azurite.newContainer();
    String location = "abfs://" + container.getBlobContainerName() + "@" + AzuriteEmulator.ACCOUNT + ".dfs.core.windows.net";
    try (Lake lake = Lake.open(location, azurite.options())) {
      lake.createTable("top", PEOPLE).insert(List.<Object[]>of(row(1, "Ada", 36)));
      assertThat(lake.tableNames()).containsExactly("top");
      assertThat(LakeRows.all(lake.table("top").snapshot())).containsExactly(rowList(1, "Ada", 36));
    }
    assertThat(blobs(container, "top/_delta_log/")).isNotEmpty();
  }

  static Object[] row(long id, String name, int age) {
    return new Object[] {id, name, age};
  }

  static List<Object> rowList(long id, String name, int age) {
    return dev.lake.it.support.Canonical.row(row(id, name, age));
  }

  static List<String> blobs(BlobContainerClient container, String prefix) {
    List<String> out = new ArrayList<>();
    blobItems(container, prefix).forEach(b -> out.add(b.getName()));
    return out;
  }

  static List<BlobItem> blobItems(BlobContainerClient container, String prefix) {
    List<BlobItem> out = new ArrayList<>();
    container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).forEach(out::add);
    return out;
  }
}
