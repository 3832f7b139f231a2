package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.csv.CsvSizeTag;
import dev.lake.engine.types.TypeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When {@code stat} of data.csv renders, and what a read sees when it renders later: sizes from
 * the data files' CSV-size tags, files without one rendered first, a wrong tag refused with EIO
 * and never shown as wrong bytes.
 */
class LakeFsRenderingTest {
  private static final Pattern TAG = Pattern.compile("\"" + Pattern.quote(CsvSizeTag.KEY) + "\":\"([0-9a-f]+):(\\d+)\"");

  @TempDir Path dir;

  private Path lakeDir() {
    return dir.resolve("lake");
  }

  private Path renders() {
    return dir.resolve("staging").resolve("renders");
  }

  /** A table of three inserts (three data files, each tagged by lake), closed again. */
  private String expectedCsv() {
    try (Lake lake = Lake.open(lakeDir().toString())) {
      Table t = lake.createTable("t", TableDefinition.of(TypeParser.parseColumns("id BIGINT NOT NULL, name STRING, price DECIMAL(10,2)")).withPrimaryKey("id"));
      for (int batch = 0; batch < 3; batch++) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = batch * 1000L; id < batch * 1000L + 1000; id++) {
          rows.add(new Object[] {id, id % 10 == 0 ? null : "n\u00e4me, " + id, java.math.BigDecimal.valueOf(id, 2)});
        }
        t.insert(rows);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CsvExport.write(t.snapshot(), out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Rewrites the CSV-size tags of one commit file of table t. */
  private void editTags(int version, UnaryOperator<String> edit) throws IOException {
    Path commit = lakeDir().resolve("t/_delta_log").resolve(String.format("%020d.json", version));
    String json = Files.readString(commit);
    Matcher m = TAG.matcher(json);
    assertThat(m.find()).as("a tag in version %d", version).isTrue();
    Files.writeString(commit, edit.apply(json));
  }

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(renders())) {
      return files.filter(p -> p.getFileName().toString().startsWith("seg-")).count();
    }
  }

  private static String readAll(LakeFs fs, String path) {
    long h = fs.open(path, 0);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096); // many reads, several across segment borders
      long offset = 0;
      int n;
      while ((n = fs.read(h, offset, buf.clear())) > 0) {
        out.write(buf.array(), 0, n);
        offset += n;
      }
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      fs.release(h);
    }
  }

  @Test
  void statAnswersFromTheTagsAndTheFirstReadRendersEveryFile() throws IOException {
    String expected = expectedCsv();
    try (Lake lake = Lake.open(lakeDir().toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        assertThat(fs.getattr("/t/data.csv").size()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(fs.getattr("/t/versions/2.csv").size()).isPositive();
        assertThat(segmentFiles()).isZero(); // nothing rendered to answer stat
        assertThat(readAll(fs, "/t/data.csv")).isEqualTo(expected);
        assertThat(segmentFiles()).isEqualTo(3);
        assertThat(readAll(fs, "/t/data.csv")).isEqualTo(expected); // the same segments again
        assertThat(readAll(fs, "/t/errors.log")).isEmpty();
      } finally {
        fs.close();
      }
    }
  }

  @Test
  void aFileWithoutATagIsRenderedBeforeStatAnswers() throws IOException {
    String expected = expectedCsv();
    editTags(2, json -> json.replaceAll(",?\"tags\":\\{[^}]*\\}", "")); // as another engine writes it
    try (Lake lake = Lake.open(lakeDir().toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        assertThat(fs.getattr("/t/data.csv").size()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(segmentFiles()).isEqualTo(1);
        assertThat(readAll(fs, "/t/data.csv")).isEqualTo(expected);
      } finally {
        fs.close();
      }
    }
  }

  @Test
  void aWrongTagFailsTheReadWithEioAndTheNextStatIsExact() throws IOException {
    String expected = expectedCsv();
    editTags(3, json -> TAG.matcher(json).replaceFirst(m -> "\"" + CsvSizeTag.KEY + "\":\"" + m.group(1) + ":" + (Long.parseLong(m.group(2)) + 5) + "\""));
    int size = expected.getBytes(StandardCharsets.UTF_8).length;
    try (Lake lake = Lake.open(lakeDir().toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        assertThat(fs.getattr("/t/data.csv").size()).isEqualTo(size + 5);
        assertThatThrownBy(() -> readAll(fs, "/t/data.csv"))
            .isInstanceOfSatisfying(FsError.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO));
        assertThat(readAll(fs, "/t/errors.log"))
            .contains("read /t/data.csv EIO")
            .containsPattern("data file \\S+\\.parquet rendered to \\d+ bytes where its lake.csvBytes tag announced \\d+");
        // The version is assembled again from what was rendered: exact from now on.
        assertThat(fs.getattr("/t/data.csv").size()).isEqualTo(size);
        assertThat(readAll(fs, "/t/data.csv")).isEqualTo(expected);
      } finally {
        fs.close();
      }
    }
  }

  @Test
  void aDataFileThatCannotBeReadFailsTheReadAndSaysWhichInErrorsLog() throws IOException {
    expectedCsv();
    Path dataFile;
    try (Stream<Path> files = Files.list(lakeDir().resolve("t"))) {
      dataFile = files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    Files.delete(dataFile);
    try (Lake lake = Lake.open(lakeDir().toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        assertThat(fs.getattr("/t/data.csv").size()).isPositive();
        assertThatThrownBy(() -> readAll(fs, "/t/data.csv"))
            .isInstanceOfSatisfying(FsError.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO));
        assertThat(readAll(fs, "/t/errors.log"))
            .contains("read /t/data.csv EIO")
            .contains(dataFile.getFileName().toString());
      } finally {
        fs.close();
      }
    }
  }
}
