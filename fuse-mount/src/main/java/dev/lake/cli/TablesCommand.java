package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake tables [LOCATION]}: the tables of a lake with their version and columns. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description = "List the tables of a lake (default: the local default lake).")
final class TablesCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "LOCATION", description = "The lake's directory.")
  String location;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (location == null) {
      runOnDefault(out);
    } else {
      list(Lake.open(location, storage.map()), out);
    }
    return 0;
  }

  void runOnDefault(PrintWriter out) {
    Lake lake = DefaultLake.open();
    out.println("lake at " + DefaultLake.location() + " (set LAKE_HOME to use another directory)");
    list(lake, out);
    out.println();
    out.println("Try:  SELECT * FROM sample;   then !quit.  Also: ./lake cat "
        + DefaultLake.location().resolve(DefaultLake.SAMPLE) + "   ./lake --help");
    out.flush();
  }

  private static void list(Lake lake, PrintWriter out) {
    for (String name : lake.tableNames()) {
      Snapshot s = lake.table(name).snapshot();
      String key = s.primaryKey().isEmpty() ? "" : "  primary key " + String.join(", ", s.primaryKey());
      out.println("  " + name + "  v" + s.version() + "  " + s.schema() + key);
    }
    out.flush();
  }
}
