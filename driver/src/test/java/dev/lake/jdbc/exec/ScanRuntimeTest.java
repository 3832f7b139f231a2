package dev.lake.jdbc.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.plan.AsOf;
import dev.lake.jdbc.plan.ScanSpec;
import dev.lake.jdbc.schema.LakeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One execution reads one version of each table; a re-read scan is read from storage once. */
class ScanRuntimeTest {
  @TempDir Path dir;
  Lake lake;
  Table table;
  LakeTable lakeTable;
  final ScanSpec all = new ScanSpec(List.of("id"), Predicate.alwaysTrue(), AsOf.LATEST);

  @BeforeEach
  void setUp() {
    lake = Lake.open(dir.toString());
    table = lake.createTable("t", TableDefinition.of(Schema.of(Field.of("id", LakeType.INT64))));
    table.insert(List.<Object[]>of(new Object[] {1L}, new Object[] {2L}));
    lakeTable = new LakeTable(lake, "t");
  }

  @Test
  void oneExecutionReadsOneVersionEvenWhenAnotherWriterCommits() {
    DataContext execution = new Execution();
    Enumerable<Object> scan = ScanRuntime.scan(execution, lakeTable, all, true);
    assertThat(ids(scan)).containsExactly(1L, 2L);

    table.insert(List.<Object[]>of(new Object[] {3L}));

    // The same scan enumerated again (a nested-loop join's inner side) and another scan of the
    // same table in the same execution (a self-join) still read the first version.
    assertThat(ids(scan)).containsExactly(1L, 2L);
    assertThat(ids(ScanRuntime.scan(execution, lakeTable, all, true))).containsExactly(1L, 2L);
    // The next execution sees the commit.
    assertThat(ids(ScanRuntime.scan(new Execution(), lakeTable, all, true))).containsExactlyInAnyOrder(1L, 2L, 3L);
  }

  @Test
  void aScanEnumeratedAgainAndAgainIsReadFromStorageOnlyTwice() throws Exception {
    Enumerable<Object> scan = ScanRuntime.scan(new Execution(), lakeTable, all, true);
    assertThat(ids(scan)).containsExactly(1L, 2L);
    assertThat(ids(scan)).containsExactly(1L, 2L);

    // The second pass was recorded: with the data files gone, later passes still answer.
    try (Stream<Path> files = Files.walk(dir.resolve("t"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        Files.delete(f);
      }
    }
    assertThat(ids(scan)).containsExactly(1L, 2L);
    assertThat(ids(scan)).containsExactly(1L, 2L);
  }

  @Test
  void aScanAbandonedHalfwayIsNotReplayedAsIfComplete() {
    Enumerable<Object> scan = ScanRuntime.scan(new Execution(), lakeTable, all, true);
    assertThat(ids(scan)).containsExactly(1L, 2L);
    try (Enumerator<Object> e = scan.enumerator()) {
      assertThat(e.moveNext()).isTrue();
    }
    assertThat(ids(scan)).containsExactly(1L, 2L);
  }

  private static List<Object> ids(Enumerable<Object> scan) {
    List<Object> out = new ArrayList<>();
    try (Enumerator<Object> e = scan.enumerator()) {
      while (e.moveNext()) {
        out.add(e.current());
      }
    }
    return out;
  }

  /** A bare execution context: lake's scan uses it only as the execution's identity. */
  private static final class Execution implements DataContext {
    @Override
    public SchemaPlus getRootSchema() {
      return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return null;
    }

    @Override
    public QueryProvider getQueryProvider() {
      return null;
    }

    @Override
    public Object get(String name) {
      return null;
    }
  }
}
