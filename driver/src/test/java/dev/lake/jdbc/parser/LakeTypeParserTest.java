package dev.lake.jdbc.parser;

import static dev.lake.jdbc.parser.ParserFixture.BACKTICKS;
import static dev.lake.jdbc.parser.ParserFixture.BACKTICK_DIALECT;
import static dev.lake.jdbc.parser.ParserFixture.DEFAULT;
import static dev.lake.jdbc.parser.ParserFixture.parse;
import static dev.lake.jdbc.parser.ParserFixture.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.TypeParser;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lake type name and nesting, in CREATE TABLE column definitions. */
class LakeTypeParserTest {

  private static final LakeType NESTED =
      LakeType.map(
          LakeType.STRING,
          LakeType.list(
              LakeType.struct(
                  List.of(
                      Field.notNull("a", LakeType.INT32),
                      Field.of("b", LakeType.map(LakeType.INT64, LakeType.list(LakeType.decimal(5, 1))))))));

  /** Type text, the type, and whether the engine's TypeParser accepts the same text. */
  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("TINYINT", LakeType.INT8, true),
        Arguments.of("INT8", LakeType.INT8, true),
        Arguments.of("BYTE", LakeType.INT8, true),
        Arguments.of("SMALLINT", LakeType.INT16, true),
        Arguments.of("INT16", LakeType.INT16, true),
        Arguments.of("SHORT", LakeType.INT16, true),
        Arguments.of("INT", LakeType.INT32, true),
        Arguments.of("INTEGER", LakeType.INT32, true),
        Arguments.of("INT32", LakeType.INT32, true),
        Arguments.of("BIGINT", LakeType.INT64, true),
        Arguments.of("INT64", LakeType.INT64, true),
        Arguments.of("LONG", LakeType.INT64, true),
        Arguments.of("UTINYINT", LakeType.UINT8, true),
        Arguments.of("UINT8", LakeType.UINT8, true),
        Arguments.of("USMALLINT", LakeType.UINT16, true),
        Arguments.of("UINT16", LakeType.UINT16, true),
        Arguments.of("UINT", LakeType.UINT32, true),
        Arguments.of("UINTEGER", LakeType.UINT32, true),
        Arguments.of("UINT32", LakeType.UINT32, true),
        Arguments.of("UBIGINT", LakeType.UINT64, true),
        Arguments.of("UINT64", LakeType.UINT64, true),
        Arguments.of("FLOAT", LakeType.FLOAT32, true),
        Arguments.of("REAL", LakeType.FLOAT32, true),
        Arguments.of("FLOAT32", LakeType.FLOAT32, true),
        Arguments.of("DOUBLE", LakeType.FLOAT64, true),
        Arguments.of("DOUBLE PRECISION", LakeType.FLOAT64, true),
        Arguments.of("FLOAT64", LakeType.FLOAT64, true),
        Arguments.of("STRING", LakeType.STRING, true),
        Arguments.of("TEXT", LakeType.STRING, true),
        Arguments.of("VARCHAR", LakeType.STRING, true),
        Arguments.of("VARCHAR(255)", LakeType.STRING, true),
        Arguments.of("CHAR", LakeType.STRING, false),
        Arguments.of("CHAR(3)", LakeType.STRING, false),
        Arguments.of("CHARACTER", LakeType.STRING, false),
        Arguments.of("CHARACTER VARYING(10)", LakeType.STRING, false),
        Arguments.of("BINARY", LakeType.BINARY, true),
        Arguments.of("BINARY(16)", LakeType.BINARY, false),
        Arguments.of("VARBINARY", LakeType.BINARY, true),
        Arguments.of("VARBINARY(16)", LakeType.BINARY, true),
        Arguments.of("BYTES", LakeType.BINARY, true),
        Arguments.of("BLOB", LakeType.BINARY, true),
        Arguments.of("BOOLEAN", LakeType.BOOLEAN, true),
        Arguments.of("BOOL", LakeType.BOOLEAN, true),
        Arguments.of("DATE", LakeType.DATE, true),
        Arguments.of("TIMESTAMP", LakeType.TIMESTAMP, true),
        Arguments.of("TIMESTAMP_LTZ", LakeType.TIMESTAMP, true),
        Arguments.of("TIMESTAMP WITH TIME ZONE", LakeType.TIMESTAMP, true),
        Arguments.of("TIMESTAMP WITH LOCAL TIME ZONE", LakeType.TIMESTAMP, true),
        Arguments.of("TIMESTAMP_NTZ", LakeType.TIMESTAMP_NTZ, true),
        Arguments.of("TIMESTAMP WITHOUT TIME ZONE", LakeType.TIMESTAMP_NTZ, true),
        Arguments.of("DECIMAL", LakeType.decimal(10, 0), true),
        Arguments.of("DECIMAL(5)", LakeType.decimal(5, 0), true),
        Arguments.of("DECIMAL(38, 10)", LakeType.decimal(38, 10), true),
        Arguments.of("DECIMAL(1,1)", LakeType.decimal(1, 1), true),
        Arguments.of("NUMERIC(12,2)", LakeType.decimal(12, 2), true),
        Arguments.of("NUMERIC", LakeType.decimal(10, 0), true),
        Arguments.of("DEC(4,2)", LakeType.decimal(4, 2), false),
        Arguments.of("ARRAY<INT>", LakeType.list(LakeType.INT32), true),
        Arguments.of("LIST<STRING>", LakeType.list(LakeType.STRING), true),
        Arguments.of("ARRAY<INT NOT NULL>", new LakeType.ListOf(LakeType.INT32, false), true),
        Arguments.of("ARRAY<INT NULL>", LakeType.list(LakeType.INT32), false),
        Arguments.of("MAP<STRING, INT>", LakeType.map(LakeType.STRING, LakeType.INT32), true),
        Arguments.of(
            "MAP<STRING, INT NOT NULL>",
            new LakeType.MapOf(LakeType.STRING, LakeType.INT32, false),
            true),
        Arguments.of(
            "STRUCT<a: INT, b STRING NOT NULL>",
            LakeType.struct(
                List.of(Field.of("a", LakeType.INT32), Field.notNull("b", LakeType.STRING))),
            true),
        Arguments.of(
            "STRUCT<`x y`: DECIMAL(3,1), `a``b` TIMESTAMP WITHOUT TIME ZONE>",
            LakeType.struct(
                List.of(
                    Field.of("x y", LakeType.decimal(3, 1)),
                    Field.of("a`b", LakeType.TIMESTAMP_NTZ))),
            true),
        Arguments.of(
            "ARRAY<ARRAY<ARRAY<INT>>>",
            LakeType.list(LakeType.list(LakeType.list(LakeType.INT32))),
            true),
        Arguments.of(
            "MAP<STRING,ARRAY<STRUCT<a:INT NOT NULL,b:MAP<BIGINT,ARRAY<DECIMAL(5,1)>>>>>",
            NESTED,
            true),
        Arguments.of(
            "map < string , list < struct < a int not null , b map<long, array<numeric(5, 1)> > > > >",
            NESTED,
            true),
        Arguments.of(
            "STRUCT<s: STRUCT<t: STRUCT<u: ARRAY<MAP<DATE, TIMESTAMP>>>>>",
            LakeType.struct(
                List.of(
                    Field.of(
                        "s",
                        LakeType.struct(
                            List.of(
                                Field.of(
                                    "t",
                                    LakeType.struct(
                                        List.of(
                                            Field.of(
                                                "u",
                                                LakeType.list(
                                                    LakeType.map(
                                                        LakeType.DATE,
                                                        LakeType.TIMESTAMP))))))))))),
            true));
  }

  private static LakeType typeOf(String typeText, SqlParser.Config config) {
    SqlCreateLakeTable c =
        (SqlCreateLakeTable) parse("CREATE TABLE t (c " + typeText + " NOT NULL, d INT)", config);
    assertThat(c.columns()).hasSize(2);
    assertThat(c.columns().get(0).notNull()).isTrue();
    assertThat(c.columns().get(1).type()).isEqualTo(LakeType.INT32);
    return c.columns().get(0).type();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void parsesEveryTypeName(String text, LakeType expected, boolean typeParserAccepts) {
    // Back-ticks and case kept: the conventions of the engine's TypeParser.
    assertThat(typeOf(text, BACKTICKS)).isEqualTo(expected);
    assertThat(typeOf(text.toLowerCase(Locale.ROOT), BACKTICKS))
        .isEqualTo(lowerFieldNames(expected));
    if (typeParserAccepts) {
      assertThat(TypeParser.parse(text)).as("TypeParser agrees").isEqualTo(expected);
    }
    // What unparse writes is the same type again, for us and for the engine's TypeParser.
    String written = LakeTypeSql.toSql(expected, BACKTICK_DIALECT);
    assertThat(typeOf(written, BACKTICKS)).isEqualTo(expected);
    assertThat(TypeParser.parse(written)).isEqualTo(expected);
    // And a whole statement round-trips, with either quoting.
    roundTrip(parse("CREATE TABLE t (c " + text + ")", BACKTICKS), BACKTICK_DIALECT, BACKTICKS);
    roundTrip(
        parse("CREATE TABLE t (c " + text.replace('`', '"') + ")", DEFAULT),
        CalciteSqlDialect.DEFAULT,
        DEFAULT);
  }

  /** The type with every STRUCT field name in lower case (the text was lower-cased). */
  private static LakeType lowerFieldNames(LakeType type) {
    if (type instanceof LakeType.ListOf l) {
      return new LakeType.ListOf(lowerFieldNames(l.element()), l.containsNull());
    }
    if (type instanceof LakeType.MapOf m) {
      return new LakeType.MapOf(
          lowerFieldNames(m.key()), lowerFieldNames(m.value()), m.valueContainsNull());
    }
    if (type instanceof LakeType.StructOf s) {
      return LakeType.struct(
          s.fields().stream()
              .map(
                  f ->
                      new Field(
                          f.name().toLowerCase(Locale.ROOT),
                          lowerFieldNames(f.type()),
                          f.nullable()))
              .toList());
    }
    return type;
  }

  @Test
  void unquotedFieldNamesFollowIdentifierCasing() {
    // Calcite's default: unquoted names upper-cased, quoted ones kept; reserved words allowed as
    // field names (unambiguous inside STRUCT<...>).
    LakeType t =
        typeOf("STRUCT<value: INT, date DATE, \"Mixed\": STRING, select BOOLEAN>", DEFAULT);
    assertThat(t)
        .isEqualTo(
            LakeType.struct(
                List.of(
                    Field.of("VALUE", LakeType.INT32),
                    Field.of("DATE", LakeType.DATE),
                    Field.of("Mixed", LakeType.STRING),
                    Field.of("SELECT", LakeType.BOOLEAN))));
    roundTrip(parse("CREATE TABLE t (c STRUCT<value: INT, \"Mixed\": STRING>)"));
  }

  @Test
  void closingAnglesTogether() {
    // ">>" and ">>>" right after each other, with no spaces.
    assertThat(typeOf("MAP<INT,MAP<INT,ARRAY<INT>>>", DEFAULT))
        .isEqualTo(
            LakeType.map(LakeType.INT32, LakeType.map(LakeType.INT32, LakeType.list(LakeType.INT32))));
    assertThat(typeOf("ARRAY<ARRAY<INT>>", DEFAULT))
        .isEqualTo(LakeType.list(LakeType.list(LakeType.INT32)));
  }

  @Test
  void typeNamesStayUsableAsColumnNames() {
    SqlCreateLakeTable c =
        (SqlCreateLakeTable) parse("CREATE TABLE t (string STRING, text TEXT, long LONG, bool BOOL)");
    assertThat(c.columns())
        .extracting(ColumnDefinition::name)
        .containsExactly("STRING", "TEXT", "LONG", "BOOL");
  }
}
