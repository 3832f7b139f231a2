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
import dev.lake.engine.types.TypeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared test data and readers for the maintenance tests: real tables, real logs. */
final class MaintenanceFixtures {
  static final Schema ALL_TYPES =
      TypeParser.parseColumns(
          "id BIGINT, i8 TINYINT, u64 UBIGINT, f32 FLOAT, f64 DOUBLE, s STRING, b BINARY, flag BOOLEAN,"
              + " d DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(38,10), money DECIMAL(10,2),"
              + " tags ARRAY<STRING>, scores MAP<STRING, BIGINT>,"
              + " point STRUCT<x: DOUBLE, label: STRING>, nested ARRAY<STRUCT<k: STRING, v: ARRAY<DECIMAL(5,1)>>>");

  private static final ObjectMapper JSON = new ObjectMapper();

  private MaintenanceFixtures() {}

  /** Rows {@code from..to-1} of the all-types table: every type, extremes and NULLs. */
  static List<Object[]> allTypesRows(int from, int to) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Map<String, Long> scores = new LinkedHashMap<>();
      scores.put("k" + i, (long) i * 1_000_000_007L);
      scores.put("", i % 2 == 0 ? null : Long.MIN_VALUE);
      boolean nulls = i % 7 == 3;
      rows.add(new Object[] {
        (long) i,
        nulls ? null : (byte) (i % 256 - 128),
        nulls ? null : new BigInteger("18446744073709551615").subtract(BigInteger.valueOf(i)),
        nulls ? null : (i % 5 == 0 ? Float.NaN : i / 3.0f),
        nulls ? null : (i % 11 == 0 ? Double.NEGATIVE_INFINITY : -i / 7.0),
        nulls ? null : (i % 4 == 0 ? "" : "row " + i + ", \"quoted\"\nline 2 日本語"),
        nulls ? null : new byte[] {(byte) i, 0, (byte) 0xff, (byte) (i >> 8)},
        nulls ? null : i % 2 == 0,
        nulls ? null : LocalDate.of(1, 1, 1).plusDays(i * 997L),
        nulls ? null : Instant.parse("1970-01-01T00:00:00.000001Z").plusSeconds(i * 86_399L),
        nulls ? null : LocalDateTime.parse("2024-02-29T12:34:56.000001").minusMinutes(i),
        nulls ? null : new BigDecimal("-9999999999999999999999999999.9999999999").add(BigDecimal.valueOf(i)),
        nulls ? null : new BigDecimal(i + ".25"),
        nulls ? null : Arrays.asList("a" + i, null, ""),
        nulls ? null : scores,
        nulls ? null : Arrays.asList(i * 0.5, "label " + i),
        nulls ? null : List.of(Arrays.asList("k", Arrays.asList(new BigDecimal("1234.5"), null)))
      });
    }
    return rows;
  }

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
