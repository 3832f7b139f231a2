package dev.lake.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a file under its final name: exclusive (one winner per name) or replacing, never a
 * temporary file left behind — on a local disk (hard links) and on a file system without hard
 * links (a zip file system here), where the exclusive copy takes over.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void anExclusivePublishHasOneWinnerAndAReplacingOneReplaces() throws IOException {
    exclusiveThenReplacing(dir.resolve("a/b"));
  }

  @Test
  void withoutHardLinksTheExclusivePublishIsStillExclusive() throws IOException {
    Path zip = dir.resolve("no-links.zip");
    try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      assertThatThrownBy(() -> Files.createLink(fs.getPath("/x"), fs.getPath("/y")))
          .isInstanceOf(UnsupportedOperationException.class);
      exclusiveThenReplacing(fs.getPath("/a/b"));
    }
  }

  private static void exclusiveThenReplacing(Path parent) throws IOException {
    Path target = parent.resolve("00000000000000000000.json");
    AtomicFiles.publish(target, false, tmp -> Files.writeString(tmp, "first"));
    assertThatThrownBy(() -> AtomicFiles.publish(target, false, tmp -> Files.writeString(tmp, "second")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(target)).isEqualTo("first");
    assertThat(names(parent)).containsExactly("00000000000000000000.json");

    AtomicFiles.publish(target, true, tmp -> Files.writeString(tmp, "replaced"));
    assertThat(Files.readString(target)).isEqualTo("replaced");
    assertThat(names(parent)).containsExactly("00000000000000000000.json");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
