package dev.lake.engine;

import static dev.lake.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableOperationsTest {
  @TempDir Path dir;
  Lake lake;
  Table people;

  @BeforeEach
  void setUp() {
    lake = Lake.open(dir.toString());
    people =
        lake.createTable(
            "people",
            TableDefinition.of(TypeParser.parseColumns("id BIGINT, name STRING, age INT")).withPrimaryKey("id"));
    people.insert(
        List.of(
            new Object[] {1L, "ada", 36},
            new Object[] {2L, "bob", 41},
            new Object[] {3L, "cy", null}));
  }

  @Test
  void insertThenScanReturnsTheRows() {
    assertThat(Rows.all(people.snapshot()))
        .containsExactly(row(1L, "ada", 36), row(2L, "bob", 41), row(3L, "cy", null));
    assertThat(people.snapshot().version()).isEqualTo(1);
    assertThat(people.snapshot().primaryKey()).containsExactly("id");
  }

  /** The data files in the table's directory. */
  private List<String> parquetFiles() throws java.io.IOException {
    try (var s = Files.list(dir.resolve("people"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
    }
  }

  @Test
  void insertFromASourceStreamsManyRowsIntoOneCommit() {
    int n = 200_000;
    java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    CommitResult r = people.insert(() -> {
      opened.incrementAndGet();
      return java.util.stream.LongStream.rangeClosed(4, n + 3).mapToObj(i -> new Object[] {i, "p" + i, (int) (i % 90)});
    });
    assertThat(opened).hasValue(1);
    assertThat(r.version()).isEqualTo(2);
    assertThat(people.history()).hasSize(3);
    assertThat(Rows.all(people.snapshot())).hasSize(n + 3).contains(row(200_003L, "p200003", 23));
  }

  @Test
  void insertFromASourceThatFailsLateCommitsNothingAndLeavesNoFiles() throws Exception {
    List<String> before = parquetFiles();
    // a key repeated at the end: found after 150,000 rows were written to data files
    assertThatThrownBy(() -> people.insert(() -> java.util.stream.LongStream.rangeClosed(4, 150_004)
            .mapToObj(i -> new Object[] {i == 150_004 ? 5L : i, "p", 1})))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("rows 2 and 150001");
    // a key the table has
    assertThatThrownBy(() -> people.insert(() -> java.util.stream.LongStream.rangeClosed(0, 100_000)
            .mapToObj(i -> new Object[] {i == 100_000 ? 2L : 10 + i, "p", 1})))
        .isInstanceOf(ConstraintViolationException.class);
    // the source itself fails (a malformed line of a file, say)
    assertThatThrownBy(() -> people.insert(() -> java.util.stream.LongStream.rangeClosed(4, 100_000)
            .mapToObj(i -> {
              if (i == 99_999) {
                throw new dev.lake.engine.error.InvalidInputException("line 99999: bad");
              }
              return new Object[] {i, "p", 1};
            })))
        .hasMessageContaining("line 99999: bad");
    assertThat(people.snapshot().version()).isEqualTo(1);
    assertThat(Rows.all(people.snapshot())).hasSize(3);
    assertThat(parquetFiles()).as("the data files written before each failure were deleted").isEqualTo(before);
  }

  @Test
  void scanProjectsAndFilters() {
    Scan scan = people.snapshot().scan().select("name").where(Predicate.gt("age", 40)).build();
    List<Object> names = new ArrayList<>();
    try (Scan.BatchIterator it = scan.batches()) {
      it.forEachRemaining(b -> {
        for (int r = 0; r < b.size(); r++) {
          names.add(b.get(0, r));
        }
      });
    }
    assertThat(names).containsExactly("bob");
    assertThat(scan.metrics().rowsReturned()).isEqualTo(1);
    assertThat(scan.metrics().filesTotal()).isEqualTo(1);
  }

  @Test
  void deleteUpdateMergeAreOneCommitEach() {
    CommitResult d = people.delete(Predicate.eq("name", "bob"));
    assertThat(d.rowsDeleted()).isEqualTo(1);
    assertThat(d.version()).isEqualTo(2);
    CommitResult u = people.update(Predicate.isNull("age"), Map.of("age", 20));
    assertThat(u.rowsUpdated()).isEqualTo(1);
    assertThat(u.version()).isEqualTo(3);
    CommitResult m =
        people.merge(MergeBatch.onPrimaryKey().upsert(1L, "ada l.", 37).insert(4L, "dee", 5).delete(3L, null, null));
    assertThat(m.version()).isEqualTo(4);
    assertThat(m.rowsInserted()).isEqualTo(1);
    assertThat(m.rowsUpdated()).isEqualTo(1);
    assertThat(m.rowsDeleted()).isEqualTo(1);
    assertThat(Rows.all(people.snapshot())).containsExactly(row(1L, "ada l.", 37), row(4L, "dee", 5));
    assertThat(Rows.all(people.snapshotAt(1)))
        .containsExactly(row(1L, "ada", 36), row(2L, "bob", 41), row(3L, "cy", null));
    List<HistoryEntry> h = people.history();
    assertThat(h).extracting(HistoryEntry::operation)
        .containsExactly("CREATE TABLE", "WRITE", "DELETE", "UPDATE", "MERGE");
    assertThat(h.get(4).rowsInserted()).isEqualTo(1);
    assertThat(h.get(2).rowsDeleted()).isEqualTo(1);
  }

  @Test
  void duplicateKeyFailsAndCommitsNothing() {
    assertThatThrownBy(() -> people.insert(List.<Object[]>of(new Object[] {2L, "again", 1})))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("(id)=(2)");
    assertThatThrownBy(
            () -> people.merge(MergeBatch.onPrimaryKey().upsert(7L, "a", 1).upsert(7L, "b", 2)))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("merge rows 1 and 2");
    assertThatThrownBy(() -> people.insert(List.<Object[]>of(new Object[] {9L, "x", "old"})))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("row 1, column 'age'");
    assertThat(people.snapshot().version()).isEqualTo(1);
  }

  @Test
  void timeTravelByTimestamp() throws Exception {
    Instant afterFirst = people.snapshot().timestamp();
    Thread.sleep(20);
    people.delete(Predicate.alwaysTrue());
    assertThat(Rows.all(people.snapshot())).isEmpty();
    assertThat(Rows.all(people.snapshotAsOf(afterFirst))).hasSize(3);
    assertThatThrownBy(() -> people.snapshotAt(99)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readAheadReadsALocalDataFileWholeAndAFileThatIsGoneNotAtAll() throws Exception {
    people.insert(List.<Object[]>of(new Object[] {4L, "dee", 5}));
    Snapshot snap = people.snapshot();
    List<DataFile> files = snap.dataFiles();
    assertThat(files).hasSize(2);
    for (DataFile f : files) {
      assertThat(snap.readAhead(f)).isEqualTo(f.size()).isPositive();
    }
    // Reading ahead changes nothing the scan sees.
    assertThat(Rows.all(snap)).hasSize(4);

    Files.delete(Path.of(URI.create(files.get(0).id())));
    assertThat(snap.readAhead(files.get(0))).isZero();
    assertThat(snap.readAhead(files.get(1))).isEqualTo(files.get(1).size());
    // The scan, not the read-ahead, says what is wrong.
    assertThatThrownBy(() -> Rows.all(snap)).isInstanceOf(LakeException.class);
  }
}
