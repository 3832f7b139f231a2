package dev.lake.engine.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lake.engine.Snapshot;
import dev.lake.engine.csv.CsvValueCodec;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.scan.RowBatch;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.scan.ScanMetrics;
import dev.lake.engine.types.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared readers for the maintenance tests: real tables, real logs. Their table of every type is
 * {@link dev.lake.engine.testing.AllTypes}.
 */
final class MaintenanceFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MaintenanceFixtures() {}

  /** Every row of a snapshot rendered with the CSV codec (exact for every type), sorted. */
  static List<String> contents(Snapshot s) {
    return contents(s, Predicate.alwaysTrue());
  }

  static List<String> contents(Snapshot s, Predicate where) {
    Schema schema = s.schema();
    List<String> out = new ArrayList<>();
    try (Scan.BatchIterator it = s.scan().where(where).build().batches()) {
      while (it.hasNext()) {
        RowBatch b = it.next();
        for (int r = 0; r < b.size(); r++) {
          Object[] row = b.row(r);
          StringBuilder sb = new StringBuilder();
          for (int c = 0; c < row.length; c++) {
            sb.append(c == 0 ? "" : "\u0001").append(row[c] == null ? "\\N" : CsvValueCodec.format(schema.field(c).type(), row[c]));
          }
          out.add(sb.toString());
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The metrics of a full scan with {@code where}. */
  static ScanMetrics scanMetrics(Snapshot s, Predicate where) {
    Scan scan = s.scan().where(where).build();
    try (Scan.BatchIterator it = scan.batches()) {
      while (it.hasNext()) {
        it.next();
      }
    }
    return scan.metrics();
  }

  /** The actions of one commit file, parsed. */
  static List<JsonNode> commitActions(Path table, long version) {
    Path file = table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    try (Stream<String> lines = Files.lines(file)) {
      List<JsonNode> out = new ArrayList<>();
      for (String line : (Iterable<String>) lines::iterator) {
        out.add(JSON.readTree(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Data files (.parquet) under a table directory, outside the log. */
  static long parquetFiles(Path table) {
    try (Stream<Path> s = Files.walk(table)) {
      return s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
