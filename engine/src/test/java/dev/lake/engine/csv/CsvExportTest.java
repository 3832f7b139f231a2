package dev.lake.engine.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.Schema;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lake cat}'s rendering: the scan's batches straight through the one CSV encoder. */
class CsvExportTest {
  @TempDir java.nio.file.Path dir;

  /** Records whether it was closed, to check that export leaves the caller's stream open. */
  private static final class Output extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void writesTheHeaderAndEveryRowInFileOrderAndLeavesTheStreamOpen() {
    Schema s = AllTypes.SCHEMA;
    // A large insert (batches formatted column by column) and a small one (row by row).
    List<Object[]> first = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Object[] row = AllTypes.edgeRows().get(i % 4).clone();
      row[0] = 1_000L + i;
      first.add(row);
    }
    List<Object[]> second = AllTypes.edgeRows();
    StringBuilder expected = new StringBuilder(CsvRowWriterTest.header(s));
    first.forEach(r -> expected.append(CsvRowWriterTest.line(s, r)));
    second.forEach(r -> expected.append(CsvRowWriterTest.line(s, r)));
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t = lake.createTable("all", TableDefinition.of(s).withPrimaryKey("id"));
      t.insert(first);
      t.insert(second);
      Output out = new Output();
      long rows = CsvExport.write(t.snapshot(), out);
      assertThat(rows).isEqualTo(304);
      assertThat(out.closed).isFalse();
      assertThat(out.toByteArray()).isEqualTo(expected.toString().getBytes(UTF_8));

      // An empty table: the header alone.
      Table empty = lake.createTable("empty", TableDefinition.of(s));
      Output emptyOut = new Output();
      assertThat(CsvExport.write(empty.snapshot(), emptyOut)).isZero();
      assertThat(emptyOut.toString(UTF_8)).isEqualTo(CsvRowWriterTest.header(s));
    }
  }
}
