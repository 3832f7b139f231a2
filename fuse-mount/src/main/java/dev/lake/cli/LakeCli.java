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
      "With no command: opens an SQL shell on the local default lake (${LAKE_HOME:-~/.lake}),",
      "creating it with a sample table on first run (the same as 'lake sql')."
    },
    subcommands = {
      ImportCommand.class,
      CatCommand.class,
      HistoryCommand.class,
      OptimizeCommand.class,
      VacuumCommand.class,
      CheckpointCommand.class,
      TablesCommand.class,
      SqlCommand.class,
      ServeCommand.class,
      MountCommand.class,
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
    java.io.PrintWriter err = spec.commandLine().getErr();
    new TablesCommand().runOnDefault(err);
    try {
      int code = new SqlCommand().call();
      if (code != 0) {
        throw new picocli.CommandLine.ExecutionException(spec.commandLine(), "the SQL shell ended with status " + code);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new picocli.CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Errors the engine reports are user errors: one line, no stack trace, a stable exit code. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof LakeException le) {
      err.println("lake: " + le.getMessage());
      err.flush();
      return ExitCodes.of(le.kind());
    }
    if (e instanceof java.sql.SQLException se) {
      err.println("lake: " + se.getMessage() + (se.getSQLState() == null ? "" : " [SQLState " + se.getSQLState() + "]"));
      err.flush();
      return ExitCodes.ofSqlState(se.getSQLState());
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
