package dev.lake.cli;

import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvValueCodec;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.maintenance.OptimizeResult;
import dev.lake.engine.maintenance.TableSettings;
import dev.lake.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lake optimize TABLE_LOCATION | LOCATION TABLE}: compacts small files or Z-orders. */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    description = {
      "Compact a table's small files into larger ones (OPTIMIZE), or rewrite them in Z-order (--zorder-by),",
      "as one commit that changes no rows. Prints what it did."
    })
final class OptimizeCommand implements Callable<Integer> {
  @Mixin TableTarget target = new TableTarget();

  @Option(names = "--partition", paramLabel = "COLUMN=VALUE",
      description = "Only the partition(s) where COLUMN = VALUE (partition columns only; repeatable: all must hold).")
  List<String> partitions = new ArrayList<>();

  @Option(names = "--zorder-by", split = ",", paramLabel = "COLUMN",
      description = "Z-order by these columns (comma-separated) instead of compacting.")
  List<String> zOrderBy = new ArrayList<>();

  @Option(names = "--target-file-size", paramLabel = "SIZE",
      description = "Size new files aim for (e.g. 128m, 1g; default: delta.targetFileSize or 128m).")
  String targetFileSize;

  @Option(names = "--min-file-size", paramLabel = "SIZE",
      description = "Files below this size are compacted (default: half the target).")
  String minFileSize;


  @Override
  public Integer call() {
    try (TableTarget.Opened opened = target.open()) {
      Table t = opened.table();
      OptimizeOptions options = OptimizeOptions.defaults().zOrderBy(zOrderBy);
      if (!partitions.isEmpty()) {
        options = options.where(partitionPredicate(t.snapshot().schema()));
      }
      if (targetFileSize != null) {
        options = options.targetFileSizeBytes(TableSettings.parseBytes(targetFileSize, "--target-file-size"));
      }
      if (minFileSize != null) {
        options = options.minFileSizeBytes(TableSettings.parseBytes(minFileSize, "--min-file-size"));
      }
      OptimizeResult r = t.optimize(options);
      if (!r.committed()) {
        System.out.println("nothing to optimize in " + t.name() + " (version " + r.version() + " unchanged)");
      } else {
        System.out.printf(
            "optimized %s at version %d: removed %d files (%d bytes), added %d files (%d bytes) in %d partition(s)%n",
            t.name(), r.version(), r.filesRemoved(), r.bytesRemoved(), r.filesAdded(), r.bytesAdded(),
            r.partitionsOptimized());
      }
      return 0;
    }
  }

  /** {@code --partition k=v ...} as {@code k = v AND ...}, each value parsed as its column's type. */
  private Predicate partitionPredicate(Schema schema) {
    Predicate all = null;
    for (String p : partitions) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("--partition: expected COLUMN=VALUE, got '" + p + "'");
      }
      String column = p.substring(0, eq);
      String text = p.substring(eq + 1);
      int pos = schema.indexOf(column);
      if (pos < 0) {
        throw new InvalidInputException("--partition: the table has no column " + column);
      }
      Predicate one =
          text.isEmpty()
              ? new Predicate.IsNull(column)
              : Predicate.eq(column, CsvValueCodec.parse(schema.field(pos).type(), text));
      all = all == null ? one : new Predicate.And(all, one);
    }
    return all;
  }
}
