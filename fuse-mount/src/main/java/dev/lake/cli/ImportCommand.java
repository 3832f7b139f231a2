package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.imports.CsvImport;
import dev.lake.engine.imports.Globs;
import dev.lake.engine.imports.ImportOptions;
import dev.lake.engine.imports.ImportProgress;
import dev.lake.engine.imports.ImportResult;
import dev.lake.engine.imports.ParquetImport;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake import FILE TABLE_LOCATION}: a CSV file or Parquet files become a new table. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Create a table from a CSV file (header line first; types inferred) or from Parquet files",
      "(a file, a directory or a glob such as 'data/*.parquet'; schema from the files).",
      "The table and all its rows are one commit: on any error no table is created."
    })
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, or Parquet file/directory/glob.")
  String file;

  @Parameters(index = "1", paramLabel = "TABLE_LOCATION", description = "Directory of the new table.")
  String table;

  @Option(names = "--format", description = "csv or parquet (default: from the file name).")
  String format;

  @Option(names = {"--primary-key", "-k"}, split = ",", paramLabel = "COLUMN", description = "Primary key column(s).")
  List<String> primaryKey = new ArrayList<>();

  @Option(names = "--partition-by", split = ",", paramLabel = "COLUMN", description = "Partition column(s).")
  List<String> partitionBy = new ArrayList<>();

  @Option(
      names = "--schema",
      paramLabel = "COLUMNS",
      description = "CSV only: column types instead of inference, e.g. \"id BIGINT, name STRING\".")
  String schema;

  @Option(names = "--no-progress", description = "Never draw a progress bar.")
  boolean noProgress;

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() {
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : guessFormat(file);
    Optional<Schema> explicit = Optional.ofNullable(schema).map(TypeParser::parseColumns);
    ImportOptions options = new ImportOptions(primaryKey, partitionBy, explicit);
    Map.Entry<Lake, String> target = Lake.openTableLocation(table, storage.map());
    ImportResult result;
    try (ProgressReporter progress = ProgressReporter.forTerminal(!noProgress)) {
      ImportProgress listener = progress::update;
      switch (fmt) {
        case "csv":
          result = CsvImport.run(target.getKey(), target.getValue(), Path.of(file), options, listener);
          break;
        case "parquet":
          if (explicit.isPresent()) {
            throw new InvalidInputException("--schema applies to CSV only: Parquet files carry their schema");
          }
          result = ParquetImport.run(target.getKey(), target.getValue(), Globs.expand(file), options, listener);
          break;
        default:
          throw new InvalidInputException("unknown format '" + fmt + "': use csv or parquet");
      }
    }
    System.err.printf(
        "imported %d rows into %s (version %d): %s%n",
        result.rows(), table, result.version(), result.schema());
    return 0;
  }

  private static String guessFormat(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    if (f.endsWith(".parquet") || f.endsWith(".parq") || f.endsWith("/") || Globs.isGlob(f)
        || java.nio.file.Files.isDirectory(Path.of(file))) {
      return "parquet";
    }
    return "csv";
  }
}
