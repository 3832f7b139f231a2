package dev.lake.engine.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSettingsTest {
  @Test
  void sizes() {
    assertThat(TableSettings.parseBytes("134217728", "x")).isEqualTo(134217728L);
    assertThat(TableSettings.parseBytes("128m", "x")).isEqualTo(128L << 20);
    assertThat(TableSettings.parseBytes("128MB", "x")).isEqualTo(128L << 20);
    assertThat(TableSettings.parseBytes("1GiB", "x")).isEqualTo(1L << 30);
    assertThat(TableSettings.parseBytes("64k", "x")).isEqualTo(64L << 10);
    assertThatThrownBy(() -> TableSettings.parseBytes("lots", "--target-file-size"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--target-file-size").hasMessageContaining("lots");
    assertThatThrownBy(() -> TableSettings.parseBytes("0", "x")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> TableSettings.parseBytes("99999999999t", "x")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void intervals() {
    assertThat(TableSettings.parseInterval("interval 7 days", "x")).isEqualTo(Duration.ofDays(7));
    assertThat(TableSettings.parseInterval("INTERVAL 168 HOURS", "x")).isEqualTo(Duration.ofHours(168));
    assertThat(TableSettings.parseInterval("interval 1 week 2 hours", "x")).isEqualTo(Duration.ofHours(170));
    assertThat(TableSettings.parseInterval("168h", "x")).isEqualTo(Duration.ofHours(168));
    assertThat(TableSettings.parseInterval("0h", "x")).isEqualTo(Duration.ZERO);
    assertThat(TableSettings.parseInterval("30m", "x")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TableSettings.parseInterval("interval 90 seconds", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> TableSettings.parseInterval("interval 7 fortnights", "--retain"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("fortnights");
    assertThatThrownBy(() -> TableSettings.parseInterval("soon", "--retain"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--retain");
  }

  @Test
  void defaultsAndTableProperties() {
    assertThat(TableSettings.targetFileSize(Map.of())).isEqualTo(OptimizeOptions.DEFAULT_TARGET_FILE_SIZE);
    assertThat(TableSettings.targetFileSize(Map.of("delta.targetFileSize", "32mb"))).isEqualTo(32L << 20);
    assertThat(TableSettings.deletedFileRetention(Map.of())).isEqualTo(Duration.ofHours(168));
    assertThat(TableSettings.deletedFileRetention(Map.of("delta.deletedFileRetentionDuration", "interval 1 days")))
        .isEqualTo(Duration.ofDays(1));
  }
}
