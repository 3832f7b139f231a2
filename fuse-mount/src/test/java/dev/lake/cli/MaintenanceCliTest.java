package dev.lake.cli;

import static dev.lake.cli.LakeCliTest.lake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.cli.LakeCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lake optimize}, {@code lake vacuum} and {@code lake checkpoint} on a real table. */
class MaintenanceCliTest {
  @TempDir Path dir;

  /** sales(id, region, amount) partitioned by region: version 0 creates, 1-5 insert one row per region. */
  private String partitionedTable() {
    try (dev.lake.engine.Lake l = dev.lake.engine.Lake.open(dir.resolve("lake").toString())) {
      dev.lake.engine.Table t = l.createTable("sales",
          dev.lake.engine.TableDefinition.of(
                  dev.lake.engine.types.TypeParser.parseColumns("id BIGINT, region STRING, amount DECIMAL(10,2)"))
              .withPartitionColumns("region"));
      for (long i = 1; i <= 5; i++) {
        t.insert(java.util.List.of(
            new Object[] {i, "eu", new java.math.BigDecimal(i + ".50")},
            new Object[] {i + 10, "us", new java.math.BigDecimal("0.25")}));
      }
    }
    return dir.resolve("lake/sales").toString();
  }

  @Test
  void optimizeVacuumCheckpoint() throws Exception {
    String table = partitionedTable();
    String before = sorted(lake("cat", table).out());

    Run eu = lake("optimize", dir.resolve("lake").toString(), "sales", "--partition", "region=eu");
    assertThat(eu.code()).as(eu.err()).isZero();
    assertThat(eu.out()).contains("optimized sales at version 6").contains("removed 5 files").contains("in 1 partition");

    Run all = lake("optimize", table, "--target-file-size", "64m");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).contains("version 7").contains("removed 5 files");
    Run again = lake("optimize", table);
    assertThat(again.out()).contains("nothing to optimize").contains("version 7 unchanged");
    assertThat(sorted(lake("cat", table).out())).isEqualTo(before);
    assertThat(lake("history", table).out()).contains(",OPTIMIZE,");

    Run zorder = lake("optimize", table, "--zorder-by", "amount,id");
    assertThat(zorder.code()).as(zorder.err()).isZero();
    assertThat(zorder.out()).contains("version 8");

    Run refused = lake("vacuum", table, "--retain", "0h");
    assertThat(refused.code()).isEqualTo(65);
    assertThat(refused.err()).contains("lake: ").contains("allowShortRetention");
    Run dry = lake("vacuum", table, "--retain", "0h", "--allow-short-retention", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.err()).contains("would delete 12 files");
    assertThat(dry.out().lines()).hasSize(12).allSatisfy(l -> assertThat(l).startsWith("region="));
    assertThat(parquetFiles(Path.of(table))).isEqualTo(14);
    Run real = lake("vacuum", table, "--retain", "0h", "--allow-short-retention");
    assertThat(real.err()).contains("deleted 12 files");
    assertThat(parquetFiles(Path.of(table))).isEqualTo(2);
    assertThat(sorted(lake("cat", table).out())).isEqualTo(before);
    Run old = lake("cat", table, "--version", "2");
    assertThat(old.code()).isEqualTo(74);
    assertThat(old.err()).contains("version 2").contains("VACUUM");

    Run cp = lake("checkpoint", table);
    assertThat(cp.code()).as(cp.err()).isZero();
    assertThat(cp.out()).contains("checkpoint of sales at version 8");
    assertThat(Path.of(table, "_delta_log", "00000000000000000008.checkpoint.parquet")).exists();
  }

  @Test
  void badArgumentsGetAClearErrorAndChangeNothing() throws Exception {
    String table = partitionedTable();
    Run dataColumn = lake("optimize", table, "--partition", "id=1");
    assertThat(dataColumn.code()).isEqualTo(65);
    assertThat(dataColumn.err()).contains("column id").contains("partition columns");
    Run badSize = lake("optimize", table, "--target-file-size", "huge");
    assertThat(badSize.code()).isEqualTo(65);
    assertThat(badSize.err()).contains("--target-file-size");
    Run badZ = lake("optimize", table, "--zorder-by", "region");
    assertThat(badZ.code()).isEqualTo(65);
    assertThat(badZ.err()).contains("partition column");
    Run badRetain = lake("vacuum", table, "--retain", "soon");
    assertThat(badRetain.code()).isEqualTo(65);
    assertThat(badRetain.err()).contains("--retain");
    Run missing = lake("checkpoint", dir.resolve("lake/nope").toString());
    assertThat(missing.code()).isEqualTo(66);
    assertThat(lake("history", table).out().lines()).hasSize(1 + 6);
  }

  private static String sorted(String csv) {
    return String.join("\n", csv.lines().sorted().toList());
  }

  private static long parquetFiles(Path table) throws Exception {
    try (Stream<Path> s = Files.walk(table)) {
      return s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
    }
  }
}
