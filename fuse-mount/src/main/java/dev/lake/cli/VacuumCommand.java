package dev.lake.cli;

import dev.lake.engine.Table;
import dev.lake.engine.maintenance.TableSettings;
import dev.lake.engine.maintenance.VacuumOptions;
import dev.lake.engine.maintenance.VacuumResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lake vacuum TABLE_LOCATION | LOCATION TABLE}: deletes files no retained version needs. */
@Command(
    name = "vacuum",
    mixinStandardHelpOptions = true,
    description = {
      "Delete the files of a table that neither the current version nor any version within the retention",
      "needs (VACUUM). Prints the files (relative to the table) on stdout and a summary on stderr.",
      "Versions older than the retention can no longer be read afterwards."
    })
final class VacuumCommand implements Callable<Integer> {
  @Mixin TableTarget target = new TableTarget();

  @Option(names = "--retain", paramLabel = "DURATION",
      description = "Keep files removed within this time (e.g. 168h, 7d, 'interval 7 days';"
          + " default: delta.deletedFileRetentionDuration or 168h).")
  String retain;

  @Option(names = "--dry-run", description = "List the files, delete nothing.")
  boolean dryRun;

  @Option(names = "--allow-short-retention",
      description = "Allow a retention below the table's (can break readers of older versions and running writers).")
  boolean allowShortRetention;


  @Override
  public Integer call() {
    try (TableTarget.Opened opened = target.open()) {
      Table t = opened.table();
      VacuumOptions options = VacuumOptions.defaults().dryRun(dryRun).allowShortRetention(allowShortRetention);
      if (retain != null) {
        options = options.retain(TableSettings.parseInterval(retain, "--retain"));
      }
      VacuumResult r = t.vacuum(options);
      r.paths().forEach(System.out::println);
      System.out.flush();
      System.err.printf("%s %d files (%d bytes) of %s%s%n",
          r.dryRun() ? "would delete" : "deleted", r.filesDeleted(), r.bytesDeleted(), t.name(),
          r.paths().size() < r.filesDeleted() ? " (first " + r.paths().size() + " listed)" : "");
      return 0;
    }
  }
}
