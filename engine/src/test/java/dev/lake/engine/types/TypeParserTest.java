package dev.lake.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeParserTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "INT8|TINYINT", "tinyint|TINYINT", "Byte|TINYINT",
        "INT16|SMALLINT", "smallint|SMALLINT", "SHORT|SMALLINT",
        "INT32|INT", "int|INT", "Integer|INT",
        "INT64|BIGINT", "bigint|BIGINT", "LONG|BIGINT",
        "UINT8|UTINYINT", "utinyint|UTINYINT",
        "UINT16|USMALLINT", "usmallint|USMALLINT",
        "UINT32|UINT", "uint|UINT", "UINTEGER|UINT",
        "UINT64|UBIGINT", "ubigint|UBIGINT",
        "FLOAT32|FLOAT", "float|FLOAT", "REAL|FLOAT",
        "FLOAT64|DOUBLE", "double|DOUBLE", "DOUBLE PRECISION|DOUBLE",
        "STRING|STRING", "varchar|STRING", "VARCHAR(255)|STRING", "varchar ( 10 )|STRING", "TEXT|STRING",
        "BINARY|BINARY", "VARBINARY|BINARY", "VARBINARY(16)|BINARY", "bytes|BINARY", "BLOB|BINARY",
        "BOOLEAN|BOOLEAN", "bool|BOOLEAN",
        "DATE|DATE",
        "TIMESTAMP|TIMESTAMP", "timestamp_ltz|TIMESTAMP", "TIMESTAMP WITH TIME ZONE|TIMESTAMP",
        "timestamp  with   local time zone|TIMESTAMP",
        "TIMESTAMP_NTZ|TIMESTAMP_NTZ", "Timestamp Without Time Zone|TIMESTAMP_NTZ",
        "DECIMAL|DECIMAL(10,0)", "numeric|DECIMAL(10,0)", "DECIMAL(5)|DECIMAL(5,0)", "decimal(38, 38)|DECIMAL(38,38)",
        "NUMERIC(10,2)|DECIMAL(10,2)",
        "array<int>|ARRAY<INT>", "LIST<STRING>|ARRAY<STRING>",
        "map<string,int>|MAP<STRING, INT>",
        "MAP<STRING, ARRAY<MAP<INT,DECIMAL(3,1)>>>|MAP<STRING, ARRAY<MAP<INT, DECIMAL(3,1)>>>",
        "struct<a:int,b string>|STRUCT<a: INT, b: STRING>",
        "STRUCT<`x y`: INT NOT NULL, `a``b`: TIMESTAMP WITHOUT TIME ZONE>|STRUCT<`x y`: INT NOT NULL, `a``b`: TIMESTAMP_NTZ>",
      })
  void parsesNamesAndAliases(String text, String sqlName) {
    LakeType t = TypeParser.parse(text);
    assertThat(t.sqlName()).isEqualTo(sqlName);
    assertThat(TypeParser.parse(t.sqlName())).isEqualTo(t);
  }

  @Test
  void everyTypeParsesBackFromItsSqlName() {
    List<LakeType> types =
        List.of(
            LakeType.INT8, LakeType.INT16, LakeType.INT32, LakeType.INT64,
            LakeType.UINT8, LakeType.UINT16, LakeType.UINT32, LakeType.UINT64,
            LakeType.FLOAT32, LakeType.FLOAT64, LakeType.STRING, LakeType.BINARY, LakeType.BOOLEAN,
            LakeType.DATE, LakeType.TIMESTAMP, LakeType.TIMESTAMP_NTZ,
            LakeType.decimal(1, 0), LakeType.decimal(38, 0), LakeType.decimal(38, 38), LakeType.decimal(10, 2),
            LakeType.list(LakeType.INT32),
            LakeType.list(LakeType.list(LakeType.STRING)),
            LakeType.map(LakeType.STRING, LakeType.INT64),
            LakeType.map(LakeType.INT32, LakeType.map(LakeType.DATE, LakeType.BINARY)),
            LakeType.struct(
                List.of(
                    Field.of("a", LakeType.INT32),
                    Field.notNull("b", LakeType.decimal(10, 2)),
                    Field.of("with space", LakeType.list(LakeType.TIMESTAMP)),
                    Field.of("back`tick", LakeType.map(LakeType.STRING, LakeType.STRING)),
                    Field.of("NOT", LakeType.BOOLEAN),
                    Field.of("日本", LakeType.struct(List.of(Field.of("x", LakeType.FLOAT64)))))));
    for (LakeType t : types) {
      assertThat(TypeParser.parse(t.sqlName())).as(t.sqlName()).isEqualTo(t);
      // Type names ignore case (field names keep theirs).
      assertThat(TypeParser.parse(t.sqlName().toLowerCase()).sqlName()).isEqualToIgnoringCase(t.sqlName());
    }
  }

  @Test
  void nonNullableElementsAndValues() {
    assertThat(TypeParser.parse("ARRAY<INT NOT NULL>")).isEqualTo(new LakeType.ListOf(LakeType.INT32, false));
    assertThat(TypeParser.parse("MAP<STRING, INT NOT NULL>"))
        .isEqualTo(new LakeType.MapOf(LakeType.STRING, LakeType.INT32, false));
    assertThat(TypeParser.parse("ARRAY<INT>")).isEqualTo(new LakeType.ListOf(LakeType.INT32, true));
    for (LakeType t :
        List.of(
            new LakeType.ListOf(LakeType.INT32, false),
            new LakeType.MapOf(LakeType.STRING, new LakeType.ListOf(LakeType.UINT8, false), false))) {
      assertThat(TypeParser.parse(t.sqlName())).as(t.sqlName()).isEqualTo(t);
    }
  }

  @Test
  void parsesColumnLists() {
    Schema s =
        TypeParser.parseColumns(
            "id BIGINT NOT NULL, name STRING, tags ARRAY<STRING>, m MAP<STRING, INT>, "
                + "s STRUCT<a: INT, b: DECIMAL(10,2)>, `odd ``name`` ` timestamp with time zone not null, n int null");
    assertThat(s)
        .isEqualTo(
            Schema.of(
                Field.notNull("id", LakeType.INT64),
                Field.of("name", LakeType.STRING),
                Field.of("tags", LakeType.list(LakeType.STRING)),
                Field.of("m", LakeType.map(LakeType.STRING, LakeType.INT32)),
                Field.of("s", LakeType.struct(List.of(Field.of("a", LakeType.INT32), Field.of("b", LakeType.decimal(10, 2))))),
                Field.notNull("odd `name` ", LakeType.TIMESTAMP),
                Field.of("n", LakeType.INT32)));
    // Schema.toString() is a parenthesised column list: it parses back.
    assertThat(TypeParser.parseColumns(s.toString())).isEqualTo(s);
  }

  @Test
  void keywordsCanBeColumnNames() {
    Schema s = TypeParser.parseColumns("date DATE, timestamp TIMESTAMP, not INT NOT NULL, map MAP<INT,INT>");
    assertThat(s.columnNames()).containsExactly("date", "timestamp", "not", "map");
    assertThat(s.field("not").nullable()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|position 1 (the end of the text): expected a name",
        "INTT|position 1 ('INTT'): unknown type 'INTT'",
        "DECIMAL(39,0)|position 1 ('DECIMAL'): DECIMAL(39,0) is not allowed",
        "DECIMAL(5,6)|DECIMAL(5,6) is not allowed",
        "DECIMAL(0)|DECIMAL(0,0) is not allowed",
        "DECIMAL(10,|position 12 (the end of the text): expected a number",
        "ARRAY<INT|position 10 (the end of the text): expected '>'",
        "ARRAY INT|position 7 ('INT'): expected '<'",
        "MAP<INT>|position 8 ('>'): expected ','",
        "STRUCT<>|position 8 ('>'): expected a name",
        "STRUCT<a INT, a STRING>|position 15 ('a'): duplicate name 'a'",
        "STRUCT<a INT b INT>|position 14 ('b'): expected ',' or '>'",
        "INT NOT NULL|position 5 ('NOT'): unexpected text after the end",
        "INT(3)|position 4 ('('): unexpected text after the end",
        "VARCHAR(0)|a length must be at least 1",
        "TIMESTAMP WITH ZONE|position 16 ('ZONE'): expected TIME",
        "STRUCT<`a: INT>|unterminated quoted name",
        "STRUCT<``: INT>|a name cannot be empty",
      })
  void badTypeTextNamesPosition(String text, String message) {
    assertThatThrownBy(() -> TypeParser.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void badColumnLists() {
    assertThatThrownBy(() -> TypeParser.parseColumns("a INT, A STRING"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("position 8 ('A'): duplicate name 'A'");
    assertThatThrownBy(() -> TypeParser.parseColumns("a INT,"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected a name");
    assertThatThrownBy(() -> TypeParser.parseColumns("a INT b INT"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("position 7 ('b'): expected ',' or the end");
    assertThatThrownBy(() -> TypeParser.parseColumns("a INT NOT"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected NULL");
    assertThatThrownBy(() -> TypeParser.parseColumns("(a INT"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected ',' or ')'");
  }
}
