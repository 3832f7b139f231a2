package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only directories of mounts whose process has ended are deleted. */
class StaleStagingTest {
  @TempDir Path tmp;

  private Path dir(String name, String owner) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(d.resolve("renders-seg-1.csv"), "1,a\n");
    if (owner != null) {
      Files.writeString(d.resolve(StaleStaging.OWNER_FILE), owner);
    }
    return d;
  }

  @Test
  void deletesOnlyWhatAnEndedProcessLeft() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    long deadPid = ended.pid();
    Path deadMount = dir("lake-mount-111", Long.toString(deadPid));
    Path deadWarmup = dir("lake-warmup-222", Long.toString(deadPid));
    Path live = dir("lake-mount-333", Long.toString(ProcessHandle.current().pid()));
    Path unknownOwner = dir("lake-mount-444", null);
    Path garbledOwner = dir("lake-mount-555", "not a pid");
    Path notOurs = dir("other-666", Long.toString(deadPid));
    Path aFile = Files.writeString(tmp.resolve("lake-mount-777"), "a file, not a directory");

    assertThat(StaleStaging.clean(tmp)).containsExactlyInAnyOrder(deadMount, deadWarmup);

    assertThat(deadMount).doesNotExist();
    assertThat(deadWarmup).doesNotExist();
    assertThat(live.resolve("renders-seg-1.csv")).exists();
    assertThat(unknownOwner).exists();
    assertThat(garbledOwner).exists();
    assertThat(notOurs).exists();
    assertThat(aFile).exists();
  }

  @Test
  void createdDirectoriesNameThisProcess() throws Exception {
    Path d = StaleStaging.create("lake-mount-");
    try {
      assertThat(Files.readString(d.resolve(StaleStaging.OWNER_FILE))).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    } finally {
      StaleStaging.deleteTree(d);
    }
    assertThat(d).doesNotExist();
  }
}
