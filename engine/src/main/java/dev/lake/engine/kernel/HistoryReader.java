package dev.lake.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lake.engine.HistoryEntry;
import io.delta.kernel.engine.FileReadRequest;
import io.delta.kernel.internal.util.FileNames;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's history from its commit files ({@code _delta_log/N.json}): one entry per commit
 * whose file is still present (Delta may clean up commits older than its log retention once a
 * checkpoint covers them).
 */
public final class HistoryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryReader() {}

  /** The entries, oldest first. */
  public static List<HistoryEntry> read(KernelContext ctx, String tablePath) {
    String log = tablePath + "/_delta_log";
    List<FileStatus> commits = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        ctx.engine().getFileSystemClient().listFrom(FileNames.listingPrefix(new io.delta.kernel.internal.fs.Path(log), 0))) {
      while (it.hasNext()) {
        FileStatus f = it.next();
        if (FileNames.isCommitFile(f.getPath())) {
          commits.add(f);
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HistoryEntry> out = new ArrayList<>(commits.size());
    List<FileReadRequest> requests = new ArrayList<>();
    for (FileStatus f : commits) {
      requests.add(wholeFile(f));
    }
    try (CloseableIterator<ByteArrayInputStream> contents =
        ctx.engine().getFileSystemClient().readFiles(KernelIterators.of(requests))) {
      Iterator<FileStatus> files = commits.iterator();
      while (contents.hasNext()) {
        FileStatus f = files.next();
        out.add(parse(FileNames.deltaVersion(f.getPath()), f.getModificationTime(), contents.next()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static FileReadRequest wholeFile(FileStatus f) {
    return new FileReadRequest() {
      @Override
      public String getPath() {
        return f.getPath();
      }

      @Override
      public int getStartOffset() {
        return 0;
      }

      @Override
      public int getReadLength() {
        return Math.toIntExact(f.getSize());
      }
    };
  }

  private static HistoryEntry parse(long version, long fileTime, ByteArrayInputStream in) throws IOException {
    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    String operation = "UNKNOWN";
    String engineInfo = "";
    Map<String, String> params = new LinkedHashMap<>();
    Map<String, String> metrics = new LinkedHashMap<>();
    long timestamp = fileTime;
    int added = 0;
    int removed = 0;
    long rowsAdded = 0;
    long rowsRemoved = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode action = JSON.readTree(line);
      if (action.has("commitInfo")) {
        JsonNode ci = action.get("commitInfo");
        operation = ci.path("operation").asText(operation);
        engineInfo = ci.path("engineInfo").asText("");
        if (ci.hasNonNull("inCommitTimestamp")) {
          timestamp = ci.get("inCommitTimestamp").asLong();
        }
        ci.path("operationParameters").fields().forEachRemaining(e -> params.put(e.getKey(), text(e.getValue())));
        ci.path("operationMetrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), text(e.getValue())));
      } else if (action.has("add")) {
        added++;
        rowsAdded = addRows(rowsAdded, action.get("add"));
      } else if (action.has("remove")) {
        removed++;
        rowsRemoved = addRows(rowsRemoved, action.get("remove"));
      }
    }
    return new HistoryEntry(
        version, Instant.ofEpochMilli(timestamp), operation, params, metrics, engineInfo, added, removed, rowsAdded, rowsRemoved);
  }

  private static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : n.toString();
  }

  /** Adds the file's numRecords to the running total; -1 once any file lacks stats. */
  private static long addRows(long total, JsonNode file) throws IOException {
    if (total < 0) {
      return total;
    }
    JsonNode stats = file.get("stats");
    if (stats == null || !stats.isTextual()) {
      return -1;
    }
    JsonNode n = JSON.readTree(stats.asText()).get("numRecords");
    return n == null ? -1 : total + n.asLong();
  }
}
