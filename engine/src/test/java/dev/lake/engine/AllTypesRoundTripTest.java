package dev.lake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.imports.CsvImport;
import dev.lake.engine.imports.ImportOptions;
import dev.lake.engine.imports.ImportProgress;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.Values;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every lake type survives write -> read, and CSV -> table -> CSV byte for byte: the edge rows of {@link AllTypes}. */
class AllTypesRoundTripTest {
  private static final Schema SCHEMA = AllTypes.SCHEMA;

  @TempDir Path dir;
  Lake lake;

  @BeforeEach
  void open() {
    lake = Lake.open(dir.resolve("lake").toString());
  }

  @Test
  void everyTypeSurvivesWriteAndRead() {
    Table t = lake.createTable("all", TableDefinition.of(SCHEMA).withPrimaryKey("id"));
    t.insert(AllTypes.edgeRows());
    List<List<Object>> read = Rows.all(t.snapshot());
    assertThat(read).hasSize(4);
    List<Object[]> expected = AllTypes.edgeRows();
    for (int r = 0; r < 4; r++) {
      Object[] want = Values.coerce(dev.lake.engine.types.LakeType.struct(SCHEMA.fields()), expected.get(r)) instanceof List<?> l
          ? l.toArray() : null;
      List<Object> got = read.stream().filter(x -> x.get(0).equals(want[0])).findFirst().orElseThrow();
      for (int c = 0; c < SCHEMA.size(); c++) {
        assertThat(Values.equal(got.get(c), want[c]))
            .as("row %s column %s: got %s want %s", want[0], SCHEMA.field(c).name(), got.get(c), want[c])
            .isTrue();
      }
    }
    // the unsigned marker survives a reload, so the schema reads back as declared
    assertThat(t.snapshot().schema()).isEqualTo(SCHEMA);
  }

  @Test
  void csvToTableToCsvIsByteExact() throws Exception {
    Table t = lake.createTable("all", TableDefinition.of(SCHEMA).withPrimaryKey("id"));
    t.insert(AllTypes.edgeRows());
    byte[] first = export(t.snapshot());
    Path csv = dir.resolve("all.csv");
    Files.write(csv, first);
    CsvImport.run(lake, "copy", csv, new ImportOptions(List.of("id"), List.of(), Optional.of(SCHEMA)), ImportProgress.NONE);
    byte[] second = export(lake.table("copy").snapshot());
    assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
    assertThat(second).isEqualTo(first);
    // NULL is an empty unquoted field, the empty string is ""
    String text = new String(first, StandardCharsets.UTF_8);
    assertThat(text).contains("\n4,,,,,");
    assertThat(text).contains(",\"\",");
  }

  private static byte[] export(Snapshot s) {
    // rows come back in file order; sort lines after the header for a stable comparison
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.write(s, out);
    return out.toByteArray();
  }
}
