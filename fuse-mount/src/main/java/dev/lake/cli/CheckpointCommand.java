package dev.lake.cli;

import dev.lake.engine.Lake;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lake checkpoint TABLE_LOCATION | LOCATION TABLE}: writes a Delta checkpoint now. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = "Write a Delta checkpoint of a table's latest version, so readers need not replay its commits.")
final class CheckpointCommand implements Callable<Integer> {
  @Parameters(arity = "1..2", paramLabel = "TABLE_LOCATION | LOCATION TABLE",
      description = "The table's directory, or a lake location and a table name.")
  List<String> target;

  @Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() {
    Map.Entry<Lake, String> lt = TableArgs.openLake(target, storage.map());
    try (Lake lake = lt.getKey()) {
      long version = lake.table(lt.getValue()).checkpoint();
      System.out.println("checkpoint of " + lt.getValue() + " at version " + version);
      return 0;
    }
  }
}
