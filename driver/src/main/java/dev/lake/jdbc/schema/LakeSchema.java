package dev.lake.jdbc.schema;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.lake.engine.Lake;
import dev.lake.jdbc.exec.HistoryFunction;
import dev.lake.jdbc.exec.OptimizeFunction;
import dev.lake.jdbc.exec.VacuumFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables of one lake as a Calcite schema. Listing is a directory listing; each table object
 * is cheap and reads nothing until it is planned, so tables other writers create or drop show
 * up in the next statement.
 */
public final class LakeSchema extends AbstractSchema {
  private final Lake lake;

  public LakeSchema(Lake lake) {
    this.lake = lake;
  }

  /** The lake behind the schema. */
  public Lake lake() {
    return lake;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String name : lake.tableNames()) {
      tables.put(name, new LakeTable(lake, name));
    }
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of(
        HistoryFunction.NAME, HistoryFunction.create(lake),
        OptimizeFunction.NAME, OptimizeFunction.create(),
        VacuumFunction.NAME, VacuumFunction.create());
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
