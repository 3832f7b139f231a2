package dev.lake.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which listed paths VACUUM considers, and how log paths map onto the listing. */
class VacuumPathsTest {
  @Test
  void hiddenPathsFollowDelta() {
    List<String> parts = List.of("_p", "k");
    assertThat(VacuumRunner.isHidden("_delta_log/00000000000000000000.json", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("_delta_log/_sidecars/x.parquet", parts)).isTrue();
    assertThat(VacuumRunner.isHidden(".hidden/part-0.parquet", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("k=1/.part-0.parquet.crc", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("_tmp_write/part-0.parquet", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("_change_data/cdc-0.parquet", parts)).isFalse();
    assertThat(VacuumRunner.isHidden("k=1/_change_data/cdc-0.parquet", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("_p=1/part-0.parquet", parts)).isFalse();
    assertThat(VacuumRunner.isHidden("_q=1/part-0.parquet", parts)).isTrue();
    assertThat(VacuumRunner.isHidden("k=1/part-0.parquet", parts)).isFalse();
    assertThat(VacuumRunner.isHidden("deletion_vector_0b1c.bin", parts)).isFalse();
  }

  @Test
  void logPathsAreDecodedAndMadeRelative() {
    TablePaths paths = new TablePaths("file:/data/lake/t");
    assertThat(paths.fromLog("k=a%20b/part-0.parquet")).isEqualTo("k=a b/part-0.parquet");
    assertThat(paths.fromLog("file:/data/lake/t/part-1.parquet")).isEqualTo("part-1.parquet");
    assertThat(paths.fromLog("file:/elsewhere/part-1.parquet")).isNull();
    assertThat(paths.fromAbsolute("file:/data/lake/t/k=a b/part-0.parquet")).isEqualTo("k=a b/part-0.parquet");
    TablePaths s3 = new TablePaths("s3a://bucket/lake/t");
    assertThat(s3.fromLog("s3a://bucket/lake/t/x/part-2.parquet")).isEqualTo("x/part-2.parquet");
    assertThat(s3.fromAbsolute("s3a://bucket/lake/t/part-3.parquet")).isEqualTo("part-3.parquet");
  }
}
