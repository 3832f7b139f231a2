package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The table a maintenance command works on (a picocli mixin): {@code TABLE_LOCATION} or
 * {@code LOCATION TABLE}, with the storage options.
 */
final class TableTarget {
  @Parameters(arity = "1..2", paramLabel = "TABLE_LOCATION | LOCATION TABLE",
      description = "The table's directory, or a lake location and a table name.")
  List<String> args;

  @Mixin StorageOptions storage = new StorageOptions();

  /** The opened lake and the table; closing it closes the lake. */
  record Opened(Lake lake, Table table) implements AutoCloseable {
    @Override
    public void close() {
      lake.close();
    }
  }

  /** Opens the lake and names the table in it. */
  Opened open() {
    Map.Entry<Lake, String> lt = TableArgs.openLake(args, storage.map());
    try {
      return new Opened(lt.getKey(), lt.getKey().table(lt.getValue()));
    } catch (RuntimeException e) {
      lt.getKey().close();
      throw e;
    }
  }
}
