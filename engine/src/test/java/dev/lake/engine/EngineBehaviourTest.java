package dev.lake.engine;

import static dev.lake.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.storage.LocalLogStore;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBehaviourTest {
  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.resolve("lake").toString());
  }

  private Table numbers(String name, int files, int perFile) {
    Table t = lake.createTable(name, TableDefinition.of(TypeParser.parseColumns("id BIGINT, grp STRING, v INT")));
    long id = 0;
    for (int f = 0; f < files; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < perFile; i++, id++) {
        rows.add(new Object[] {id, "g" + f, (int) (id % 7)});
      }
      t.insert(rows);
    }
    return t;
  }

  @Test
  void scansSkipFilesByStats() {
    Table t = numbers("n", 5, 100);
    Scan scan = t.snapshot().scan().select("id").where(Predicate.and(Predicate.ge("id", 120L), Predicate.lt("id", 180L))).build();
    long count = 0;
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        count += it.next().size();
      }
    }
    assertThat(count).isEqualTo(60);
    assertThat(scan.metrics().filesTotal()).isEqualTo(5);
    assertThat(scan.metrics().filesRead()).isEqualTo(1);
    assertThat(scan.metrics().filesSkipped()).isEqualTo(4);
    assertThat(scan.metrics().bytesRead()).isPositive();
  }

  @Test
  void rowLevelChangesRewriteOnlyTheFilesThatHoldAffectedRows() {
    Table t = numbers("n", 4, 50);
    CommitResult d = t.delete(Predicate.eq("id", 75L));
    assertThat(d.filesRemoved()).isEqualTo(1);
    assertThat(d.filesAdded()).isEqualTo(1);
    assertThat(d.rowsDeleted()).isEqualTo(1);
    CommitResult u = t.update(Predicate.in("grp", List.of("g3")), Map.of("v", 100));
    assertThat(u.filesRemoved()).isEqualTo(1);
    assertThat(u.rowsUpdated()).isEqualTo(50);
    assertThat(Rows.where(t.snapshot(), Predicate.eq("v", 100))).hasSize(50);
    assertThat(Rows.all(t.snapshot())).hasSize(199);
    CommitResult none = t.delete(Predicate.eq("id", 100_000L));
    assertThat(none.committed()).isFalse();
    assertThat(t.snapshot().version()).isEqualTo(6);
  }

  @Test
  void threeValuedLogicLikeAndIn() {
    Table t = lake.createTable("p", TableDefinition.of(TypeParser.parseColumns("k INT, s STRING")));
    t.insert(List.of(new Object[] {1, "apple"}, new Object[] {2, "apricot"}, new Object[] {3, null}, new Object[] {null, "banana"}));
    assertThat(Rows.where(t.snapshot(), Predicate.like("s", "ap%"))).containsExactly(row(1, "apple"), row(2, "apricot"));
    assertThat(Rows.where(t.snapshot(), Predicate.like("s", "_pple"))).containsExactly(row(1, "apple"));
    assertThat(Rows.where(t.snapshot(), Predicate.not(Predicate.eq("k", 1)))).containsExactly(row(2, "apricot"), row(3, null));
    assertThat(Rows.where(t.snapshot(), Predicate.in("k", Arrays.asList(1, null)))).containsExactly(row(1, "apple"));
    assertThat(Rows.where(t.snapshot(), Predicate.not(Predicate.in("k", Arrays.asList(1, null))))).isEmpty();
    assertThat(Rows.where(t.snapshot(), Predicate.isNull("s"))).containsExactly(row(3, null));
    assertThat(Rows.where(t.snapshot(), Predicate.or(Predicate.isNull("k"), Predicate.eq("k", 3))))
        .containsExactly(row(3, null), row(null, "banana"));
    assertThatThrownBy(() -> Rows.where(t.snapshot(), Predicate.eq("nope", 1)))
        .isInstanceOf(SchemaException.class).hasMessageContaining("unknown column 'nope'");
    assertThatThrownBy(() -> Rows.where(t.snapshot(), Predicate.eq("k", "one")))
        .isInstanceOf(SchemaException.class).hasMessageContaining("column 'k'");
  }

  @Test
  void partitionedTablesPruneByPartitionValue() {
    Table t = lake.createTable("parts",
        TableDefinition.of(TypeParser.parseColumns("id BIGINT, region STRING")).withPartitionColumns("region"));
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 90; i++) {
      rows.add(new Object[] {i, List.of("eu", "us", "apac").get((int) (i % 3))});
    }
    t.insert(rows);
    assertThat(t.snapshot().partitionColumns()).containsExactly("region");
    Scan scan = t.snapshot().scan().where(Predicate.eq("region", "us")).build();
    long n = 0;
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        n += it.next().size();
      }
    }
    assertThat(n).isEqualTo(30);
    assertThat(scan.metrics().filesSkipped()).isEqualTo(2);
    t.update(Predicate.eq("id", 0L), Map.of("region", "us"));
    assertThat(Rows.where(t.snapshot(), Predicate.eq("region", "us"))).hasSize(31);
    assertThat(Files.isDirectory(dir.resolve("lake/parts/region=us"))).isTrue();
  }

  @Test
  void bufferedWriterCommitsEveryNRowsAndOnClose() {
    Table t = lake.createTable("w", TableDefinition.of(TypeParser.parseColumns("id BIGINT")));
    try (TableWriter w = t.writer(1000)) {
      for (long i = 0; i < 2500; i++) {
        w.write(i);
      }
      assertThat(w.commits()).hasSize(2);
      assertThat(w.buffered()).isEqualTo(500);
    }
    assertThat(t.snapshot().version()).isEqualTo(3);
    assertThat(Rows.all(t.snapshot())).hasSize(2500);
  }

  @Test
  void checkpointsAreWrittenAtDeltasInterval() {
    Table t = numbers("c", 12, 3);
    assertThat(Files.exists(dir.resolve("lake/c/_delta_log/00000000000000000010.checkpoint.parquet"))).isTrue();
    assertThat(Files.exists(dir.resolve("lake/c/_delta_log/_last_checkpoint"))).isTrue();
    assertThat(Rows.all(t.snapshot())).hasSize(36);
  }

  @Test
  void primaryKeyUpdatesThatCollideAreRefused() {
    Table t = lake.createTable("k", TableDefinition.of(TypeParser.parseColumns("id INT, v STRING")).withPrimaryKey("id"));
    t.insert(List.of(new Object[] {1, "a"}, new Object[] {2, "b"}, new Object[] {3, "c"}));
    assertThatThrownBy(() -> t.update(Predicate.eq("id", 1), Map.of("id", 2)))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("(id)=(2)");
    // shifting every key by one is fine: each new key is vacated by the same update
    t.update(Predicate.alwaysTrue(), (row, s) -> new Object[] {(Integer) row[0] + 1, row[1]});
    assertThat(Rows.all(t.snapshot())).containsExactly(row(2, "a"), row(3, "b"), row(4, "c"));
    assertThatThrownBy(() -> t.insert(List.<Object[]>of(new Object[] {null, "x"})))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("NULL");
    assertThatThrownBy(() -> t.merge(MergeBatch.onPrimaryKey().update(99, "zz")))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> t.merge(MergeBatch.onPrimaryKey().insert(2, "dup")))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("already exists");
    assertThat(t.snapshot().version()).isEqualTo(2);
  }

  @Test
  void insertIfAbsentLeavesExistingKeysAlone() {
    Table t = lake.createTable("ia", TableDefinition.of(TypeParser.parseColumns("id INT, v STRING")).withPrimaryKey("id"));
    t.insert(List.of(new Object[] {1, "a"}, new Object[] {2, "b"}));
    CommitResult r = t.merge(MergeBatch.onPrimaryKey().insertIfAbsent(1, "changed?").insertIfAbsent(3, "c"));
    assertThat(r.rowsInserted()).isEqualTo(1);
    assertThat(r.filesRemoved()).as("no file rewritten for a present key").isZero();
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, "a"), row(2, "b"), row(3, "c"));
  }

  @Test
  void addedColumnsReadAsNullInOldRowsAndTakeNewValues() {
    Table t = lake.createTable("ac", TableDefinition.of(TypeParser.parseColumns("id INT")));
    t.insert(List.<Object[]>of(new Object[] {1}));
    CommitResult r = t.addColumns(List.of(dev.lake.engine.types.Field.of("note", dev.lake.engine.types.LakeType.STRING)));
    assertThat(r.version()).isEqualTo(2);
    assertThat(t.snapshot().schema().columnNames()).containsExactly("id", "note");
    t.insert(List.<Object[]>of(new Object[] {2, "x"}));
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, null), row(2, "x"));
    assertThat(Rows.all(t.snapshotAt(1))).containsExactly(row(1));
    assertThatThrownBy(() -> t.addColumns(List.of(dev.lake.engine.types.Field.of("NOTE", dev.lake.engine.types.LakeType.INT32))))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(t.history().get(2).operation()).isEqualTo("ADD COLUMNS");
    for (int i = 0; i < 12; i++) {
      t.insert(List.<Object[]>of(new Object[] {10 + i, "y"}));
    }
    // a checkpoint written after the change carries the new schema
    assertThat(Lake.open(dir.resolve("lake").toString()).table("ac").snapshot().schema().columnNames())
        .containsExactly("id", "note");
  }

  @Test
  void mergeWithoutAPrimaryKeyNeedsKeyColumns() {
    Table t = lake.createTable("m", TableDefinition.of(TypeParser.parseColumns("a INT, b STRING")));
    t.insert(List.<Object[]>of(new Object[] {1, "x"}));
    assertThatThrownBy(() -> t.merge(MergeBatch.onPrimaryKey().upsert(1, "y")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no primary key");
    t.merge(MergeBatch.on("a").upsert(1, "y").upsert(2, "z"));
    assertThat(Rows.all(t.snapshot())).containsExactly(row(1, "y"), row(2, "z"));
  }

  @Test
  void tablesAreListedCreatedRenamedAndDropped() {
    lake.createTable("one", TableDefinition.of(TypeParser.parseColumns("a INT")));
    lake.createTable("two", TableDefinition.of(TypeParser.parseColumns("a INT")));
    assertThat(lake.tableNames()).containsExactly("one", "two");
    assertThatThrownBy(() -> lake.createTable("one", TableDefinition.of(TypeParser.parseColumns("a INT"))))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> lake.createTable("../evil", TableDefinition.of(TypeParser.parseColumns("a INT"))))
        .isInstanceOf(InvalidInputException.class);
    lake.table("two").insert(List.<Object[]>of(new Object[] {5}));
    Table renamed = lake.renameTable("two", "three");
    assertThat(Rows.all(renamed.snapshot())).containsExactly(row(5));
    assertThat(lake.tableNames()).containsExactly("one", "three");
    lake.dropTable("one");
    assertThat(lake.tableNames()).containsExactly("three");
    assertThatThrownBy(() -> lake.table("one")).isInstanceOf(NotFoundException.class).hasMessageContaining("three");
    assertThatThrownBy(() -> lake.dropTable("one")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void localCommitsAreExclusive() throws Exception {
    LocalLogStore store = new LocalLogStore();
    Path target = dir.resolve("log/00000000000000000001.json");
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger wins = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int me = i;
      fs.add(pool.submit(() -> {
        start.await();
        try {
          store.writeExclusive("file:" + target, ("writer " + me + "\n").getBytes(StandardCharsets.UTF_8));
          wins.incrementAndGet();
        } catch (FileAlreadyExistsException e) {
          // lost the race, as all but one must
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertThat(wins.get()).isEqualTo(1);
    assertThat(Files.readString(target)).startsWith("writer ");
    try (var s = Files.list(target.getParent())) {
      assertThat(s.count()).as("no temp files left").isEqualTo(1);
    }
  }

  @Test
  void concurrentThreadsAppendingAllLand() throws Exception {
    Table t = lake.createTable("c", TableDefinition.of(TypeParser.parseColumns("id BIGINT")));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      long base = w * 1000L;
      fs.add(pool.submit(() -> {
        for (long i = 0; i < 15; i++) {
          t.insert(List.<Object[]>of(new Object[] {base + i}));
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertThat(Rows.all(t.snapshot())).hasSize(60);
    assertThat(t.snapshot().version()).isEqualTo(60);
  }
}
