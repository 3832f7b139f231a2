package dev.lake.engine.kernel.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a Delta log never shows a gap that is not on disk. */
class LocalFileIOTest {
  @TempDir Path dir;

  private static String commit(long v) {
    return String.format("%020d.json", v);
  }

  @Test
  void aCommitFileTheListingMissedIsAddedBack() throws Exception {
    Path log = Files.createDirectories(dir.resolve("t/_delta_log"));
    for (long v = 0; v <= 3; v++) {
      Files.writeString(log.resolve(commit(v)), "{}");
    }
    // What a readdir racing with a commit can return: 2 was created during the listing and
    // missed, 3 after it and seen.
    List<Path> listed = new ArrayList<>(List.of(log.resolve(commit(0)), log.resolve(commit(1)), log.resolve(commit(3))));
    LocalFileIO.fillCommitGaps(log, listed);
    assertThat(listed).contains(log.resolve(commit(2))).hasSize(4);
  }

  @Test
  void aCommitMissedNextToItsChecksumOrCheckpointIsAddedBack() throws Exception {
    Path log = Files.createDirectories(dir.resolve("t/_delta_log"));
    for (long v = 0; v <= 2; v++) {
      Files.writeString(log.resolve(commit(v)), "{}");
    }
    Files.writeString(log.resolve(String.format("%020d.crc", 2)), "{}");
    // The listing saw 2's checksum (written after the commit) but not the commit itself.
    List<Path> listed = new ArrayList<>(List.of(log.resolve(commit(0)), log.resolve(commit(1)),
        log.resolve(String.format("%020d.crc", 2))));
    LocalFileIO.fillCommitGaps(log, listed);
    assertThat(listed).contains(log.resolve(commit(2))).hasSize(4);

    // Only a checkpoint listed (a listing from it): its commit is looked up too.
    Files.writeString(log.resolve(String.format("%020d.checkpoint.parquet", 2)), "x");
    List<Path> fromCheckpoint = new ArrayList<>(List.of(log.resolve(String.format("%020d.checkpoint.parquet", 2))));
    LocalFileIO.fillCommitGaps(log, fromCheckpoint);
    assertThat(fromCheckpoint).contains(log.resolve(commit(2))).hasSize(2);
  }

  @Test
  void aGapThatIsRealStaysAGap() throws Exception {
    Path log = Files.createDirectories(dir.resolve("t/_delta_log"));
    Files.writeString(log.resolve(commit(5)), "{}");
    Files.writeString(log.resolve(commit(7)), "{}");
    List<Path> listed = new ArrayList<>(List.of(log.resolve(commit(5)), log.resolve(commit(7))));
    LocalFileIO.fillCommitGaps(log, listed);
    assertThat(listed).hasSize(2);
  }

  /** A copy takes its name whole (synced first), refuses an existing name unless told, and leaves no temporary. */
  @Test
  void copyFileAtomicallyPublishesTheWholeCopyOnce() throws Exception {
    LocalFileIO io = new LocalFileIO(new org.apache.hadoop.conf.Configuration());
    Path src = Files.writeString(dir.resolve("src.json"), "{\"a\":1}\n");
    Path dest = dir.resolve("out/dest.json");
    io.copyFileAtomically(src.toString(), dest.toString(), false);
    assertThat(dest).hasBinaryContent("{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.writeString(src, "{\"a\":2}\n");
    assertThatThrownBy(() -> io.copyFileAtomically(src.toString(), dest.toString(), false))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(dest).hasBinaryContent("{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    io.copyFileAtomically(src.toString(), dest.toString(), true);
    assertThat(dest).hasBinaryContent("{\"a\":2}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (var files = Files.list(dest.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("dest.json");
    }
  }

  @Test
  void listFromReturnsTheLogInOrderFromTheGivenName() throws Exception {
    Path log = Files.createDirectories(dir.resolve("t/_delta_log"));
    for (long v = 0; v <= 4; v++) {
      Files.writeString(log.resolve(commit(v)), "{}");
    }
    List<String> names = new ArrayList<>();
    try (CloseableIterator<FileStatus> it = new LocalFileIO(new org.apache.hadoop.conf.Configuration()).listFrom(log.resolve(commit(2)).toString())) {
      while (it.hasNext()) {
        String p = it.next().getPath();
        names.add(p.substring(p.lastIndexOf('/') + 1));
      }
    }
    assertThat(names).containsExactly(commit(2), commit(3), commit(4));
  }
}
