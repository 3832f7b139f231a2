package dev.lake.jdbc.meta;

import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.LakeDriver;
import dev.lake.jdbc.dml.Transactions;
import dev.lake.jdbc.exec.OwnClassLoader;
import dev.lake.jdbc.schema.LakeSchema;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.jdbc.LakeMetaBase;
import org.apache.calcite.schema.SchemaPlus;

/**
 * lake's Meta: Calcite's, plus what GUI tools and applications need — primary keys, column
 * types as they expect them, real transactions (auto-commit on by default; with it off, each
 * table's changes commit together at {@code commit()}), a JDBC batch as one commit, and
 * SQLStates on every error.
 */
public final class LakeMeta extends LakeMetaBase {
  private LakeMeta(CalciteConnection connection) {
    super(connection, CalciteMetaTableFactoryImpl.INSTANCE, LakeMetaColumnFactory.INSTANCE);
    connProps.setAutoCommit(true).setReadOnly(false).setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    connProps.setDirty(false);
  }

  /** The Meta of a new connection. */
  public static LakeMeta create(CalciteConnection connection) {
    return new LakeMeta(connection);
  }

  private Object conn() {
    return lakeConnection();
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      return OwnClassLoader.call(() -> super.prepare(ch, sql, maxRowCount));
    } catch (RuntimeException | AssertionError e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
      throws NoSuchStatementException {
    try {
      return OwnClassLoader.callChecked(() -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    } catch (RuntimeException | AssertionError e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    try {
      return OwnClassLoader.callChecked(() -> super.execute(h, parameterValues, maxRowsInFirstFrame));
    } catch (RuntimeException | AssertionError e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
    try {
      return OwnClassLoader.callChecked(() -> super.fetch(h, offset, fetchMaxRowCount));
    } catch (RuntimeException | AssertionError e) {
      throw SqlErrors.translate(e);
    }
  }

  /** A batch is one commit: its statements are buffered and committed together. */
  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValueLists)
      throws NoSuchStatementException {
    return OwnClassLoader.callChecked(() -> asOneCommit(() -> super.executeBatch(h, parameterValueLists)));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return OwnClassLoader.callChecked(() -> asOneCommit(() -> super.prepareAndExecuteBatch(h, sqlCommands)));
  }

  private interface BatchCall {
    ExecuteBatchResult run() throws NoSuchStatementException;
  }

  private ExecuteBatchResult asOneCommit(BatchCall call) throws NoSuchStatementException {
    boolean implicit = Boolean.TRUE.equals(connProps.isAutoCommit());
    if (implicit) {
      Transactions.beginBatch(conn());
    }
    try {
      ExecuteBatchResult r = call.run();
      if (implicit) {
        Transactions.endBatch(conn());
        Transactions.commit(conn());
      }
      return r;
    } catch (RuntimeException | AssertionError e) {
      if (implicit) {
        Transactions.endBatch(conn());
        Transactions.discard(conn());
      }
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void commit(ConnectionHandle ch) {
    try {
      OwnClassLoader.call(() -> {
        Transactions.commit(conn());
        return null;
      });
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    Transactions.discard(conn());
  }

  /** Turning auto-commit on commits what is pending, as JDBC requires. */
  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
    if (Boolean.TRUE.equals(props.isAutoCommit()) && Transactions.hasPending(conn())) {
      commit(ch);
    }
    return super.connectionSync(ch, props);
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    Map<DatabaseProperty, Object> props = new java.util.EnumMap<>(DatabaseProperty.class);
    props.putAll(super.getDatabaseProperties(ch));
    props.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, Connection.TRANSACTION_READ_COMMITTED);
    return props;
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    List<LakePrimaryKey> keys = new ArrayList<>();
    try {
      if (schema == null || schema.equalsIgnoreCase(LakeDriver.SCHEMA)) {
        SchemaPlus s = lakeConnection().getRootSchema().subSchemas().get(LakeDriver.SCHEMA);
        Lake lake = s.unwrap(LakeSchema.class).lake();
        for (String name : lake.tableNames()) {
          if (table != null && !name.equalsIgnoreCase(table)) {
            continue;
          }
          Snapshot snap = lake.table(name).snapshot();
          short seq = 1;
          for (String col : snap.primaryKey()) {
            keys.add(new LakePrimaryKey(LakeDriver.SCHEMA, name, snap.schema().field(col).name(), seq++));
          }
        }
      }
    } catch (LakeException e) {
      throw SqlErrors.translate(e);
    }
    return records(keys, LakePrimaryKey.class, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
  }

  private MetaResultSet records(List<?> rows, Class<?> clazz, String... names) {
    List<ColumnMetaData> columns = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<String> fieldNames = new ArrayList<>();
    for (String name : names) {
      String fieldName = AvaticaUtils.toCamelCase(name);
      Field f;
      try {
        f = clazz.getField(fieldName);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
      columns.add(columnMetaData(name, fields.size(), f.getType(), false));
      fields.add(f);
      fieldNames.add(fieldName);
    }
    @SuppressWarnings("unchecked")
    Iterable<Object> iterable = (Iterable<Object>) rows;
    return createResultSet(
        Collections.emptyMap(), columns, CursorFactory.record(clazz, fields, fieldNames), new Frame(0, true, iterable));
  }
}
