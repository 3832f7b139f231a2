package dev.lake.engine.maintenance;

import static dev.lake.engine.maintenance.MaintenanceFixtures.commitActions;
import static dev.lake.engine.maintenance.MaintenanceFixtures.contents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.TypeParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE (bin-packing) on real tables: contents, files, versions, the log, history, races. */
class OptimizeTest {
  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.toString());
  }

  @AfterEach
  void close() {
    lake.close();
  }

  /** A table of every type, written by {@code commits} inserts of 20 rows (one file each). */
  private Table allTypes(String name, int commits) {
    Table t = lake.createTable(name, TableDefinition.of(AllTypes.SCHEMA));
    for (int i = 0; i < commits; i++) {
      t.insert(AllTypes.rows(i * 20, i * 20 + 20));
    }
    return t;
  }

  @Test
  void compactsSmallFilesIntoOneWithEveryValueUnchanged() {
    Table t = allTypes("all", 8);
    List<String> before = contents(t.snapshot());
    long version = t.latestVersion();
    assertThat(t.snapshot().dataFiles()).hasSize(8);

    OptimizeResult r = t.optimize(OptimizeOptions.defaults());

    assertThat(r.committed()).isTrue();
    assertThat(r.version()).isEqualTo(version + 1);
    assertThat(r.filesRemoved()).isEqualTo(8);
    assertThat(r.filesAdded()).isEqualTo(1);
    assertThat(r.partitionsOptimized()).isEqualTo(1);
    assertThat(r.bytesRemoved()).isPositive();
    assertThat(r.bytesAdded()).isPositive();
    assertThat(t.snapshot().dataFiles()).hasSize(1);
    assertThat(contents(t.snapshot())).hasSize(160).isEqualTo(before);
    // The old version still reads as it was (files are only removed from the log).
    assertThat(contents(t.snapshotAt(version))).isEqualTo(before);
  }

  @Test
  void commitIsOptimizeWithDataChangeFalseAndDeltaStyleHistory() {
    Table t = allTypes("all", 3);
    OptimizeResult r = t.optimize(OptimizeOptions.defaults());

    List<JsonNode> actions = commitActions(dir.resolve("all"), r.version());
    List<JsonNode> adds = actions.stream().filter(a -> a.has("add")).map(a -> a.get("add")).toList();
    List<JsonNode> removes = actions.stream().filter(a -> a.has("remove")).map(a -> a.get("remove")).toList();
    assertThat(adds).hasSize(1);
    assertThat(removes).hasSize(3);
    assertThat(adds).allSatisfy(a -> assertThat(a.get("dataChange").asBoolean()).isFalse());
    assertThat(removes).allSatisfy(a -> assertThat(a.get("dataChange").asBoolean()).isFalse());
    // The new file carries stats, so file skipping keeps working.
    assertThat(adds.get(0).get("stats").asText()).contains("\"numRecords\":60").contains("minValues");

    HistoryEntry h = t.history().get(t.history().size() - 1);
    assertThat(h.version()).isEqualTo(r.version());
    assertThat(h.operation()).isEqualTo("OPTIMIZE");
    assertThat(h.parameters()).containsEntry("predicate", "[]").containsEntry("zOrderBy", "[]");
    assertThat(h.metrics())
        .containsEntry("numRemovedFiles", "3")
        .containsEntry("numAddedFiles", "1")
        .containsEntry("numRemovedBytes", Long.toString(r.bytesRemoved()))
        .containsEntry("numAddedBytes", Long.toString(r.bytesAdded()))
        .doesNotContainKey("numDeletedRows");
    assertThat(h.filesAdded()).isEqualTo(1);
    assertThat(h.filesRemoved()).isEqualTo(3);
  }

  @Test
  void secondRunCommitsNothing() {
    Table t = allTypes("all", 4);
    OptimizeResult first = t.optimize(OptimizeOptions.defaults());
    assertThat(first.committed()).isTrue();

    OptimizeResult second = t.optimize(OptimizeOptions.defaults());

    assertThat(second.committed()).isFalse();
    assertThat(second.version()).isEqualTo(first.version());
    assertThat(second.filesRemoved()).isZero();
    assertThat(t.latestVersion()).isEqualTo(first.version());
  }

  @Test
  void singleFileTableAndEmptyTableCommitNothing() {
    Table one = allTypes("one", 1);
    assertThat(one.optimize(OptimizeOptions.defaults()).committed()).isFalse();
    Table empty = allTypes("empty", 0);
    OptimizeResult r = empty.optimize(OptimizeOptions.defaults());
    assertThat(r.committed()).isFalse();
    assertThat(r.version()).isZero();
  }

  @Test
  void binsRespectTheTargetAndLargeFilesAreLeftAlone() {
    Table t = allTypes("all", 6);
    long fileSize = t.snapshot().dataFiles().get(0).size();
    // A target of ~2.5 files: bins of two files each.
    OptimizeResult r =
        t.optimize(OptimizeOptions.defaults().targetFileSizeBytes(fileSize * 5 / 2).minFileSizeBytes(fileSize * 2));
    assertThat(r.filesRemoved()).isEqualTo(6);
    assertThat(r.filesAdded()).isEqualTo(3);
    assertThat(contents(t.snapshot())).hasSize(120);
    // Files below a tiny threshold: none, so nothing to do.
    assertThat(t.optimize(OptimizeOptions.defaults().minFileSizeBytes(10)).committed()).isFalse();
  }

  @Test
  void partitionedTableKeepsPartitionsAndWhereSelectsThem() {
    Table t = lake.createTable("p",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT, region STRING, amount DECIMAL(10,2)"))
            .withPartitionColumns("region"));
    for (int i = 0; i < 4; i++) {
      List<Object[]> rows = new ArrayList<>();
      for (String region : List.of("eu", "us", "ap west")) {
        rows.add(new Object[] {(long) i, region, new java.math.BigDecimal(i + ".50")});
      }
      t.insert(rows);
    }
    List<String> before = contents(t.snapshot());
    assertThat(t.snapshot().dataFiles()).hasSize(12);

    OptimizeResult eu = t.optimize(OptimizeOptions.defaults().where(Predicate.eq("region", "eu")));

    assertThat(eu.filesRemoved()).isEqualTo(4);
    assertThat(eu.filesAdded()).isEqualTo(1);
    assertThat(eu.partitionsOptimized()).isEqualTo(1);
    assertThat(t.snapshot().dataFiles()).hasSize(9);
    assertThat(t.history().get(t.history().size() - 1).parameters()).containsEntry("predicate", "[\"region = 'eu'\"]");

    OptimizeResult rest = t.optimize(OptimizeOptions.defaults());
    assertThat(rest.partitionsOptimized()).isEqualTo(2);
    assertThat(t.snapshot().dataFiles()).hasSize(3);
    assertThat(contents(t.snapshot())).isEqualTo(before);
    assertThat(t.snapshot().dataFiles()).allSatisfy(f -> assertThat(f.id()).containsPattern("/region=[^/]+/"));
    try (var dirs = Files.list(dir.resolve("p"))) {
      assertThat(dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("region=")).sorted())
          .hasSize(3).contains("region=eu", "region=us");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(contents(t.snapshot(), Predicate.eq("region", "ap west"))).hasSize(4);
  }

  @Test
  void whereOnADataColumnIsRefusedLikeDelta() {
    Table t = lake.createTable("p",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT, region STRING")).withPartitionColumns("region"));
    t.insert(List.<Object[]>of(new Object[] {1L, "eu"}));
    t.insert(List.<Object[]>of(new Object[] {2L, "eu"}));
    long version = t.latestVersion();

    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().where(Predicate.eq("id", 1L))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column id")
        .hasMessageContaining("partition columns");
    assertThatThrownBy(() -> t.optimize(OptimizeOptions.defaults().where(Predicate.eq("nope", 1L))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope");
    assertThat(t.latestVersion()).isEqualTo(version);
    assertThat(MaintenanceFixtures.parquetFiles(dir.resolve("p"))).isEqualTo(2);
  }

  @Test
  void badOptionsAreRefusedUpFront() {
    assertThatThrownBy(() -> OptimizeOptions.defaults().targetFileSizeBytes(0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("targetFileSize");
    assertThatThrownBy(() -> OptimizeOptions.defaults().minFileSizeBytes(-1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("minFileSize");
    assertThatThrownBy(() -> OptimizeOptions.defaults().zOrderBy(List.of("a", "A")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
  }

  @Test
  void appendOnlyTablesCanBeOptimizedButRowTrackingIsRefused() {
    Table log = lake.createTable("log",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT")).withProperties(Map.of("delta.appendOnly", "true")));
    log.insert(List.<Object[]>of(new Object[] {1L}));
    log.insert(List.<Object[]>of(new Object[] {2L}));
    // Delta allows OPTIMIZE on append-only tables: its removes are dataChange = false.
    assertThat(log.optimize(OptimizeOptions.defaults()).filesRemoved()).isEqualTo(2);
    assertThat(contents(log.snapshot())).containsExactly("1", "2");

    Table tracked = lake.createTable("tracked",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT")).withProperties(Map.of("delta.enableRowTracking", "true")));
    tracked.insert(List.<Object[]>of(new Object[] {1L}));
    tracked.insert(List.<Object[]>of(new Object[] {2L}));
    long version = tracked.latestVersion();
    assertThatThrownBy(() -> tracked.optimize(OptimizeOptions.defaults()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("rowTracking")
        .hasMessageContaining("OPTIMIZE");
    assertThat(tracked.latestVersion()).isEqualTo(version);
    assertThat(MaintenanceFixtures.parquetFiles(dir.resolve("tracked"))).isEqualTo(2);
  }

  @Test
  void raceWithAnAppendKeepsTheAppendedRowsAndCommits() {
    Table t = allTypes("all", 3);
    List<String> before = contents(t.snapshot());
    try (Lake other = Lake.open(dir.toString())) {
      Table racing = other.table("all");
      OptimizeOptions opts =
          OptimizeOptions.defaults().afterFirstPlan(() -> racing.insert(AllTypes.rows(1000, 1005)));

      OptimizeResult r = t.optimize(opts);

      assertThat(r.committed()).isTrue();
      // version 3 was the last insert, 4 the racing append, 5 the OPTIMIZE.
      assertThat(r.version()).isEqualTo(5);
      List<String> expected = new ArrayList<>(before);
      expected.addAll(contents(t.snapshotAt(4)).stream().filter(row -> !before.contains(row)).toList());
      expected.sort(null);
      assertThat(contents(t.snapshot())).hasSize(65).isEqualTo(expected);
      assertThat(t.history().get(4).operation()).isEqualTo("WRITE");
      assertThat(t.history().get(5).operation()).isEqualTo("OPTIMIZE");
      // The re-plan saw the appended file too: one file is left.
      assertThat(t.snapshot().dataFiles()).hasSize(1);
      // The first attempt's files were deleted: only the live file and the replaced ones remain.
      assertThat(MaintenanceFixtures.parquetFiles(dir.resolve("all"))).isEqualTo(4 + 1);
    }
  }

  @Test
  void raceWithADeleteNeverResurrectsDeletedRows() {
    Table t = allTypes("all", 3);
    try (Lake other = Lake.open(dir.toString())) {
      Table racing = other.table("all");
      Predicate doomed = new Predicate.Comparison("id", Predicate.Op.LT, 25L);
      OptimizeOptions opts = OptimizeOptions.defaults().afterFirstPlan(() -> racing.delete(doomed));

      OptimizeResult r = t.optimize(opts);

      assertThat(r.committed()).isTrue();
      assertThat(r.version()).isEqualTo(5);
      assertThat(t.history().get(4).operation()).isEqualTo("DELETE");
      List<String> rows = contents(t.snapshot());
      assertThat(rows).hasSize(60 - 25);
      assertThat(contents(t.snapshot(), doomed)).isEmpty();
      assertThat(rows).isEqualTo(contents(t.snapshotAt(4)));
      assertThat(t.snapshot().dataFiles()).hasSize(1);
    }
  }
}
