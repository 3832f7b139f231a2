package dev.lake.engine.types;

import java.util.List;
import java.util.Objects;

/**
 * A column type of a lake table: the posixlake set, mapped onto Delta types as docs/TYPES.md
 * describes. Instances are immutable values; compare them with {@code equals}.
 *
 * <p>Java values for each type (the engine's one value convention, used by writes, scans,
 * predicates and the CSV codec):
 *
 * <ul>
 *   <li>INT8 {@link Byte}, INT16 {@link Short}, INT32 {@link Integer}, INT64 {@link Long};
 *   <li>UINT8 {@link Short}, UINT16 {@link Integer}, UINT32 {@link Long}, UINT64 {@link
 *       java.math.BigInteger} (Delta has no unsigned types: each is stored in the next wider
 *       signed type, UINT64 as DECIMAL(20,0), and its range is checked on write);
 *   <li>FLOAT32 {@link Float}, FLOAT64 {@link Double};
 *   <li>STRING {@link String}, BINARY {@code byte[]}, BOOLEAN {@link Boolean};
 *   <li>DATE {@link java.time.LocalDate}, TIMESTAMP {@link java.time.Instant} (microsecond
 *       precision, UTC), TIMESTAMP_NTZ {@link java.time.LocalDateTime} (microseconds, no zone);
 *   <li>DECIMAL {@link java.math.BigDecimal} with the column's scale;
 *   <li>LIST {@link java.util.List}, MAP {@link java.util.Map} (insertion ordered), STRUCT
 *       {@link java.util.List} of field values in field order.
 * </ul>
 *
 * NULL is Java {@code null} for every type.
 */
public sealed interface LakeType
    permits LakeType.Primitive, LakeType.Decimal, LakeType.ListOf, LakeType.MapOf, LakeType.StructOf {

  /** The kind of the type; parameters live in the record. */
  Kind kind();

  /** The type's name in lake's DDL, e.g. {@code INT}, {@code DECIMAL(10,2)}, {@code MAP<STRING, INT>}. */
  String sqlName();

  /** True for LIST, MAP and STRUCT. */
  default boolean isNested() {
    return kind() == Kind.LIST || kind() == Kind.MAP || kind() == Kind.STRUCT;
  }

  /** Every kind of lake type. */
  enum Kind {
    INT8("TINYINT"),
    INT16("SMALLINT"),
    INT32("INT"),
    INT64("BIGINT"),
    UINT8("UTINYINT"),
    UINT16("USMALLINT"),
    UINT32("UINT"),
    UINT64("UBIGINT"),
    FLOAT32("FLOAT"),
    FLOAT64("DOUBLE"),
    STRING("STRING"),
    BINARY("BINARY"),
    BOOLEAN("BOOLEAN"),
    DATE("DATE"),
    TIMESTAMP("TIMESTAMP"),
    TIMESTAMP_NTZ("TIMESTAMP_NTZ"),
    DECIMAL("DECIMAL"),
    LIST("ARRAY"),
    MAP("MAP"),
    STRUCT("STRUCT");

    private final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }

    /** The DDL name of the kind (parameters not included). */
    public String sqlName() {
      return sqlName;
    }
  }

  LakeType INT8 = new Primitive(Kind.INT8);
  LakeType INT16 = new Primitive(Kind.INT16);
  LakeType INT32 = new Primitive(Kind.INT32);
  LakeType INT64 = new Primitive(Kind.INT64);
  LakeType UINT8 = new Primitive(Kind.UINT8);
  LakeType UINT16 = new Primitive(Kind.UINT16);
  LakeType UINT32 = new Primitive(Kind.UINT32);
  LakeType UINT64 = new Primitive(Kind.UINT64);
  LakeType FLOAT32 = new Primitive(Kind.FLOAT32);
  LakeType FLOAT64 = new Primitive(Kind.FLOAT64);
  LakeType STRING = new Primitive(Kind.STRING);
  LakeType BINARY = new Primitive(Kind.BINARY);
  LakeType BOOLEAN = new Primitive(Kind.BOOLEAN);
  LakeType DATE = new Primitive(Kind.DATE);
  LakeType TIMESTAMP = new Primitive(Kind.TIMESTAMP);
  LakeType TIMESTAMP_NTZ = new Primitive(Kind.TIMESTAMP_NTZ);

  /** DECIMAL(precision, scale); precision 1..38, scale 0..precision. */
  static LakeType decimal(int precision, int scale) {
    return new Decimal(precision, scale);
  }

  /** A list whose elements may be NULL. */
  static LakeType list(LakeType element) {
    return new ListOf(element, true);
  }

  /** A map whose values may be NULL (keys never are). */
  static LakeType map(LakeType key, LakeType value) {
    return new MapOf(key, value, true);
  }

  /** A struct of the given fields. */
  static LakeType struct(List<Field> fields) {
    return new StructOf(fields);
  }

  /** A type without parameters. */
  record Primitive(Kind kind) implements LakeType {
    public Primitive {
      Objects.requireNonNull(kind);
      if (kind == Kind.DECIMAL || kind == Kind.LIST || kind == Kind.MAP || kind == Kind.STRUCT) {
        throw new IllegalArgumentException(kind + " needs parameters");
      }
    }

    @Override
    public String sqlName() {
      return kind.sqlName();
    }

    @Override
    public String toString() {
      return sqlName();
    }
  }

  /** DECIMAL(precision, scale). */
  record Decimal(int precision, int scale) implements LakeType {
    public Decimal {
      if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "DECIMAL(" + precision + "," + scale + "): precision must be 1..38 and scale 0..precision");
      }
    }

    @Override
    public Kind kind() {
      return Kind.DECIMAL;
    }

    @Override
    public String sqlName() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public String toString() {
      return sqlName();
    }
  }

  /** ARRAY&lt;element&gt;. */
  record ListOf(LakeType element, boolean containsNull) implements LakeType {
    public ListOf {
      Objects.requireNonNull(element);
    }

    @Override
    public Kind kind() {
      return Kind.LIST;
    }

    @Override
    public String sqlName() {
      return "ARRAY<" + element.sqlName() + (containsNull ? "" : " NOT NULL") + ">";
    }

    @Override
    public String toString() {
      return sqlName();
    }
  }

  /** MAP&lt;key, value&gt;. */
  record MapOf(LakeType key, LakeType value, boolean valueContainsNull) implements LakeType {
    public MapOf {
      Objects.requireNonNull(key);
      Objects.requireNonNull(value);
    }

    @Override
    public Kind kind() {
      return Kind.MAP;
    }

    @Override
    public String sqlName() {
      return "MAP<" + key.sqlName() + ", " + value.sqlName() + (valueContainsNull ? "" : " NOT NULL") + ">";
    }

    @Override
    public String toString() {
      return sqlName();
    }
  }

  /** STRUCT&lt;name: type, ...&gt;. */
  record StructOf(List<Field> fields) implements LakeType {
    public StructOf {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a STRUCT needs at least one field");
      }
    }

    @Override
    public Kind kind() {
      return Kind.STRUCT;
    }

    @Override
    public String sqlName() {
      StringBuilder sb = new StringBuilder("STRUCT<");
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Field f = fields.get(i);
        sb.append(Identifiers.quoteIfNeeded(f.name())).append(": ").append(f.type().sqlName());
        if (!f.nullable()) {
          sb.append(" NOT NULL");
        }
      }
      return sb.append('>').toString();
    }

    @Override
    public String toString() {
      return sqlName();
    }
  }
}
