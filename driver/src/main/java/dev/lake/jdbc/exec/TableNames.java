package dev.lake.jdbc.exec;

import dev.lake.engine.Lake;
import dev.lake.jdbc.LakeDriver;
import dev.lake.jdbc.schema.LakeSchema;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Finds the lake and its tables from code that runs inside a statement (table functions, DDL):
 * names as users write them, matched as queries match them.
 */
public final class TableNames {
  private TableNames() {}

  /** The lake of the connection that runs this statement. */
  public static Lake lake(DataContext root) {
    SchemaPlus schema = root.getRootSchema().subSchemas().get(LakeDriver.SCHEMA);
    if (schema == null) {
      throw new IllegalStateException("no lake schema on this connection");
    }
    return schema.unwrap(LakeSchema.class).lake();
  }

  /**
   * The table a written name means: an optional {@code lake.} schema part is dropped, an exact
   * match wins, else the first case-insensitive match (as queries resolve names); a name that
   * matches nothing is returned as written, so the engine's "does not exist" error names it.
   */
  public static String resolve(Lake lake, String written) {
    String name = written;
    String prefix = LakeDriver.SCHEMA + ".";
    if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
      name = name.substring(prefix.length());
    }
    for (String t : lake.tableNames()) {
      if (t.equals(name)) {
        return t;
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String t : lake.tableNames()) {
      if (t.toLowerCase(Locale.ROOT).equals(lower)) {
        return t;
      }
    }
    return name;
  }
}
