package dev.lake.cli;

import dev.lake.engine.csv.CsvRowWriter;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.exec.JdbcSchemas;
import dev.lake.jdbc.exec.JdbcValues;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lake sql [LOCATION] [-e SQL]}: an interactive SQL shell (sqlline) on a lake, or, with
 * {@code -e}, statements run in order with query results printed as CSV (header first) — the
 * same CSV as {@code lake cat}.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Open an SQL shell (sqlline) on a lake; without LOCATION, on the local default lake.",
      "With -e, run the statements (separated by ';') and print query results as CSV."
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "LOCATION", description = "The lake (directory or URL-style location).")
  String location;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statements to run instead of the shell.")
  List<String> statements = new ArrayList<>();

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() throws Exception {
    String url = url();
    if (statements.isEmpty()) {
      return shell(url);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      for (String text : statements) {
        for (String sql : SqlScripts.split(text)) {
          run(c, sql, System.out);
        }
      }
    }
    return 0;
  }

  private String url() {
    String where;
    if (location == null) {
      DefaultLake.open();
      where = DefaultLake.location().toString();
    } else {
      where = location.contains("://") || location.startsWith("file:") ? location : Path.of(location).toAbsolutePath().toString();
    }
    return "jdbc:lake:" + where + storage.urlQuery();
  }

  /** Runs one statement: a query prints CSV to {@code out}; an update reports its count on stderr. */
  static void run(Connection c, String sql, PrintStream out) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (st.execute(sql)) {
        try (ResultSet rs = st.getResultSet()) {
          printCsv(rs, out);
        }
      } else if (st.getUpdateCount() >= 0) {
        System.err.println(st.getUpdateCount() + " row(s) affected");
      }
    }
  }

  static void printCsv(ResultSet rs, PrintStream out) throws SQLException {
    Schema schema = JdbcSchemas.schemaOf(rs.getMetaData(), true);
    CsvRowWriter w = CsvRowWriter.open(out, schema); // UTF-8; flushed below, not closed: out is stdout
    w.writeHeader();
    while (rs.next()) {
      Object[] row = new Object[schema.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = JdbcValues.read(rs, i + 1, schema.field(i).type());
      }
      w.writeRow(row);
    }
    w.flush();
  }

  private static int shell(String url) throws Exception {
    String[] args = {
      "-d", "dev.lake.jdbc.LakeDriver",
      "-u", url,
      "-n", "",
      "-p", "",
      "--isolation=TRANSACTION_READ_COMMITTED",
      "--showWarnings=false",
      "--silent=" + (System.console() == null)
    };
    sqlline.SqlLine.Status status = sqlline.SqlLine.mainWithInputRedirection(args, System.in);
    return status == sqlline.SqlLine.Status.OK ? 0 : 1;
  }
}
