package dev.lake.jdbc;

import dev.lake.engine.Lake;
import dev.lake.engine.error.LakeException;
import dev.lake.jdbc.ddl.LakeDdlExecutor;
import dev.lake.jdbc.meta.LakeMeta;
import dev.lake.jdbc.plan.LakePrepare;
import dev.lake.jdbc.schema.LakeSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The lake JDBC driver: {@code jdbc:lake:LOCATION[?key=value&...]}. Each connection sees the
 * location's Delta tables in the schema {@value #SCHEMA}, which is the default schema. No server:
 * queries run in the caller's JVM, on one engine shared by all connections to a location.
 */
public final class LakeDriver extends org.apache.calcite.jdbc.Driver {
  /** The schema holding the lake's tables. */
  public static final String SCHEMA = "lake";

  /** Options that configure the connection rather than the storage. */
  private static final Set<String> CONNECTION_OPTIONS = Set.of("user", "password", "autocommit", dev.lake.jdbc.exec.VacuumFunction.RETENTION_CHECK_OPTION);

  static {
    new LakeDriver().register();
  }

  @Override
  protected String getConnectStringPrefix() {
    return LakeUrl.PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return dev.lake.jdbc.meta.LakeJdbcFactory.class.getName();
  }

  /** Calcite's preparation with lake's optimization program (join ordering). */
  @Override
  public CalcitePrepare createPrepare() {
    return new LakePrepare();
  }

  @Override
  protected DriverVersion createDriverVersion() {
    String v = dev.lake.engine.kernel.Version.VERSION;
    int[] mm = majorMinor(v);
    return new DriverVersion(
        "lake JDBC driver", v, "lake", v, true, mm[0], mm[1], mm[0], mm[1]);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    LakeUrl parsed = LakeUrl.parse(url, info);
    Properties props = new Properties();
    // How lake speaks SQL: identifiers as written, matched case-insensitively (as Delta and
    // Spark do), lake's grammar (time travel, DDL), types and DDL executed in the lake.
    props.setProperty("caseSensitive", "false");
    props.setProperty("unquotedCasing", "UNCHANGED");
    props.setProperty("quotedCasing", "UNCHANGED");
    props.setProperty("conformance", "LENIENT");
    props.setProperty("parserFactory", LakeDdlExecutor.class.getName() + "#PARSER_FACTORY");
    props.setProperty("typeSystem", LakeTypeSystem.class.getName() + "#INSTANCE");
    props.setProperty("timeZone", "UTC");
    props.setProperty("lake.location", parsed.location());
    for (Map.Entry<String, String> e : parsed.options().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (CONNECTION_OPTIONS.contains(key)) {
        props.setProperty("lake.connection." + key, e.getValue());
      } else {
        props.setProperty("lake.option." + e.getKey(), e.getValue());
      }
    }
    // Avatica's own connect parses "k=v;k=v" after the prefix; hand it the prefix only.
    return dev.lake.jdbc.exec.OwnClassLoader.callChecked(() -> super.connect(LakeUrl.PREFIX, props));
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new org.apache.calcite.avatica.HandlerImpl() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
        CalciteConnection c = (CalciteConnection) connection;
        Properties p = c.getProperties();
        Map<String, String> storage = new java.util.LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
          if (k.startsWith("lake.option.")) {
            storage.put(k.substring("lake.option.".length()), p.getProperty(k));
          }
        }
        Lake lake;
        try {
          lake = LakeRegistry.acquire(p.getProperty("lake.location"), storage);
        } catch (LakeException e) {
          throw Errors.toSql(e);
        }
        SchemaPlus schema = c.getRootSchema().add(SCHEMA, new LakeSchema(lake));
        // Tables come and go with other writers: list them anew for each statement. Calcite
        // creates its table lookup lazily and only a lookup that exists when caching is turned
        // off is switched off, so make it exist first.
        schema.tables();
        schema.setCacheEnabled(false);
        c.setSchema(SCHEMA);
        String autoCommit = p.getProperty("lake.connection.autocommit");
        c.setAutoCommit(autoCommit == null || Boolean.parseBoolean(autoCommit));
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        dev.lake.jdbc.dml.Transactions.discard(connection);
        LakeSchema lakeSchema = lakeSchema(connection);
        if (lakeSchema != null) {
          LakeRegistry.release(lakeSchema.lake());
        }
      }
    };
  }

  /** The lake schema a connection was opened with, or null if it never got one. */
  private static LakeSchema lakeSchema(AvaticaConnection connection) {
    try {
      SchemaPlus schema = ((CalciteConnection) connection).getRootSchema().subSchemas().get(SCHEMA);
      return schema == null ? null : schema.unwrap(LakeSchema.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return LakeMeta.create((CalciteConnection) connection);
  }

  private static int[] majorMinor(String v) {
    String[] parts = v.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      return new int[] {0, 0};
    }
  }
}
