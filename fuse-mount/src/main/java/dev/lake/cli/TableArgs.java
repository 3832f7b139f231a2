package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import java.util.Map;

/** Opens the table a {@code TABLE_LOCATION} argument names (a table directory). */
final class TableArgs {
  private TableArgs() {}

  static Table open(String tableLocation, Map<String, String> options) {
    Map.Entry<Lake, String> lt = Lake.openTableLocation(tableLocation, options);
    return lt.getKey().table(lt.getValue());
  }
}
