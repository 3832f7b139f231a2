package dev.lake.engine.imports;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.csv.CsvRowReader;
import dev.lake.engine.csv.CsvSchemaInference;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.types.Schema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Imports a CSV file (header line first) as a new table. The file is streamed twice — once to
 * infer the column types, once to load — so its size is not limited by memory. The table and
 * its rows are one commit: a malformed line aborts the import and leaves no table.
 */
public final class CsvImport {
  private static final int PROGRESS_EVERY_ROWS = 8192;

  private CsvImport() {}

  /**
   * Creates table {@code table} in {@code lake} from {@code csv}.
   *
   * @throws dev.lake.engine.error.InvalidInputException for malformed CSV (the message names the line)
   * @throws dev.lake.engine.error.AlreadyExistsException if the table exists
   */
  public static ImportResult run(Lake lake, String table, Path csv, ImportOptions options, ImportProgress progress) {
    long total = size(csv);
    Schema schema = options.schema().orElseGet(() -> infer(csv, total, progress));
    TableDefinition def =
        new TableDefinition(schema, options.primaryKey(), options.partitionColumns(), Map.of());
    try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(csv));
        CsvRowReader reader = CsvRowReader.open(new BufferedInputStream(counted, 1 << 16), schema)) {
      Iterator<Object[]> rows =
          new Iterator<>() {
            private long n;

            @Override
            public boolean hasNext() {
              return reader.hasNext();
            }

            @Override
            public Object[] next() {
              Object[] row = reader.next();
              if (++n % PROGRESS_EVERY_ROWS == 0) {
                progress.update("loading", counted.count(), total, n);
              }
              return row;
            }
          };
      lake.createTable(table, def, rows);
      progress.update("loading", total, total, reader.rowCount());
      return new ImportResult(table, lake.table(table).snapshot().schema(), reader.rowCount(), 0);
    } catch (IOException e) {
      throw new StorageException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  private static Schema infer(Path csv, long total, ImportProgress progress) {
    progress.update("inferring schema", 0, total, 0);
    try (InputStream in = Files.newInputStream(csv)) {
      CountingInputStream counted = new CountingInputStream(in);
      CsvSchemaInference.Result r = CsvSchemaInference.infer(new BufferedInputStream(counted, 1 << 16));
      progress.update("inferring schema", total, total, r.rowCount());
      return r.schema();
    } catch (IOException e) {
      throw new StorageException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
