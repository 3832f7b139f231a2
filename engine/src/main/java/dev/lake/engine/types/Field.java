package dev.lake.engine.types;

import java.util.Objects;

/**
 * A named, typed column (or struct field).
 *
 * @param name the column name, case preserved; lookups are case-insensitive like Delta's
 * @param type the lake type
 * @param nullable whether NULL is allowed
 */
public record Field(String name, LakeType type, boolean nullable) {
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a column name cannot be empty");
    }
  }

  /** A nullable field. */
  public static Field of(String name, LakeType type) {
    return new Field(name, type, true);
  }

  /** A NOT NULL field. */
  public static Field notNull(String name, LakeType type) {
    return new Field(name, type, false);
  }
}
