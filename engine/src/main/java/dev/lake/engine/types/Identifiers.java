package dev.lake.engine.types;

import java.util.regex.Pattern;

/** Quoting of column names in DDL text: backticks, as Spark and Databricks write them. */
public final class Identifiers {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Identifiers() {}

  /** The name as is when it is a plain identifier, else in backticks (a backtick doubled). */
  public static String quoteIfNeeded(String name) {
    if (PLAIN.matcher(name).matches()) {
      return name;
    }
    return "`" + name.replace("`", "``") + "`";
  }
}
