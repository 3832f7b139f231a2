package dev.lake.jdbc.parser;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Lake type names in SQL: the one-word names the grammar maps to a type (the parameterised and
 * multi-word ones, DECIMAL(p,s), DOUBLE PRECISION, TIMESTAMP WITH TIME ZONE, ARRAY&lt;T&gt;, ...,
 * are parsed in {@code parserImpls.ftl}), and the inverse, {@link #toSql}.
 *
 * <p>The names are those {@link dev.lake.engine.types.TypeParser} accepts, plus {@code CHAR},
 * {@code CHARACTER} (STRING) and {@code BINARY(n)}, as SQL tools write them.
 */
public final class LakeTypeSql {
  private LakeTypeSql() {}

  private static final Map<String, LakeType> SIMPLE =
      Map.ofEntries(
          Map.entry("TINYINT", LakeType.INT8),
          Map.entry("INT8", LakeType.INT8),
          Map.entry("BYTE", LakeType.INT8),
          Map.entry("SMALLINT", LakeType.INT16),
          Map.entry("INT16", LakeType.INT16),
          Map.entry("SHORT", LakeType.INT16),
          Map.entry("INT", LakeType.INT32),
          Map.entry("INTEGER", LakeType.INT32),
          Map.entry("INT32", LakeType.INT32),
          Map.entry("BIGINT", LakeType.INT64),
          Map.entry("INT64", LakeType.INT64),
          Map.entry("LONG", LakeType.INT64),
          Map.entry("UTINYINT", LakeType.UINT8),
          Map.entry("UINT8", LakeType.UINT8),
          Map.entry("USMALLINT", LakeType.UINT16),
          Map.entry("UINT16", LakeType.UINT16),
          Map.entry("UINT", LakeType.UINT32),
          Map.entry("UINTEGER", LakeType.UINT32),
          Map.entry("UINT32", LakeType.UINT32),
          Map.entry("UBIGINT", LakeType.UINT64),
          Map.entry("UINT64", LakeType.UINT64),
          Map.entry("FLOAT", LakeType.FLOAT32),
          Map.entry("REAL", LakeType.FLOAT32),
          Map.entry("FLOAT32", LakeType.FLOAT32),
          Map.entry("DOUBLE", LakeType.FLOAT64),
          Map.entry("FLOAT64", LakeType.FLOAT64),
          Map.entry("STRING", LakeType.STRING),
          Map.entry("TEXT", LakeType.STRING),
          Map.entry("VARCHAR", LakeType.STRING),
          Map.entry("CHAR", LakeType.STRING),
          Map.entry("CHARACTER", LakeType.STRING),
          Map.entry("BINARY", LakeType.BINARY),
          Map.entry("VARBINARY", LakeType.BINARY),
          Map.entry("BYTES", LakeType.BINARY),
          Map.entry("BLOB", LakeType.BINARY),
          Map.entry("BOOLEAN", LakeType.BOOLEAN),
          Map.entry("BOOL", LakeType.BOOLEAN),
          Map.entry("DATE", LakeType.DATE),
          Map.entry("TIMESTAMP", LakeType.TIMESTAMP),
          Map.entry("TIMESTAMP_LTZ", LakeType.TIMESTAMP),
          Map.entry("TIMESTAMP_NTZ", LakeType.TIMESTAMP_NTZ));

  /** Type names that take {@code <...>} parameters. */
  private static final java.util.Set<String> NESTED = java.util.Set.of("ARRAY", "LIST", "MAP", "STRUCT");

  /** Type names that take {@code (p[,s])}. */
  private static final java.util.Set<String> DECIMAL = java.util.Set.of("DECIMAL", "NUMERIC", "DEC");

  /**
   * The type a one-word name denotes (upper or lower case), or null if the word is not a simple
   * type name. DECIMAL/NUMERIC alone are not included (see {@link #isDecimalName}).
   */
  public static @Nullable LakeType simpleType(String word) {
    return SIMPLE.get(word.toUpperCase(Locale.ROOT));
  }

  /** True for DECIMAL, NUMERIC and DEC. */
  public static boolean isDecimalName(String word) {
    return DECIMAL.contains(word.toUpperCase(Locale.ROOT));
  }

  /** True for the names a type can start with. */
  public static boolean isTypeName(String word) {
    String w = word.toUpperCase(Locale.ROOT);
    return SIMPLE.containsKey(w) || NESTED.contains(w) || DECIMAL.contains(w);
  }

  /**
   * The type in the grammar's own syntax, with STRUCT field names quoted the way {@code dialect}
   * quotes identifiers, so that the text parses back to an equal type.
   */
  public static String toSql(LakeType type, SqlDialect dialect) {
    StringBuilder sb = new StringBuilder();
    append(sb, type, dialect);
    return sb.toString();
  }

  private static void append(StringBuilder sb, LakeType type, SqlDialect dialect) {
    if (type instanceof LakeType.ListOf l) {
      sb.append("ARRAY<");
      append(sb, l.element(), dialect);
      if (!l.containsNull()) {
        sb.append(" NOT NULL");
      }
      sb.append('>');
    } else if (type instanceof LakeType.MapOf m) {
      sb.append("MAP<");
      append(sb, m.key(), dialect);
      sb.append(", ");
      append(sb, m.value(), dialect);
      if (!m.valueContainsNull()) {
        sb.append(" NOT NULL");
      }
      sb.append('>');
    } else if (type instanceof LakeType.StructOf s) {
      sb.append("STRUCT<");
      boolean first = true;
      for (Field f : s.fields()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(dialect.quoteIdentifier(f.name())).append(": ");
        append(sb, f.type(), dialect);
        if (!f.nullable()) {
          sb.append(" NOT NULL");
        }
      }
      sb.append('>');
    } else {
      // Primitive and Decimal: their DDL names parse back as they are.
      sb.append(type.sqlName());
    }
  }
}
