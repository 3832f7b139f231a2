package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import java.util.Map;

/** Opens the table a {@code TABLE_LOCATION} argument names (a table directory). */
final class TableArgs {
  private TableArgs() {}

  /**
   * The lake and table name that one or two positional arguments name: {@code TABLE_LOCATION}
   * (a table directory, as {@link #open} takes) or {@code LOCATION TABLE} (a lake and a table
   * name in it). The caller closes the lake.
   */
  static Map.Entry<Lake, String> openLake(java.util.List<String> args, Map<String, String> options) {
    if (args.size() == 1) {
      return Lake.openTableLocation(args.get(0), options);
    }
    if (args.size() == 2) {
      Lake lake = Lake.open(args.get(0), options);
      return Map.entry(lake, args.get(1));
    }
    throw new dev.lake.engine.error.InvalidInputException(
        "expected TABLE_LOCATION or LOCATION TABLE, got " + args.size() + " arguments");
  }

  static Table open(String tableLocation, Map<String, String> options) {
    Map.Entry<Lake, String> lt = Lake.openTableLocation(tableLocation, options);
    return lt.getKey().table(lt.getValue());
  }
}
