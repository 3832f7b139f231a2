package dev.lake.engine.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compact JSON (no spaces) for ARRAY, MAP and STRUCT values, through Jackson's streaming API.
 *
 * <ul>
 *   <li>ARRAY: a JSON array; MAP: a JSON object whose keys are the key type's canonical CSV text
 *       (entries in the map's order); STRUCT: a JSON object of every field, in field order.
 *   <li>Integers, UINT64 and decimals are JSON numbers in their canonical text ({@code 12.50});
 *       floats are JSON numbers except {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"},
 *       which are strings; booleans are JSON booleans; strings, dates, timestamps and binary are
 *       JSON strings of their canonical text; NULL is {@code null}. Non-ASCII is written as is.
 *   <li>Reading takes the number's own text (never a double), and also a JSON string for any
 *       scalar, both parsed with {@link CsvValueCodec}'s rules. A missing struct field is NULL;
 *       an unknown or repeated field, and a repeated map key, are errors.
 * </ul>
 */
final class NestedJson {
  private NestedJson() {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * A failure below the top level; the path to the element is prefixed as it unwinds ({@code
   * field 'a': element 2: ...}). {@code notNull} marks NOT NULL violations, which surface as
   * {@link ConstraintViolationException}.
   */
  private static final class Bad extends RuntimeException {
    final boolean notNull;

    Bad(String message, boolean notNull) {
      super(message, null, false, false);
      this.notNull = notNull;
    }

    Bad(String message) {
      this(message, false);
    }

    Bad under(String where) {
      return new Bad(where + ": " + getMessage(), notNull);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  static void write(StringBuilder sb, LakeType type, Object value) {
    try (JsonGenerator g = JSON.createGenerator(new StringBuilderWriter(sb))) {
      writeValue(g, type, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    } catch (Bad e) {
      String message = "cannot write " + CsvValueCodec.article(type) + type.sqlName() + " value: " + e.getMessage();
      throw e.notNull ? new ConstraintViolationException(message) : new SchemaException(message);
    }
  }

  private static void writeValue(JsonGenerator g, LakeType type, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    switch (type.kind()) {
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DECIMAL -> g.writeNumber(scalarText(type, value));
      case FLOAT32, FLOAT64 -> {
        String text = scalarText(type, value);
        char last = text.charAt(text.length() - 1);
        // NaN and +-Infinity are not JSON numbers.
        if (last == 'N' || last == 'y') {
          g.writeString(text);
        } else {
          g.writeNumber(text);
        }
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean b)) {
          throw new Bad("a BOOLEAN value must be a Boolean, not " + value.getClass().getName());
        }
        g.writeBoolean(b);
      }
      case STRING, BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ -> g.writeString(scalarText(type, value));
      case LIST -> {
        LakeType.ListOf list = (LakeType.ListOf) type;
        if (!(value instanceof List<?> elements)) {
          throw new Bad("an ARRAY value must be a java.util.List, not " + value.getClass().getName());
        }
        g.writeStartArray();
        int i = 0;
        for (Object e : elements) {
          i++;
          if (e == null && !list.containsNull()) {
            throw new Bad("element " + i + " is NULL but the elements are NOT NULL", true);
          }
          try {
            writeValue(g, list.element(), e);
          } catch (Bad ex) {
            throw ex.under("element " + i);
          }
        }
        g.writeEndArray();
      }
      case MAP -> {
        LakeType.MapOf map = (LakeType.MapOf) type;
        if (!(value instanceof Map<?, ?> entries)) {
          throw new Bad("a MAP value must be a java.util.Map, not " + value.getClass().getName());
        }
        g.writeStartObject();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          if (e.getKey() == null) {
            throw new Bad("a MAP key cannot be NULL");
          }
          String key;
          try {
            key = scalarText(map.key(), e.getKey());
          } catch (Bad ex) {
            throw ex.under("key");
          }
          if (e.getValue() == null && !map.valueContainsNull()) {
            throw new Bad("the value of key " + CsvValueCodec.quoteForMessage(key) + " is NULL but the values are NOT NULL", true);
          }
          g.writeFieldName(key);
          try {
            writeValue(g, map.value(), e.getValue());
          } catch (Bad ex) {
            throw ex.under("key " + CsvValueCodec.quoteForMessage(key));
          }
        }
        g.writeEndObject();
      }
      case STRUCT -> {
        LakeType.StructOf struct = (LakeType.StructOf) type;
        if (!(value instanceof List<?> values)) {
          throw new Bad("a STRUCT value must be a java.util.List of field values, not " + value.getClass().getName());
        }
        List<Field> fields = struct.fields();
        if (values.size() != fields.size()) {
          throw new Bad(CsvValueCodec.article(type) + type.sqlName() + " value needs " + fields.size() + " field values, not " + values.size());
        }
        g.writeStartObject();
        for (int i = 0; i < fields.size(); i++) {
          Field f = fields.get(i);
          Object v = values.get(i);
          if (v == null && !f.nullable()) {
            throw new Bad("field '" + f.name() + "' is NOT NULL", true);
          }
          g.writeFieldName(f.name());
          try {
            writeValue(g, f.type(), v);
          } catch (Bad ex) {
            throw ex.under("field '" + f.name() + "'");
          }
        }
        g.writeEndObject();
      }
    }
  }

  /** The canonical text of a value inside JSON (also a map key's text). */
  private static String scalarText(LakeType type, Object value) {
    try {
      return CsvValueCodec.format(type, value);
    } catch (SchemaException e) {
      throw new Bad(e.getMessage());
    } catch (ConstraintViolationException e) {
      throw new Bad(e.getMessage(), true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  static Object read(LakeType type, String text) {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw CsvValueCodec.notA(type, text, "no JSON value");
      }
      if (t == JsonToken.VALUE_NULL) {
        throw CsvValueCodec.notA(type, text, "write NULL as an empty unquoted field, not as JSON null");
      }
      Object v = readValue(p, type, t);
      if (p.nextToken() != null) {
        throw CsvValueCodec.notA(type, text, "unexpected text after the JSON value");
      }
      return v;
    } catch (JsonProcessingException e) {
      throw CsvValueCodec.notA(type, text, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail otherwise
    } catch (Bad e) {
      SchemaException ex = CsvValueCodec.notA(type, text, e.getMessage());
      throw e.notNull ? new ConstraintViolationException(ex.getMessage()) : ex;
    }
  }

  private static Object readValue(JsonParser p, LakeType type, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (type.kind()) {
      case STRING:
        if (t == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        throw unexpected(type, t, p);
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, DECIMAL, FLOAT32, FLOAT64:
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING) {
          return scalar(type, p.getText());
        }
        throw unexpected(type, t, p);
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE) {
          return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
          return Boolean.FALSE;
        }
        if (t == JsonToken.VALUE_STRING) {
          return scalar(type, p.getText());
        }
        throw unexpected(type, t, p);
      case BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ:
        if (t == JsonToken.VALUE_STRING) {
          return scalar(type, p.getText());
        }
        throw unexpected(type, t, p);
      case LIST:
        {
          if (t != JsonToken.START_ARRAY) {
            throw unexpected(type, t, p);
          }
          LakeType.ListOf list = (LakeType.ListOf) type;
          List<Object> out = new ArrayList<>();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = out.size() + 1;
            Object v;
            try {
              v = readValue(p, list.element(), e);
            } catch (Bad ex) {
              throw ex.under("element " + index);
            }
            if (v == null && !list.containsNull()) {
              throw new Bad("element " + index + " is NULL but the elements are NOT NULL", true);
            }
            out.add(v);
          }
          return out;
        }
      case MAP:
        {
          if (t != JsonToken.START_OBJECT) {
            throw unexpected(type, t, p);
          }
          LakeType.MapOf map = (LakeType.MapOf) type;
          Map<Object, Object> out = new LinkedHashMap<>();
          // Keys whose Java values lack value equality (byte[]) are compared by canonical text.
          Set<String> seenText = hasValueEquality(map.key()) ? null : new HashSet<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            Object key;
            try {
              key = CsvValueCodec.parse(map.key(), name);
            } catch (SchemaException ex) {
              throw new Bad("key: " + ex.getMessage());
            } catch (ConstraintViolationException ex) {
              throw new Bad("key: " + ex.getMessage(), true);
            }
            boolean duplicate =
                seenText == null ? out.containsKey(key) : !seenText.add(CsvValueCodec.format(map.key(), key));
            if (duplicate) {
              throw new Bad("duplicate key " + CsvValueCodec.quoteForMessage(name));
            }
            Object v;
            try {
              v = readValue(p, map.value(), p.nextToken());
            } catch (Bad ex) {
              throw ex.under("key " + CsvValueCodec.quoteForMessage(name));
            }
            if (v == null && !map.valueContainsNull()) {
              throw new Bad("the value of key " + CsvValueCodec.quoteForMessage(name) + " is NULL but the values are NOT NULL", true);
            }
            out.put(key, v);
          }
          return out;
        }
      case STRUCT:
        {
          if (t != JsonToken.START_OBJECT) {
            throw unexpected(type, t, p);
          }
          List<Field> fields = ((LakeType.StructOf) type).fields();
          Object[] values = new Object[fields.size()];
          boolean[] seen = new boolean[fields.size()];
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int i = fieldIndex(fields, name);
            if (i < 0) {
              throw new Bad("unknown field " + CsvValueCodec.quoteForMessage(name));
            }
            if (seen[i]) {
              throw new Bad("field " + CsvValueCodec.quoteForMessage(name) + " appears twice");
            }
            seen[i] = true;
            try {
              values[i] = readValue(p, fields.get(i).type(), p.nextToken());
            } catch (Bad ex) {
              throw ex.under("field '" + fields.get(i).name() + "'");
            }
          }
          for (int i = 0; i < values.length; i++) {
            if (values[i] == null && !fields.get(i).nullable()) {
              throw new Bad(
                  "field '" + fields.get(i).name() + "' is NOT NULL but " + (seen[i] ? "is null" : "is missing"),
                  true);
            }
          }
          return new ArrayList<>(Arrays.asList(values));
        }
      default:
        throw new AssertionError(type);
    }
  }

  /** A scalar inside JSON: the codec's rules, its error becoming this element's reason. */
  private static Object scalar(LakeType type, String text) {
    try {
      return CsvValueCodec.parse(type, text);
    } catch (SchemaException e) {
      throw new Bad(e.getMessage());
    } catch (ConstraintViolationException e) {
      throw new Bad(e.getMessage(), true);
    }
  }

  /** Exact name first, then ignoring case, as lake's column lookups do. */
  private static int fieldIndex(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Bad unexpected(LakeType type, JsonToken t, JsonParser p) throws IOException {
    String found =
        switch (t) {
          case START_ARRAY -> "a JSON array";
          case START_OBJECT -> "a JSON object";
          case VALUE_STRING -> "the string " + CsvValueCodec.quoteForMessage(p.getText());
          case VALUE_TRUE, VALUE_FALSE -> "the boolean " + p.getText();
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
          default -> "JSON " + t;
        };
    return new Bad("expected " + article(type) + type.sqlName() + ", found " + found);
  }

  private static String article(LakeType type) {
    return CsvValueCodec.article(type);
  }


  /** False for types whose Java values are arrays (BINARY) or contain them. */
  private static boolean hasValueEquality(LakeType type) {
    return switch (type.kind()) {
      case BINARY -> false;
      case LIST -> hasValueEquality(((LakeType.ListOf) type).element());
      case MAP -> hasValueEquality(((LakeType.MapOf) type).key()) && hasValueEquality(((LakeType.MapOf) type).value());
      case STRUCT -> ((LakeType.StructOf) type).fields().stream().allMatch(f -> hasValueEquality(f.type()));
      default -> true;
    };
  }

  /** Jackson writes to a Writer; this one appends to the caller's StringBuilder. */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder sb;

    StringBuilderWriter(StringBuilder sb) {
      this.sb = sb;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      sb.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      sb.append(str, off, off + len);
    }

    @Override
    public void write(int c) {
      sb.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
