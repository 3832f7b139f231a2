package dev.lake.engine.types;

import dev.lake.engine.error.SchemaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a table, in order. Column lookups ignore case (as Delta and Spark do); two
 * columns whose names differ only in case are rejected.
 */
public final class Schema {
  private final List<Field> fields;
  private final Map<String, Integer> indexByLowerName;

  /** A schema of the given columns; throws {@link SchemaException} on duplicates or none. */
  public Schema(List<Field> fields) {
    if (fields.isEmpty()) {
      throw new SchemaException("a table needs at least one column");
    }
    this.fields = List.copyOf(fields);
    this.indexByLowerName = new HashMap<>();
    for (int i = 0; i < this.fields.size(); i++) {
      String key = this.fields.get(i).name().toLowerCase(Locale.ROOT);
      if (indexByLowerName.putIfAbsent(key, i) != null) {
        throw new SchemaException("duplicate column name: " + this.fields.get(i).name());
      }
    }
  }

  /** A schema of the given columns. */
  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  /** The columns in order. */
  public List<Field> fields() {
    return fields;
  }

  /** Number of columns. */
  public int size() {
    return fields.size();
  }

  /** The i-th column. */
  public Field field(int i) {
    return fields.get(i);
  }

  /** The position of a column, or -1; case-insensitive. */
  public int indexOf(String name) {
    Integer i = indexByLowerName.get(name.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** The position of a column; throws {@link SchemaException} naming the known columns. */
  public int require(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new SchemaException(
          "unknown column '" + name + "'; the table has: " + String.join(", ", columnNames()));
    }
    return i;
  }

  /** The column named {@code name} (case-insensitive); throws {@link SchemaException}. */
  public Field field(String name) {
    return fields.get(require(name));
  }

  /** Column names in order. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(fields.size());
    for (Field f : fields) {
      names.add(f.name());
    }
    return names;
  }

  /** The sub-schema of the named columns, in the order given. */
  public Schema project(List<String> names) {
    List<Field> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(field(n));
    }
    return new Schema(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(Identifiers.quoteIfNeeded(f.name())).append(' ').append(f.type().sqlName());
      if (!f.nullable()) {
        sb.append(" NOT NULL");
      }
    }
    return sb.append(')').toString();
  }
}
