package dev.lake.it.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.Lake;
import dev.lake.engine.scan.Scan;
import dev.lake.it.mount.support.MountProcess;
import dev.lake.it.mount.support.Shell;
import dev.lake.it.mount.support.Tables;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cat more.csv >> data.csv} with more rows than the mount's heap holds: the appended bytes
 * are staged on disk and streamed into the commit, so a mount at {@code -Xmx64m} takes a 56 MB
 * append as one commit — and refuses a bad last line of it with nothing committed and no data
 * file left behind.
 */
class MountAppendMemoryIT {
  static final int ROWS = 2_000_000;

  @TempDir Path tmp;

  @Test
  void anAppendLargerThanTheHeapIsOneCommitAndABadOneLeavesNothing() throws Exception {
    Path lakeDir = Files.createDirectories(tmp.resolve("lake"));
    Path mnt = Files.createDirectories(tmp.resolve("mnt"));
    Lake lake = Lake.open(lakeDir.toString());
    Tables.create(lake, "t", "id BIGINT, name STRING, city STRING",
        List.of(new Object[] {1L, "one", "Oslo"}, new Object[] {2L, "two", "Rome"}));
    Path rows = tmp.resolve("more.csv");
    try (BufferedWriter w = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ROWS; i++) {
        w.write((1_000_000 + i) + ",name-" + i + ",Berlin\n");
      }
    }
    assertThat(Files.size(rows)).as("more than the mount's heap").isGreaterThan(50L << 20);
    Path bad = tmp.resolve("bad.csv");
    Files.copy(rows, bad);
    Files.writeString(bad, "x,y\n", java.nio.file.StandardOpenOption.APPEND);

    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    try (MountProcess p = MountProcess.mount(lakeDir, mnt, tmp.resolve("mount.log"),
        List.of("-Djava.io.tmpdir=" + jvmTmp, "-Xmx64m"))) {
      Shell.ok(mnt, "cat " + rows + " >> t/data.csv");
      assertThat(Tables.version(lake, "t")).as("create + insert + one append").isEqualTo(2);
      assertThat(count(lake)).isEqualTo(ROWS + 2);

      List<String> files = parquetFiles(lakeDir.resolve("t"));
      Shell.Result r = Shell.run(mnt, "cat " + bad + " >> t/data.csv");
      // cat closes its output itself and reports the refusal (bash's echo would not)
      assertThat(r.exit()).as(r.describe()).isNotZero();
      assertThat(r.stderr()).contains("Invalid argument");
      assertThat(Tables.version(lake, "t")).as("nothing committed").isEqualTo(2);
      assertThat(Shell.ok(mnt, "cat t/errors.log").stdout()).contains("EINVAL").contains("appended line " + (ROWS + 1));
      assertThat(parquetFiles(lakeDir.resolve("t"))).as("the files written before the bad line are gone").isEqualTo(files);
      assertThat(p.process().isAlive()).as("the mount still serves\n%s", p.output()).isTrue();
      assertThat(Shell.ok(mnt, "head -n 2 t/data.csv").stdout()).isEqualTo("id,name,city\n1,one,Oslo\n");
    }
  }

  private static long count(Lake lake) {
    long n = 0;
    Scan scan = lake.table("t").snapshot().scan().select("id").build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        n += it.next().size();
      }
    }
    return n;
  }

  private static List<String> parquetFiles(Path table) throws IOException {
    try (var s = Files.list(table)) {
      return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
    }
  }
}
