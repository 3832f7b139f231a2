package dev.lake.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local exclusive commit: one winner per name, complete files only, no temporary left. */
class LocalLogStoreTest {
  @TempDir Path dir;

  @Test
  void writesOnceAndRefusesASecondWriterOfTheSameVersion() throws IOException {
    LocalLogStore store = new LocalLogStore();
    Path log = dir.resolve("_delta_log");
    String v0 = log.resolve("00000000000000000000.json").toString();
    store.writeExclusive(v0, "first".getBytes());
    assertThatThrownBy(() -> store.writeExclusive(v0, "second".getBytes())).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(Path.of(v0))).isEqualTo("first");
    try (Stream<Path> files = Files.list(log)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("00000000000000000000.json");
    }
  }

  @Test
  void createsMissingDirectoriesAndSyncsBestEffort() throws IOException {
    Path nested = dir.resolve("lake/t/_delta_log");
    LocalDirectories.create(nested);
    assertThat(nested).isEmptyDirectory();
    LocalDirectories.create(nested); // existing: nothing to do
    assertThat(nested).isEmptyDirectory();
    // A directory that cannot be synced (here: gone) is logged, never thrown: a version already
    // linked into the log is committed whatever follows.
    LocalDirectories.sync(dir.resolve("missing"));
    assertThat(dir.resolve("missing")).doesNotExist();
  }
}
