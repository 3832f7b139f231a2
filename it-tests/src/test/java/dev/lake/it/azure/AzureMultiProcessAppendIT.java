package dev.lake.it.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.storage.AzureOptions;
import dev.lake.engine.types.TypeParser;
import dev.lake.it.support.JavaProcess;
import dev.lake.it.support.LakeRows;
import dev.lake.it.support.ProcessGroup;
import dev.lake.it.support.storage.AzuriteEmulator;
import dev.lake.it.support.storage.AzuriteExtension;
import dev.lake.it.workers.AppendWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs append to one table in an Azure container at once (the existing
 * {@link AppendWorker}, given an abfs:// location; credentials reach it through
 * {@code AZURE_STORAGE_CONNECTION_STRING}, which also exercises the environment fallback).
 * Nothing is lost or duplicated and the log is a gap-free sequence of versions.
 *
 * <p>Kept apart from {@code MultiProcessAppendIT} so that suite can be parameterised over
 * storage backends independently; once it is, this one can go.
 */
@ExtendWith(AzuriteExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AzureMultiProcessAppendIT {
  private static final int PROCESSES = 4;
  private static final int ROWS_EACH = 10;

  @TempDir Path dir;

  @Test
  void blindAppendsFromSeveralProcesses(AzuriteEmulator azurite) throws Exception {
    String location = azurite.newLocation();
    try (Lake lake = Lake.open(location, azurite.options())) {
      lake.createTable("events", TableDefinition.of(TypeParser.parseColumns("id BIGINT, worker INT, payload STRING")));
    }
    Path gate = dir.resolve("gate");
    Map<String, String> env = Map.of(AzureOptions.ENV_CONNECTION_STRING, azurite.connectionString());
    List<Long> versions = new ArrayList<>();
    try (ProcessGroup group = new ProcessGroup()) {
      for (int w = 0; w < PROCESSES; w++) {
        group.start(
            "azure-writer-" + w, env, AppendWorker.class,
            location, "events", Integer.toString(w), Long.toString((long) w * ROWS_EACH), Integer.toString(ROWS_EACH),
            gate.toString());
      }
      group.releaseWhenReady(gate, JavaProcess.DEFAULT_TIMEOUT);
      group.awaitAllSuccess(JavaProcess.DEFAULT_TIMEOUT);
      for (JavaProcess p : group.processes()) {
        p.stdoutLines("OK ").forEach(l -> versions.add(Long.parseLong(l.split(" ")[2])));
      }
    }
    long total = (long) PROCESSES * ROWS_EACH;
    assertThat(versions).hasSize((int) total).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(versions)).containsExactlyElementsOf(range(1, total));

    try (Lake lake = Lake.open(location, azurite.options())) {
      Table t = lake.table("events");
      assertThat(t.snapshot().version()).isEqualTo(total);
      List<Long> ids = LakeRows.longs(t.snapshot(), "id");
      assertThat(new TreeSet<>(ids)).containsExactlyElementsOf(range(0, total - 1));
      assertThat(ids).hasSize((int) total);
      assertThat(t.history()).extracting(HistoryEntry::version).containsExactlyElementsOf(range(0, total));
    }
  }

  private static List<Long> range(long from, long toInclusive) {
    return LongStream.rangeClosed(from, toInclusive).boxed().toList();
  }
}
