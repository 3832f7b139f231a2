package dev.lake.engine;

import static dev.lake.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.imports.CsvImport;
import dev.lake.engine.imports.Globs;
import dev.lake.engine.imports.ImportOptions;
import dev.lake.engine.imports.ImportProgress;
import dev.lake.engine.imports.ImportResult;
import dev.lake.engine.imports.ParquetImport;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.TypeParser;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTest {
  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.resolve("lake").toString());
  }

  private Path csv(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void csvImportInfersTypesAndLoadsEveryRowInOneCommit() throws Exception {
    Path f = csv("in.csv",
        "id,price,ratio,ok,day,at,local,name\n"
            + "1,12.50,1e3,true,2024-01-31,2024-01-31T10:00:00Z,2024-01-31T10:00:00,alpha\n"
            + "2,3.1,2.5e-1,FALSE,2024-02-01,2024-02-01T00:00:00.5+02:00,2024-02-01T00:00:00.25,\"b, c\"\n"
            + "3,,,,,,,\n");
    List<long[]> progress = new ArrayList<>();
    ImportResult r = CsvImport.run(lake, "t", f, ImportOptions.defaults(), (ph, d, t, n) -> progress.add(new long[] {d, t}));
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.schema().field("id").type()).isEqualTo(LakeType.INT64);
    // 18 digits, not the 4 the values need: larger prices can be added later.
    assertThat(r.schema().field("price").type()).isEqualTo(LakeType.decimal(18, 2));
    assertThat(r.schema().field("ratio").type()).isEqualTo(LakeType.FLOAT64);
    assertThat(r.schema().field("ok").type()).isEqualTo(LakeType.BOOLEAN);
    assertThat(r.schema().field("day").type()).isEqualTo(LakeType.DATE);
    assertThat(r.schema().field("at").type()).isEqualTo(LakeType.TIMESTAMP);
    assertThat(r.schema().field("local").type()).isEqualTo(LakeType.TIMESTAMP_NTZ);
    assertThat(r.schema().field("name").type()).isEqualTo(LakeType.STRING);
    Table t = lake.table("t");
    assertThat(t.snapshot().version()).isZero();
    assertThat(t.history()).hasSize(1);
    List<List<Object>> rows = Rows.all(t.snapshot());
    assertThat(rows.get(0).subList(0, 2)).containsExactly(1L, new BigDecimal("12.50"));
    assertThat(rows.get(1).get(5)).isEqualTo(Instant.parse("2024-01-31T22:00:00.5Z"));
    assertThat(rows.get(2)).containsExactly(3L, null, null, null, null, null, null, null);
    t.insert(List.<Object[]>of(new Object[] {4L, new BigDecimal("1234567.89"), null, null, null, null, null, null}));
    assertThat(Rows.all(t.snapshot()).get(3).subList(0, 2)).containsExactly(4L, new BigDecimal("1234567.89"));
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(Files.size(f));
  }

  @Test
  void malformedCsvNamesTheLineAndCreatesNoTable() throws Exception {
    Path f = csv("bad.csv", "id,name\n1,a\n2,b\n3,c,extra\n4,d\n");
    assertThatThrownBy(() -> CsvImport.run(lake, "t", f, ImportOptions.defaults(), ImportProgress.NONE))
        .isInstanceOf(LakeException.class)
        .hasMessageContaining("line 4");
    assertThat(lake.tableNames()).isEmpty();
    assertThat(Files.exists(dir.resolve("lake/t/_delta_log"))).isFalse();
  }

  @Test
  void typeMismatchAgainstAGivenSchemaNamesLineAndColumn() throws Exception {
    Path f = csv("bad.csv", "id,price\n1,2.50\n2,abc\n");
    ImportOptions opts = new ImportOptions(List.of(), List.of(), Optional.of(TypeParser.parseColumns("id BIGINT, price DECIMAL(10,2)")));
    assertThatThrownBy(() -> CsvImport.run(lake, "t", f, opts, ImportProgress.NONE))
        .isInstanceOf(LakeException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("price");
    assertThat(lake.tableNames()).isEmpty();
  }

  @Test
  void unknownColumnInHeaderIsRejected() throws Exception {
    Path f = csv("bad.csv", "id,colour\n1,red\n");
    ImportOptions opts = new ImportOptions(List.of(), List.of(), Optional.of(TypeParser.parseColumns("id BIGINT, color STRING")));
    assertThatThrownBy(() -> CsvImport.run(lake, "t", f, opts, ImportProgress.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("colour");
    assertThat(lake.tableNames()).isEmpty();
  }

  @Test
  void duplicateKeysInAnImportFailAndCreateNoTable() throws Exception {
    Path f = csv("dup.csv", "id,name\n1,a\n2,b\n1,c\n");
    ImportOptions opts = new ImportOptions(List.of("id"), List.of(), Optional.empty());
    assertThatThrownBy(() -> CsvImport.run(lake, "t", f, opts, ImportProgress.NONE))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("(id)=(1)");
    assertThat(lake.tableNames()).isEmpty();
  }

  @Test
  void importIntoAnExistingTableIsRefused() throws Exception {
    Path f = csv("a.csv", "id\n1\n");
    CsvImport.run(lake, "t", f, ImportOptions.defaults(), ImportProgress.NONE);
    assertThatThrownBy(() -> CsvImport.run(lake, "t", f, ImportOptions.defaults(), ImportProgress.NONE))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(Rows.all(lake.table("t").snapshot())).containsExactly(row(1L));
  }

  @Test
  void parquetFilesImportWithTheirSchema() throws Exception {
    // lake's own data files are plain Parquet: import a table's files as a new table
    Table src = lake.createTable("src", TableDefinition.of(TypeParser.parseColumns(
        "id BIGINT, name STRING, d DATE, amount DECIMAL(12,3), u8 UTINYINT, tags ARRAY<STRING>")));
    src.insert(List.of(
        new Object[] {1L, "a", LocalDate.of(2020, 1, 1), new BigDecimal("1.500"), (short) 200, List.of("x")},
        new Object[] {2L, null, null, null, null, null}));
    src.insert(List.<Object[]>of(new Object[] {3L, "c", LocalDate.of(2021, 5, 6), new BigDecimal("-2.000"), (short) 0, List.of()}));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("lake/src"))) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
    }
    assertThat(files).hasSize(2);
    ImportResult r = ParquetImport.run(lake, "copy", Globs.expand(dir.resolve("lake/src").toString() + "/*.parquet"),
        ImportOptions.defaults(), ImportProgress.NONE);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.schema().columnNames()).containsExactly("id", "name", "d", "amount", "u8", "tags");
    assertThat(r.schema().field("amount").type()).isEqualTo(LakeType.decimal(12, 3));
    // Kernel stores UTINYINT as a plain Parquet INT32 (short), so the copy's u8 is a wider int:
    // the values are the same, the Java classes may differ.
    assertThat(Rows.all(lake.table("copy").snapshot()).toString()).isEqualTo(Rows.all(src.snapshot()).toString());
  }

  @Test
  void parquetFilesWithDifferentSchemasAreRefused() throws Exception {
    lake.createTable("a", TableDefinition.of(TypeParser.parseColumns("id BIGINT"))).insert(List.<Object[]>of(new Object[] {1L}));
    lake.createTable("b", TableDefinition.of(TypeParser.parseColumns("id STRING"))).insert(List.<Object[]>of(new Object[] {"x"}));
    List<Path> files = new ArrayList<>();
    for (String t : List.of("a", "b")) {
      try (Stream<Path> s = Files.list(dir.resolve("lake/" + t))) {
        s.filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
      }
    }
    assertThatThrownBy(() -> ParquetImport.run(lake, "c", files, ImportOptions.defaults(), ImportProgress.NONE))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("differ");
    assertThat(lake.tableExists("c")).isFalse();
  }

  @Test
  void globWithoutMatchesIsAClearError() {
    assertThatThrownBy(() -> Globs.expand(dir.resolve("nothing-*.parquet").toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no files match");
  }
}
