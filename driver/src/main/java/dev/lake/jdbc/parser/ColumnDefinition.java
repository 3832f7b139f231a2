package dev.lake.jdbc.parser;

import dev.lake.engine.types.LakeType;
import java.util.Objects;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMNS}: {@code name type [NOT
 * NULL | NULL]}.
 *
 * @param name the column name, after Calcite's identifier casing (quoted names as written)
 * @param type the lake type
 * @param notNull true when the column was declared {@code NOT NULL}
 * @param pos where the definition is in the statement (for error messages)
 */
public record ColumnDefinition(String name, LakeType type, boolean notNull, SqlParserPos pos) {
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pos, "pos");
  }

  /** Equal name, type and nullability; the position does not count. */
  public boolean sameDefinition(ColumnDefinition other) {
    return name.equals(other.name) && type.equals(other.type) && notNull == other.notNull;
  }
}
