package dev.lake.cli;

import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvRowWriter;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lake history TABLE_LOCATION}: one CSV line per commit. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Print a table's commits as CSV: version, time, operation, rows inserted/updated/deleted (-1: unknown).")
final class HistoryCommand implements Callable<Integer> {
  private static final Schema COLUMNS =
      Schema.of(
          Field.of("version", LakeType.INT64),
          Field.of("timestamp", LakeType.TIMESTAMP),
          Field.of("operation", LakeType.STRING),
          Field.of("rows_inserted", LakeType.INT64),
          Field.of("rows_updated", LakeType.INT64),
          Field.of("rows_deleted", LakeType.INT64),
          Field.of("files_added", LakeType.INT64),
          Field.of("files_removed", LakeType.INT64),
          Field.of("engine", LakeType.STRING));

  @Parameters(paramLabel = "TABLE_LOCATION", description = "The table's directory.")
  String table;

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() {
    Table t = TableArgs.open(table, storage.map());
    CsvRowWriter w = CsvRowWriter.open(System.out, COLUMNS);
    w.writeHeader();
    for (HistoryEntry h : t.history()) {
      w.writeRow(
          new Object[] {
            h.version(),
            h.timestamp(),
            h.operation(),
            h.rowsInserted(),
            h.rowsUpdated(),
            h.rowsDeleted(),
            (long) h.filesAdded(),
            (long) h.filesRemoved(),
            h.engineInfo()
          });
    }
    w.flush();
    return 0;
  }
}
