package dev.lake.jdbc.ddl;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.exec.JdbcSchemas;
import dev.lake.jdbc.exec.JdbcValues;
import dev.lake.jdbc.parser.SqlCreateLakeTable;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;

/**
 * CREATE TABLE ... AS query: runs the query on the same connection and streams its rows into the
 * new table, which is created with them in one commit (no empty table is ever visible). Column
 * types come from the query's SQL types unless the statement lists them.
 */
final class CreateAsSelect {
  private CreateAsSelect() {}

  static void run(
      CalcitePrepare.Context context,
      Lake lake,
      String name,
      SqlCreateLakeTable create,
      BiFunction<Schema, SqlCreateLakeTable, TableDefinition> definition)
      throws SQLException {
    CalciteConnection conn = (CalciteConnection) context.getDataContext().getQueryProvider();
    String sql = create.query().toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      Schema schema;
      if (create.columns().isEmpty()) {
        schema = JdbcSchemas.schemaOf(md, false);
      } else {
        schema = LakeDdlExecutor.schemaOf(create.columns());
        if (schema.size() != md.getColumnCount()) {
          throw new SchemaException(
              "CREATE TABLE " + name + " lists " + schema.size() + " columns but the query returns " + md.getColumnCount());
        }
      }
      lake.createTable(name, definition.apply(schema, create), rows(rs, schema));
    }
  }

  private static Iterator<Object[]> rows(ResultSet rs, Schema schema) {
    return new Iterator<>() {
      private Boolean ready;

      @Override
      public boolean hasNext() {
        if (ready == null) {
          try {
            ready = rs.next();
          } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        }
        return ready;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = null;
        Object[] row = new Object[schema.size()];
        try {
          for (int c = 0; c < row.length; c++) {
            row[c] = JdbcValues.read(rs, c + 1, schema.field(c).type());
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        return row;
      }
    };
  }
}
