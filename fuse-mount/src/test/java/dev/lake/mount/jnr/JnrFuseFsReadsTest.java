package dev.lake.mount.jnr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.Lake;
import dev.lake.mount.fs.FsError;
import dev.lake.mount.fs.LakeFs;
import dev.lake.mount.fs.MountWarmup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding's read callback, called as libfuse calls it, which is how the mount's warm-up
 * reads: counts as the file has them, the end of the file, errors as exceptions.
 */
class JnrFuseFsReadsTest {
  // open(2)'s flags on Linux, as libfuse passes them
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_TRUNC = 01000;

  @TempDir Path dir;

  @Test
  void readsCountTheFilesBytesAndStopAtItsEnd() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      try {
        fs.mkdir("/t");
        byte[] csv = "id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8);
        long w = fs.create("/t/data.csv", O_WRONLY | O_TRUNC);
        fs.write(w, 0, csv, csv.length);
        fs.flush(w);
        fs.release(w);

        MountWarmup.BindingRead reads = JnrFuseFs.reads(fs);
        long h = fs.open("/t/data.csv", O_RDONLY);
        assertThat(reads.read("/t/data.csv", h, 0, 4096)).isEqualTo(csv.length);
        assertThat(reads.read("/t/data.csv", h, 8, 4096)).isEqualTo(csv.length - 8);
        assertThat(reads.read("/t/data.csv", h, csv.length, 4096)).isZero();
        fs.release(h);
        assertThatThrownBy(() -> reads.read("/t/data.csv", 12345, 0, 4096))
            .isInstanceOf(FsError.class)
            .hasMessageContaining("errno");
      } finally {
        fs.close();
      }
    }
  }
}
