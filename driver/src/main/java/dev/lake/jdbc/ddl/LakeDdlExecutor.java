package dev.lake.jdbc.ddl;

import dev.lake.engine.Lake;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.error.NotFoundException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.Errors;
import dev.lake.jdbc.LakeDriver;
import dev.lake.jdbc.parser.ColumnDefinition;
import dev.lake.jdbc.parser.SqlAlterTableAddColumns;
import dev.lake.jdbc.parser.SqlCreateLakeTable;
import dev.lake.jdbc.parser.SqlDropLakeTable;
import dev.lake.jdbc.parser.SqlTruncateLakeTable;
import dev.lake.jdbc.exec.TableNames;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import dev.lake.jdbc.schema.LakeSchema;
import java.io.Reader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * Executes lake's DDL against the lake (not against Calcite's in-memory schema): CREATE TABLE
 * (with primary key, partitioning, properties; AS SELECT loads the rows in the same commit),
 * DROP TABLE, ALTER TABLE ADD COLUMNS, TRUNCATE TABLE.
 */
public final class LakeDdlExecutor extends DdlExecutorImpl {
  /** The executor. */
  public static final LakeDdlExecutor INSTANCE = new LakeDdlExecutor();

  /** lake's parser, with this executor for its DDL (named by the connection's parserFactory). */
  public static final SqlParserImplFactory PARSER_FACTORY =
      new SqlParserImplFactory() {
        @Override
        public SqlAbstractParserImpl getParser(Reader stream) {
          return LakeSqlParserImpl.FACTORY.getParser(stream);
        }

        @Override
        public DdlExecutor getDdlExecutor() {
          return INSTANCE;
        }
      };

  private LakeDdlExecutor() {}

  /** CREATE TABLE. */
  public void execute(SqlCreateLakeTable create, CalcitePrepare.Context context) {
    run(() -> {
      Lake lake = lake(context);
      String name = tableName(create.name());
      if (create.replace()) {
        throw new dev.lake.engine.error.UnsupportedFeatureException(
            "CREATE OR REPLACE TABLE is not supported yet: DROP TABLE, then CREATE TABLE");
      }
      if (create.ifNotExists() && lake.tableExists(name)) {
        return;
      }
      if (create.query() == null) {
        if (create.columns().isEmpty()) {
          throw new InvalidInputException("CREATE TABLE " + name + " needs a column list or AS query");
        }
        lake.createTable(name, definition(schemaOf(create.columns()), create));
        return;
      }
      if (lake.tableExists(name)) {
        throw new AlreadyExistsException("table '" + name + "' already exists");
      }
      CreateAsSelect.run(context, lake, name, create, this::definition);
    });
  }

  /** DROP TABLE. */
  public void execute(SqlDropLakeTable drop, CalcitePrepare.Context context) {
    run(() -> {
      Lake lake = lake(context);
      String name = resolve(lake, tableName(drop.name()));
      if (!lake.tableExists(name)) {
        if (drop.ifExists()) {
          return;
        }
        throw new NotFoundException("table '" + tableName(drop.name()) + "' does not exist");
      }
      lake.dropTable(name);
    });
  }

  /** ALTER TABLE ... ADD COLUMNS. */
  public void execute(SqlAlterTableAddColumns alter, CalcitePrepare.Context context) {
    run(() -> {
      Lake lake = lake(context);
      List<Field> fields = new ArrayList<>();
      for (ColumnDefinition c : alter.columns()) {
        fields.add(new Field(c.name(), c.type(), !c.notNull()));
      }
      lake.table(resolve(lake, tableName(alter.name()))).addColumns(fields);
    });
  }

  /** TRUNCATE TABLE. */
  public void execute(SqlTruncateLakeTable truncate, CalcitePrepare.Context context) {
    run(() -> {
      Lake lake = lake(context);
      lake.table(resolve(lake, tableName(truncate.name()))).truncate();
    });
  }

  TableDefinition definition(Schema schema, SqlCreateLakeTable create) {
    return new TableDefinition(schema, create.primaryKey(), create.partitionedBy(), create.properties());
  }

  static Schema schemaOf(List<ColumnDefinition> columns) {
    List<Field> fields = new ArrayList<>();
    for (ColumnDefinition c : columns) {
      fields.add(new Field(c.name(), c.type(), !c.notNull()));
    }
    return new Schema(fields);
  }

  static Lake lake(CalcitePrepare.Context context) {
    CalciteSchema schema = context.getRootSchema().getSubSchema(LakeDriver.SCHEMA, false);
    if (schema == null) {
      throw new IllegalStateException("no lake schema on this connection");
    }
    return schema.plus().unwrap(LakeSchema.class).lake();
  }

  /** The table part of a name; a schema part, if any, must be the lake's. */
  static String tableName(SqlIdentifier id) {
    if (id.names.size() > 2
        || (id.names.size() == 2 && !id.names.get(0).equalsIgnoreCase(LakeDriver.SCHEMA))) {
      throw new InvalidInputException("unknown schema in " + id + ": tables live in schema " + LakeDriver.SCHEMA);
    }
    return id.names.get(id.names.size() - 1);
  }

  /** Matches an existing table as queries do (see {@link TableNames#resolve}). */
  static String resolve(Lake lake, String name) {
    return TableNames.resolve(lake, name);
  }

  interface Action {
    void run() throws SQLException;
  }

  private static void run(Action a) {
    try {
      a.run();
    } catch (LakeException e) {
      throw Errors.toRuntime(e);
    } catch (SQLException e) {
      throw Errors.runtime(e.getMessage(), e.getSQLState() == null ? "HY000" : e.getSQLState());
    }
  }
}
