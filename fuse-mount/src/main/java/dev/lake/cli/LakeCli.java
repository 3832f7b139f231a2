package dev.lake.cli;

import dev.lake.engine.error.LakeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lake} command line. */
@Command(
    name = "lake",
    mixinStandardHelpOptions = true,
    versionProvider = LakeCli.VersionProvider.class,
    description = {
      "Delta Lake tables for SQL clients and Unix tools.",
      "",
      "With no command: opens the local default lake (${LAKE_HOME:-~/.lake}), creating it with a",
      "sample table on first run, and lists its tables."
    },
    subcommands = {
      ImportCommand.class,
      CatCommand.class,
      HistoryCommand.class,
      TablesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LakeCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (for tests and the launcher). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new LakeCli());
    cl.setExecutionExceptionHandler(LakeCli::handle);
    return cl.execute(args);
  }

  @Override
  public void run() {
    new TablesCommand().runOnDefault(spec.commandLine().getOut());
  }

  /** Errors the engine reports are user errors: one line, no stack trace, a stable exit code. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof LakeException le) {
      err.println("lake: " + le.getMessage());
      err.flush();
      return ExitCodes.of(le.kind());
    }
    err.println("lake: internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** Reports lake's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lake " + dev.lake.engine.kernel.Version.VERSION};
    }
  }
}
