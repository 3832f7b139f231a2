package dev.lake.jdbc.ddl;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.exec.JdbcValues;
import dev.lake.jdbc.parser.SqlCreateLakeTable;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
        schema = schemaOf(md);
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

  /** Lake columns for a query's columns. */
  static Schema schemaOf(ResultSetMetaData md) throws SQLException {
    List<Field> fields = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      fields.add(Field.of(md.getColumnLabel(i), typeOf(md, i)));
    }
    return new Schema(fields);
  }

  private static LakeType typeOf(ResultSetMetaData md, int i) throws SQLException {
    switch (md.getColumnType(i)) {
      case Types.TINYINT:
        return LakeType.INT8;
      case Types.SMALLINT:
        return LakeType.INT16;
      case Types.INTEGER:
        return LakeType.INT32;
      case Types.BIGINT:
        return LakeType.INT64;
      case Types.REAL:
        return LakeType.FLOAT32;
      case Types.FLOAT:
      case Types.DOUBLE:
        return LakeType.FLOAT64;
      case Types.DECIMAL:
      case Types.NUMERIC:
        {
          int p = Math.max(1, Math.min(38, md.getPrecision(i)));
          int s = Math.max(0, Math.min(p, md.getScale(i)));
          return LakeType.decimal(p, s);
        }
      case Types.BOOLEAN:
      case Types.BIT:
        return LakeType.BOOLEAN;
      case Types.DATE:
        return LakeType.DATE;
      case Types.TIMESTAMP:
        return LakeType.TIMESTAMP_NTZ;
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return LakeType.TIMESTAMP;
      case Types.BINARY:
      case Types.VARBINARY:
        return LakeType.BINARY;
      case Types.CHAR:
      case Types.VARCHAR:
        return LakeType.STRING;
      default:
        throw new SchemaException(
            "column '" + md.getColumnLabel(i) + "' has SQL type " + md.getColumnTypeName(i)
                + ", which CREATE TABLE AS cannot map: list the columns with their types");
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
