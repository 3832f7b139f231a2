package dev.lake.engine.kernel.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.types.TypeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data file that is not Parquet any more fails the scan clearly, naming table and file. */
class CorruptDataFileTest {
  @TempDir Path dir;

  @Test
  void aScanOfACorruptDataFileFailsWithAStorageErrorNamingTheFile() throws IOException {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      Table t = lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT, s STRING")));
      t.insert(List.<Object[]>of(new Object[] {1L, "a"}, new Object[] {2L, "b"}));
      Path data;
      try (Stream<Path> files = Files.list(dir.resolve("lake/t"))) {
        data = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      }
      byte[] garbage = new byte[(int) Files.size(data)]; // same size: the log's size still matches
      java.util.Arrays.fill(garbage, (byte) 'x');
      Files.write(data, garbage);
      assertThatThrownBy(() -> {
            try (Scan.BatchIterator it = t.snapshot().scan().build().batches()) {
              while (it.hasNext()) {
                it.next();
              }
            }
          })
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("table t")
          .hasMessageContaining(data.getFileName().toString());
      // Nothing changed: the table still has its one version.
      assertThat(t.snapshot().version()).isEqualTo(1);
    }
  }
}
