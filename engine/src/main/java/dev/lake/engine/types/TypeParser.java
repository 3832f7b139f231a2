package dev.lake.engine.types;

import dev.lake.engine.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses lake type names and column lists, the inverse of {@link LakeType#sqlName()} and {@link
 * Schema#toString()}.
 *
 * <p>Accepted (case-insensitive) names, with the type they denote:
 *
 * <ul>
 *   <li>{@code INT8 TINYINT BYTE}, {@code INT16 SMALLINT SHORT}, {@code INT32 INT INTEGER},
 *       {@code INT64 BIGINT LONG};
 *   <li>{@code UINT8 UTINYINT}, {@code UINT16 USMALLINT}, {@code UINT32 UINT UINTEGER}, {@code
 *       UINT64 UBIGINT};
 *   <li>{@code FLOAT32 FLOAT REAL}, {@code FLOAT64 DOUBLE}, {@code DOUBLE PRECISION};
 *   <li>{@code STRING TEXT VARCHAR VARCHAR(n)} (the length is ignored), {@code BINARY VARBINARY
 *       VARBINARY(n) BYTES BLOB}, {@code BOOLEAN BOOL};
 *   <li>{@code DATE}; {@code TIMESTAMP TIMESTAMP_LTZ}, {@code TIMESTAMP WITH [LOCAL] TIME ZONE};
 *       {@code TIMESTAMP_NTZ}, {@code TIMESTAMP WITHOUT TIME ZONE};
 *   <li>{@code DECIMAL NUMERIC} with {@code (p)} or {@code (p,s)}; alone they mean {@code (10,0)};
 *   <li>{@code ARRAY<T>} or {@code LIST<T>}, {@code MAP<K, V>}, {@code STRUCT<name: T [NOT NULL],
 *       ...>} (the colon may be left out). {@code ARRAY<T NOT NULL>} and {@code MAP<K, V NOT
 *       NULL>} make elements or values non-nullable.
 * </ul>
 *
 * Names are plain identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}, letters of any script allowed) or
 * backtick-quoted with a backtick doubled inside, as {@link Identifiers#quoteIfNeeded} writes
 * them. Malformed text throws {@link InvalidInputException} naming the 1-based position and the
 * offending token.
 */
public final class TypeParser {
  private final String text;
  private int pos;

  private TypeParser(String text) {
    this.text = text;
  }

  /** Parses one type, e.g. {@code DECIMAL(10,2)} or {@code MAP<STRING, ARRAY<INT>>}. */
  public static LakeType parse(String text) {
    TypeParser p = new TypeParser(text);
    LakeType t = p.type();
    p.expectEnd();
    return t;
  }

  /**
   * Parses a column list such as {@code id BIGINT NOT NULL, name STRING, s STRUCT<a: INT>};
   * surrounding parentheses are allowed, so {@link Schema#toString()} parses back. Duplicate
   * names (ignoring case) are rejected.
   */
  public static Schema parseColumns(String text) {
    TypeParser p = new TypeParser(text);
    boolean parenthesised = p.peekChar() == '(';
    if (parenthesised) {
      p.pos = p.skipSpaces(p.pos) + 1;
    }
    List<Field> fields = p.fieldList(parenthesised ? ')' : '\0');
    if (parenthesised) {
      p.expectChar(')');
    }
    p.expectEnd();
    return new Schema(fields);
  }

  // ---------------------------------------------------------------------------------------------
  // Grammar

  private LakeType type() {
    int start = skipSpaces(pos);
    String word = word();
    switch (word.toUpperCase(Locale.ROOT)) {
      case "INT8", "TINYINT", "BYTE":
        return LakeType.INT8;
      case "INT16", "SMALLINT", "SHORT":
        return LakeType.INT16;
      case "INT32", "INT", "INTEGER":
        return LakeType.INT32;
      case "INT64", "BIGINT", "LONG":
        return LakeType.INT64;
      case "UINT8", "UTINYINT":
        return LakeType.UINT8;
      case "UINT16", "USMALLINT":
        return LakeType.UINT16;
      case "UINT32", "UINT", "UINTEGER":
        return LakeType.UINT32;
      case "UINT64", "UBIGINT":
        return LakeType.UINT64;
      case "FLOAT32", "FLOAT", "REAL":
        return LakeType.FLOAT32;
      case "FLOAT64":
        return LakeType.FLOAT64;
      case "DOUBLE":
        // SQL's two-word spelling; "PRECISION" can only follow DOUBLE here.
        acceptWords("PRECISION");
        return LakeType.FLOAT64;
      case "STRING", "TEXT":
        return LakeType.STRING;
      case "VARCHAR":
        ignoredLength();
        return LakeType.STRING;
      case "BINARY", "BYTES", "BLOB":
        return LakeType.BINARY;
      case "VARBINARY":
        ignoredLength();
        return LakeType.BINARY;
      case "BOOLEAN", "BOOL":
        return LakeType.BOOLEAN;
      case "DATE":
        return LakeType.DATE;
      case "TIMESTAMP":
        return timestampSuffix();
      case "TIMESTAMP_LTZ":
        return LakeType.TIMESTAMP;
      case "TIMESTAMP_NTZ":
        return LakeType.TIMESTAMP_NTZ;
      case "DECIMAL", "NUMERIC":
        return decimalParameters(start);
      case "ARRAY", "LIST":
        {
          expectChar('<');
          LakeType element = type();
          boolean containsNull = !notNull();
          expectChar('>');
          return new LakeType.ListOf(element, containsNull);
        }
      case "MAP":
        {
          expectChar('<');
          LakeType key = type();
          expectChar(',');
          LakeType value = type();
          boolean valueContainsNull = !notNull();
          expectChar('>');
          return new LakeType.MapOf(key, value, valueContainsNull);
        }
      case "STRUCT":
        {
          expectChar('<');
          List<Field> fields = fieldList('>');
          expectChar('>');
          return LakeType.struct(fields);
        }
      default:
        throw error(start, "unknown type '" + word + "'");
    }
  }

  /** TIMESTAMP [WITH [LOCAL] TIME ZONE | WITHOUT TIME ZONE]. */
  private LakeType timestampSuffix() {
    int save = pos;
    int at = skipSpaces(pos);
    if (!startsIdentifier(at)) {
      return LakeType.TIMESTAMP;
    }
    String next = word().toUpperCase(Locale.ROOT);
    if (next.equals("WITH")) {
      acceptWords("LOCAL");
      requireWords("TIME", "ZONE");
      return LakeType.TIMESTAMP;
    }
    if (next.equals("WITHOUT")) {
      requireWords("TIME", "ZONE");
      return LakeType.TIMESTAMP_NTZ;
    }
    // Not ours (e.g. a following NOT NULL): give the word back.
    pos = save;
    return LakeType.TIMESTAMP;
  }

  private LakeType decimalParameters(int start) {
    if (peekChar() != '(') {
      return LakeType.decimal(10, 0);
    }
    expectChar('(');
    int precision = integer();
    int scale = 0;
    if (peekChar() == ',') {
      expectChar(',');
      scale = integer();
    }
    expectChar(')');
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw error(
          start,
          "DECIMAL("
              + precision
              + ","
              + scale
              + ") is not allowed: precision must be 1..38 and scale 0..precision");
    }
    return LakeType.decimal(precision, scale);
  }

  /** An optional {@code (n)} whose value does not matter (VARCHAR(n), VARBINARY(n)). */
  private void ignoredLength() {
    if (peekChar() == '(') {
      expectChar('(');
      int at = skipSpaces(pos);
      if (integer() < 1) {
        throw error(at, "a length must be at least 1");
      }
      expectChar(')');
    }
  }

  /**
   * {@code name [:] type [NOT NULL] [, ...]} up to (not including) {@code close}; '\0' means the
   * end of the text.
   */
  private List<Field> fieldList(char close) {
    List<Field> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (true) {
      int at = skipSpaces(pos);
      String name = identifier();
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw error(at, "duplicate name '" + name + "'");
      }
      if (peekChar() == ':') {
        expectChar(':');
      }
      LakeType type = type();
      boolean nullable = nullability();
      fields.add(new Field(name, type, nullable));
      char c = peekChar();
      if (c == ',') {
        expectChar(',');
        continue;
      }
      if (c == close) {
        return fields;
      }
      throw error(skipSpaces(pos), close == '\0' ? "expected ',' or the end" : "expected ',' or '" + close + "'");
    }
  }

  /** [NOT NULL | NULL]: false when NOT NULL. */
  private boolean nullability() {
    if (notNull()) {
      return false;
    }
    int at = skipSpaces(pos);
    if (startsIdentifier(at) && text.charAt(at) != '`') {
      int save = pos;
      if (word().equalsIgnoreCase("NULL")) {
        return true;
      }
      pos = save;
    }
    return true;
  }

  /** Consumes {@code NOT NULL} if present. */
  private boolean notNull() {
    int at = skipSpaces(pos);
    if (startsIdentifier(at) && text.charAt(at) != '`') {
      int save = pos;
      if (word().equalsIgnoreCase("NOT")) {
        requireWords("NULL");
        return true;
      }
      pos = save;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  /** A plain word (keyword or identifier), not quoted. */
  private String word() {
    int at = skipSpaces(pos);
    if (at >= text.length()) {
      throw error(at, "expected a name but the text ended");
    }
    if (!isWordStart(text.charAt(at))) {
      throw error(at, "expected a name");
    }
    int end = at + 1;
    while (end < text.length() && isWordPart(text.charAt(end))) {
      end++;
    }
    pos = end;
    return text.substring(at, end);
  }

  /** A column or field name: a plain word or a backtick-quoted name. */
  private String identifier() {
    int at = skipSpaces(pos);
    if (at < text.length() && text.charAt(at) == '`') {
      StringBuilder sb = new StringBuilder();
      int i = at + 1;
      while (true) {
        if (i >= text.length()) {
          throw error(at, "unterminated quoted name");
        }
        char c = text.charAt(i);
        if (c == '`') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
            sb.append('`');
            i += 2;
            continue;
          }
          pos = i + 1;
          if (sb.length() == 0) {
            throw error(at, "a name cannot be empty");
          }
          return sb.toString();
        }
        sb.append(c);
        i++;
      }
    }
    return word();
  }

  private int integer() {
    int at = skipSpaces(pos);
    int end = at;
    while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    if (end == at) {
      throw error(at, "expected a number");
    }
    if (end - at > 9) {
      throw error(at, "number too large");
    }
    pos = end;
    return Integer.parseInt(text.substring(at, end));
  }

  private void requireWords(String... words) {
    for (String w : words) {
      int at = skipSpaces(pos);
      if (!startsIdentifier(at) || text.charAt(at) == '`' || !word().equalsIgnoreCase(w)) {
        throw error(at, "expected " + w);
      }
    }
  }

  private void acceptWords(String w) {
    int at = skipSpaces(pos);
    if (startsIdentifier(at) && text.charAt(at) != '`') {
      int save = pos;
      if (!word().equalsIgnoreCase(w)) {
        pos = save;
      }
    }
  }

  private void expectChar(char c) {
    int at = skipSpaces(pos);
    if (at >= text.length() || text.charAt(at) != c) {
      throw error(at, "expected '" + c + "'");
    }
    pos = at + 1;
  }

  /** The next non-space character, or '\0' at the end. */
  private char peekChar() {
    int at = skipSpaces(pos);
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void expectEnd() {
    int at = skipSpaces(pos);
    if (at < text.length()) {
      throw error(at, "unexpected text after the end");
    }
  }

  private int skipSpaces(int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private boolean startsIdentifier(int at) {
    return at < text.length() && (text.charAt(at) == '`' || isWordStart(text.charAt(at)));
  }

  private static boolean isWordStart(char c) {
    return c == '_' || Character.isLetter(c);
  }

  private static boolean isWordPart(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** An error at a 0-based offset, reported 1-based with the token found there. */
  private InvalidInputException error(int at, String what) {
    String found;
    if (at >= text.length()) {
      found = "the end of the text";
    } else {
      int end = at + 1;
      if (isWordStart(text.charAt(at)) || Character.isDigit(text.charAt(at))) {
        while (end < text.length() && isWordPart(text.charAt(end))) {
          end++;
        }
      }
      found = "'" + text.substring(at, end) + "'";
    }
    return new InvalidInputException(
        "bad type text \"" + text + "\" at position " + (at + 1) + " (" + found + "): " + what);
  }
}
