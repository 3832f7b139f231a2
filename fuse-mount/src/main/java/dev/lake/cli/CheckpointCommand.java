package dev.lake.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lake checkpoint TABLE_LOCATION | LOCATION TABLE}: writes a Delta checkpoint now. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = "Write a Delta checkpoint of a table's latest version, so readers need not replay its commits.")
final class CheckpointCommand implements Callable<Integer> {
  @Mixin TableTarget target = new TableTarget();


  @Override
  public Integer call() {
    try (TableTarget.Opened opened = target.open()) {
      long version = opened.table().checkpoint();
      System.out.println("checkpoint of " + opened.table().name() + " at version " + version);
      return 0;
    }
  }
}
