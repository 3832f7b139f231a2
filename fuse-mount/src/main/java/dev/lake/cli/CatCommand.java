package dev.lake.cli;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.error.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake cat TABLE_LOCATION [--version N | --timestamp ISO]}. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = "Print a table as CSV (header first), optionally as of a past version or time.")
final class CatCommand implements Callable<Integer> {
  @Parameters(paramLabel = "TABLE_LOCATION", description = "The table's directory.")
  String table;

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @ArgGroup(exclusive = true)
  AsOf asOf;

  static final class AsOf {
    @Option(names = "--version", paramLabel = "N", description = "Print version N.")
    Long version;

    @Option(
        names = "--timestamp",
        paramLabel = "ISO",
        description = "Print the version current at this time, e.g. 2026-01-31T12:00:00Z.")
    String timestamp;
  }

  @Override
  public Integer call() {
    Table t = TableArgs.open(table, storage.map());
    Snapshot s;
    if (asOf == null) {
      s = t.snapshot();
    } else if (asOf.version != null) {
      s = t.snapshotAt(asOf.version);
    } else {
      s = t.snapshotAsOf(parseInstant(asOf.timestamp));
    }
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    CsvExport.write(s, out);
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw new InvalidInputException(
              "not an ISO-8601 time: '" + text + "' (e.g. 2026-01-31T12:00:00Z; no zone means UTC)");
        }
      }
    }
  }
}
