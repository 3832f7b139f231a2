package dev.lake.engine.imports;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.error.StorageException;
import dev.lake.engine.kernel.KernelEngine;
import dev.lake.engine.kernel.ParquetRows;
import dev.lake.engine.types.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Imports Parquet files as a new table, in one commit. The schema comes from the first file's
 * footer; every other file must have the same columns and types.
 */
public final class ParquetImport {
  private ParquetImport() {}

  /**
   * Creates table {@code table} in {@code lake} from {@code files}.
   *
   * @throws SchemaException if the files' schemas differ
   */
  public static ImportResult run(Lake lake, String table, List<Path> files, ImportOptions options, ImportProgress progress) {
    if (files.isEmpty()) {
      throw new InvalidInputException("no Parquet files to import");
    }
    var conf = lake.storage().hadoopConf();
    Schema schema = ParquetRows.schemaOf(files.get(0), conf);
    for (Path f : files.subList(1, files.size())) {
      Schema other = ParquetRows.schemaOf(f, conf);
      if (!other.equals(schema)) {
        throw new SchemaException(
            "Parquet files differ: " + files.get(0) + " has " + schema + " but " + f + " has " + other);
      }
    }
    long total = 0;
    for (Path f : files) {
      total += size(f);
    }
    KernelEngine engine = KernelEngine.forLocalFiles(conf);
    long totalBytes = total;
    long[] done = {0};
    long[] rows = {0};
    Iterator<Object[]> all =
        new Iterator<>() {
          private int next;
          private Iterator<Object[]> current = java.util.Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext()) {
              if (next >= files.size()) {
                return false;
              }
              if (next > 0) {
                done[0] += size(files.get(next - 1));
                progress.update("loading", done[0], totalBytes, rows[0]);
              }
              current = ParquetRows.rows(engine, files.get(next++), schema);
            }
            return true;
          }

          @Override
          public Object[] next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            rows[0]++;
            return current.next();
          }
        };
    TableDefinition def = new TableDefinition(schema, options.primaryKey(), options.partitionColumns(), Map.of());
    lake.createTable(table, def, all);
    progress.update("loading", totalBytes, totalBytes, rows[0]);
    return new ImportResult(table, lake.table(table).snapshot().schema(), rows[0], 0);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
