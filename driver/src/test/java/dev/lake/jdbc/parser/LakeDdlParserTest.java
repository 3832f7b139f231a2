package dev.lake.jdbc.parser;

import static dev.lake.jdbc.parser.ParserFixture.BACKTICKS;
import static dev.lake.jdbc.parser.ParserFixture.BACKTICK_DIALECT;
import static dev.lake.jdbc.parser.ParserFixture.assertParseError;
import static dev.lake.jdbc.parser.ParserFixture.parse;
import static dev.lake.jdbc.parser.ParserFixture.parseError;
import static dev.lake.jdbc.parser.ParserFixture.parseRoundTrip;
import static dev.lake.jdbc.parser.ParserFixture.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD COLUMNS and TRUNCATE TABLE. */
class LakeDdlParserTest {

  private static SqlCreateLakeTable create(String sql) {
    SqlNode node = parseRoundTrip(sql);
    assertThat(node).isInstanceOf(SqlCreateLakeTable.class);
    assertThat(node.getKind()).isEqualTo(SqlKind.CREATE_TABLE);
    assertThat(node.getKind().belongsTo(SqlKind.DDL)).isTrue();
    return (SqlCreateLakeTable) parse(sql);
  }

  private static List<String> columnNames(List<ColumnDefinition> columns) {
    return columns.stream().map(ColumnDefinition::name).toList();
  }

  @Nested
  class CreateTable {
    @Test
    void everyClause() {
      SqlCreateLakeTable c =
          create(
              "CREATE TABLE IF NOT EXISTS s.t (\n"
                  + "  id BIGINT NOT NULL,\n"
                  + "  name STRING,\n"
                  + "  price DECIMAL(10, 2) NULL,\n"
                  + "  tags ARRAY<STRING>,\n"
                  + "  PRIMARY KEY (id)\n"
                  + ") PARTITIONED BY (name) "
                  + "TBLPROPERTIES ('delta.appendOnly' = 'true', 'owner' = 'it''s me')");
      assertThat(c.name().names).containsExactly("S", "T");
      assertThat(c.ifNotExists()).isTrue();
      assertThat(c.replace()).isFalse();
      assertThat(c.columns())
          .extracting(ColumnDefinition::name, ColumnDefinition::type, ColumnDefinition::notNull)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("ID", LakeType.INT64, true),
              org.assertj.core.groups.Tuple.tuple("NAME", LakeType.STRING, false),
              org.assertj.core.groups.Tuple.tuple("PRICE", LakeType.decimal(10, 2), false),
              org.assertj.core.groups.Tuple.tuple("TAGS", LakeType.list(LakeType.STRING), false));
      assertThat(c.primaryKey()).containsExactly("ID");
      assertThat(c.partitionedBy()).containsExactly("NAME");
      assertThat(c.properties())
          .containsExactly(Map.entry("delta.appendOnly", "true"), Map.entry("owner", "it's me"));
      assertThat(c.query()).isNull();
      // Positions of the column definitions: line 2, column 3 for "id BIGINT NOT NULL".
      assertThat(c.columns().get(0).pos().getLineNum()).isEqualTo(2);
      assertThat(c.columns().get(0).pos().getColumnNum()).isEqualTo(3);
      assertThat(c.columns().get(0).pos().getEndColumnNum()).isEqualTo(20);
    }

    @Test
    void minimal() {
      SqlCreateLakeTable c = create("create table t (a int)");
      assertThat(c.name().names).containsExactly("T");
      assertThat(c.ifNotExists()).isFalse();
      assertThat(c.columns()).hasSize(1);
      assertThat(c.primaryKey()).isEmpty();
      assertThat(c.partitionedBy()).isEmpty();
      assertThat(c.properties()).isEmpty();
      assertThat(c.query()).isNull();
    }

    @Test
    void inlinePrimaryKey() {
      SqlCreateLakeTable c = create("CREATE TABLE t (a INT, b STRING NOT NULL PRIMARY KEY, c DATE)");
      assertThat(c.primaryKey()).containsExactly("B");
      assertThat(c.columns().get(1).notNull()).isTrue();
      // Constraints in either order.
      SqlCreateLakeTable d = create("CREATE TABLE t (a INT PRIMARY KEY NOT NULL, b STRING)");
      assertThat(d.primaryKey()).containsExactly("A");
      assertThat(d.columns().get(0).notNull()).isTrue();
    }

    @Test
    void compositePrimaryKeyAsTableConstraint() {
      SqlCreateLakeTable c =
          create("CREATE TABLE t (a INT, b STRING, c DATE, PRIMARY KEY (b, a))");
      assertThat(c.primaryKey()).containsExactly("B", "A");
      assertThat(columnNames(c.columns())).containsExactly("A", "B", "C");
    }

    @Test
    void asQueryWithoutColumns() {
      SqlCreateLakeTable c = create("CREATE TABLE t AS SELECT a, b FROM u WHERE a > 1");
      assertThat(c.columns()).isEmpty();
      assertThat(c.query()).isInstanceOf(SqlSelect.class);
      assertThat(c.primaryKey()).isEmpty();
    }

    @Test
    void asQueryWithPrimaryKeyAndClauses() {
      SqlCreateLakeTable c =
          create(
              "CREATE TABLE IF NOT EXISTS t PRIMARY KEY (a) PARTITIONED BY (b) "
                  + "TBLPROPERTIES ('k' = 'v') AS SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 4");
      assertThat(c.primaryKey()).containsExactly("A");
      assertThat(c.partitionedBy()).containsExactly("B");
      assertThat(c.properties()).containsExactly(Map.entry("k", "v"));
      assertThat(c.query()).isNotNull();
      assertThat(c.query().getKind()).isEqualTo(SqlKind.UNION);
      assertThat(c.columns()).isEmpty();
    }

    @Test
    void asQueryWithColumnsAndOrderBy() {
      SqlCreateLakeTable c =
          create("CREATE TABLE t (a INT, b STRING) AS SELECT x, y FROM u ORDER BY x LIMIT 10");
      assertThat(c.columns()).hasSize(2);
      assertThat(c.query().getKind()).isEqualTo(SqlKind.ORDER_BY);
    }

    @Test
    void asQueryWithCte() {
      SqlCreateLakeTable c = create("CREATE TABLE t AS WITH w AS (SELECT 1 AS a) SELECT * FROM w");
      assertThat(c.query().getKind()).isEqualTo(SqlKind.WITH);
    }

    @Test
    void orReplace() {
      SqlCreateLakeTable c = create("CREATE OR REPLACE TABLE t (a INT)");
      assertThat(c.replace()).isTrue();
      assertThat(c.getReplace()).isTrue();
      assertParseError(
          "CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT)",
          1, 1, "cannot have IF NOT EXISTS");
    }

    @Test
    void usingDelta() {
      SqlCreateLakeTable c = create("CREATE TABLE t (a INT) USING DELTA PARTITIONED BY (a)");
      assertThat(c.partitionedBy()).containsExactly("A");
      assertThat(create("CREATE TABLE t USING delta AS SELECT 1 AS a").query()).isNotNull();
      assertParseError("CREATE TABLE t (a INT) USING parquet", 1, 30, "Unsupported table format");
    }

    @Test
    void clausesInAnyOrderButOnce() {
      SqlCreateLakeTable c =
          create("CREATE TABLE t (a INT, b INT) TBLPROPERTIES ('x' = 'y') PARTITIONED BY (a, b)");
      assertThat(c.partitionedBy()).containsExactly("A", "B");
      assertThat(c.properties()).containsExactly(Map.entry("x", "y"));
      assertParseError(
          "CREATE TABLE t (a INT) PARTITIONED BY (a) PARTITIONED BY (a)",
          1, 43, "PARTITIONED BY is given more than once");
      assertParseError(
          "CREATE TABLE t (a INT) TBLPROPERTIES ('a'='b') TBLPROPERTIES ('c'='d')",
          1, 48, "TBLPROPERTIES is given more than once");
    }

    @Test
    void tablePropertiesSparkStyle() {
      // Keys as dotted names, values as numbers and booleans, '=' optional; order kept.
      SqlCreateLakeTable c =
          create(
              "CREATE TABLE t (a INT) TBLPROPERTIES (delta.appendOnly = true, "
                  + "delta.logRetentionDuration 'interval 30 days', 'z' = 3, 'n' = -1.5, "
                  + "delta.checkpoint.writeStatsAsJson = false, 'a' = 'b')");
      assertThat(c.properties())
          .containsExactly(
              Map.entry("delta.appendOnly", "true"),
              Map.entry("delta.logRetentionDuration", "interval 30 days"),
              Map.entry("z", "3"),
              Map.entry("n", "-1.5"),
              Map.entry("delta.checkpoint.writeStatsAsJson", "false"),
              Map.entry("a", "b"));
      assertThat(List.copyOf(c.properties().keySet()))
          .containsExactly(
              "delta.appendOnly",
              "delta.logRetentionDuration",
              "z",
              "n",
              "delta.checkpoint.writeStatsAsJson",
              "a");
      assertParseError(
          "CREATE TABLE t (a INT) TBLPROPERTIES ('k' = '1', 'k' = '2')",
          1, 50, "Duplicate table property 'k'");
    }

    @Test
    void quotedNames() {
      SqlCreateLakeTable c =
          create("CREATE TABLE \"My Schema\".\"My Table\" (\"Mixed Case\" INT, \"a\"\"b\" STRING)");
      assertThat(c.name().names).containsExactly("My Schema", "My Table");
      assertThat(columnNames(c.columns())).containsExactly("Mixed Case", "a\"b");
    }

    @Test
    void backTicksAndCaseKept() {
      SqlNode node =
          parse(
              "CREATE TABLE `my t` (`a b` INT, Mixed STRUCT<`x y`: INT, Inner: STRING>,"
                  + " PRIMARY KEY (Mixed)) PARTITIONED BY (`a b`)",
              BACKTICKS);
      SqlCreateLakeTable c = (SqlCreateLakeTable) roundTrip(node, BACKTICK_DIALECT, BACKTICKS);
      assertThat(c.name().names).containsExactly("my t");
      assertThat(columnNames(c.columns())).containsExactly("a b", "Mixed");
      assertThat(c.columns().get(1).type())
          .isEqualTo(
              LakeType.struct(
                  List.of(Field.of("x y", LakeType.INT32), Field.of("Inner", LakeType.STRING))));
      assertThat(c.primaryKey()).containsExactly("Mixed");
      assertThat(c.partitionedBy()).containsExactly("a b");
    }

    @Test
    void nonReservedKeywordsAsNames() {
      SqlCreateLakeTable c =
          create(
              "CREATE TABLE history (version BIGINT, history STRING, columns INT, if INT,"
                  + " partitioned BOOLEAN, tblproperties STRING, key INT, map INT,"
                  + " PRIMARY KEY (version)) PARTITIONED BY (columns)");
      assertThat(c.name().names).containsExactly("HISTORY");
      assertThat(columnNames(c.columns()))
          .containsExactly(
              "VERSION", "HISTORY", "COLUMNS", "IF", "PARTITIONED", "TBLPROPERTIES", "KEY", "MAP");
      assertThat(c.primaryKey()).containsExactly("VERSION");
      // A table named "if" (IF is non-reserved).
      assertThat(create("CREATE TABLE if (a INT)").name().names).containsExactly("IF");
      assertThat(create("CREATE TABLE IF NOT EXISTS if (a INT)").ifNotExists()).isTrue();
    }
  }

  @Nested
  class CreateTableErrors {
    @Test
    void twoPrimaryKeys() {
      assertParseError(
          "CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))",
          1, 43, "PRIMARY KEY is defined more than once");
      assertParseError(
          "CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)",
          1, 42, "PRIMARY KEY is defined more than once");
      assertParseError(
          "CREATE TABLE t (a INT, b INT,\n PRIMARY KEY (a),\n PRIMARY KEY (b))",
          3, 2, "PRIMARY KEY is defined more than once");
      assertParseError(
          "CREATE TABLE t (a INT, PRIMARY KEY (a)) PRIMARY KEY (a)",
          1, 41, "PRIMARY KEY is defined more than once");
    }

    @Test
    void unknownTypeName() {
      assertParseError("CREATE TABLE t (a INT, b FOO)", 1, 26, "Unknown type 'FOO'");
      assertParseError(
          "CREATE TABLE t (\n  a ARRAY<STRUCT<x: INT, y: VARCHARR>>)", 2, 29,
          "Unknown type 'VARCHARR'");
      assertParseError("CREATE TABLE t (a 'INT')", 1, 19, "Expected a type name but found ''INT''");
      assertParseError("CREATE TABLE t (a)", 1, 18, "Expected a type name but found ')'");
    }

    @Test
    void missingParenthesis() {
      SqlParseException e = parseError("CREATE TABLE t (a INT, b STRING");
      assertThat(e.getPos().getLineNum()).isEqualTo(1);
      assertThat(e.getPos().getColumnNum()).isEqualTo(31);
      assertThat(e.getMessage()).contains("Encountered \"<EOF>\" at line 1, column 31");
      assertThat(e.getExpectedTokenNames()).contains("\")\"", "\",\"");

      SqlParseException f = parseError("CREATE TABLE t (a DECIMAL(10, 2 , b INT)");
      assertThat(f.getPos().getColumnNum()).isEqualTo(33);
      assertThat(f.getMessage()).contains("Expected ')' but found ','");

      SqlParseException g = parseError("CREATE TABLE t a INT)");
      assertThat(g.getPos().getColumnNum()).isEqualTo(16);
      assertThat(g.getMessage()).contains("Encountered \"a\" at line 1, column 16");
      assertThat(g.getExpectedTokenNames()).contains("\"(\"", "\"AS\"");
    }

    @Test
    void badNesting() {
      assertParseError("CREATE TABLE t (a ARRAY<INT)", 1, 28, "Expected '>' to close ARRAY<...>");
      assertParseError("CREATE TABLE t (a ARRAY INT)", 1, 25, "Expected '<' after ARRAY");
      assertParseError("CREATE TABLE t (a MAP<INT>)", 1, 26, "Expected ',' but found '>'");
      assertParseError("CREATE TABLE t (a STRUCT<>)", 1, 25, "STRUCT needs at least one field");
      assertParseError(
          "CREATE TABLE t (a STRUCT<x INT, X STRING>)", 1, 33, "Duplicate field name 'X'");
      assertParseError(
          "CREATE TABLE t (a DECIMAL(39, 2))", 1, 19, "DECIMAL(39,2) is not allowed");
      assertParseError("CREATE TABLE t (a DECIMAL(5, 6))", 1, 19, "DECIMAL(5,6) is not allowed");
      assertParseError("CREATE TABLE t (a VARCHAR(0))", 1, 27, "A length must be at least 1");
      assertParseError(
          "CREATE TABLE t (a TIMESTAMP WITH ZONE)", 1, 34, "Expected TIME but found 'ZONE'");
    }

    @Test
    void otherMistakes() {
      assertParseError("CREATE TABLE t", 1, 14, "Encountered \"<EOF>\"");
      assertParseError("CREATE TABLE t PRIMARY KEY (a)", 1, 30, "Encountered \"<EOF>\"");
      assertParseError(
          "CREATE TABLE t (PRIMARY KEY (a))", 1, 14, "needs a column list or AS query");
      assertParseError("CREATE TABLE t (a INT, A STRING)", 1, 24, "Duplicate column name 'A'");
      assertParseError(
          "CREATE TABLE t (a INT, PRIMARY KEY (b))", 1, 24,
          "PRIMARY KEY names column 'B', which the table does not have");
      assertParseError(
          "CREATE TABLE t (a INT) PARTITIONED BY (c)", 1, 24,
          "PARTITIONED BY names column 'C', which the table does not have");
      assertParseError(
          "CREATE TABLE t (a INT, PRIMARY KEY (a, a))", 1, 24, "names column 'A' twice");
      assertParseError("CREATE TABLE t (a INT NOT NULL NULL)", 1, 32, "given more than once");
    }
  }

  @Nested
  class DropTable {
    @Test
    void plain() {
      SqlNode node = parseRoundTrip("DROP TABLE s.t");
      assertThat(node).isInstanceOf(SqlDropLakeTable.class);
      SqlDropLakeTable d = (SqlDropLakeTable) node;
      assertThat(d.name().names).containsExactly("S", "T");
      assertThat(d.ifExists()).isFalse();
      assertThat(d.getKind()).isEqualTo(SqlKind.DROP_TABLE);
      assertThat(d.getKind().belongsTo(SqlKind.DDL)).isTrue();
    }

    @Test
    void ifExists() {
      SqlDropLakeTable d = (SqlDropLakeTable) parseRoundTrip("drop table if exists \"T 1\"");
      assertThat(d.ifExists()).isTrue();
      assertThat(d.name().names).containsExactly("T 1");
      // A table named "if".
      SqlDropLakeTable e = (SqlDropLakeTable) parseRoundTrip("DROP TABLE if");
      assertThat(e.ifExists()).isFalse();
      assertThat(e.name().names).containsExactly("IF");
    }
  }

  @Nested
  class AlterTable {
    private SqlAlterTableAddColumns alter(String sql) {
      SqlNode node = parseRoundTrip(sql);
      assertThat(node).isInstanceOf(SqlAlterTableAddColumns.class);
      assertThat(node.getKind()).isEqualTo(SqlKind.ALTER_TABLE);
      assertThat(node.getKind().belongsTo(SqlKind.DDL)).isTrue();
      return (SqlAlterTableAddColumns) parse(sql);
    }

    @Test
    void addColumn() {
      SqlAlterTableAddColumns a = alter("ALTER TABLE s.t ADD COLUMN c DECIMAL(5,1) NOT NULL");
      assertThat(a.name().names).containsExactly("S", "T");
      assertThat(a.columns())
          .containsExactly(
              new ColumnDefinition("C", LakeType.decimal(5, 1), true, a.columns().get(0).pos()));
      assertThat(alter("ALTER TABLE t ADD c INT").columns()).hasSize(1);
    }

    @Test
    void addColumns() {
      SqlAlterTableAddColumns a =
          alter("ALTER TABLE t ADD COLUMNS (a INT, b MAP<STRING, ARRAY<INT>> NOT NULL)");
      assertThat(columnNames(a.columns())).containsExactly("A", "B");
      assertThat(a.columns().get(1).type())
          .isEqualTo(LakeType.map(LakeType.STRING, LakeType.list(LakeType.INT32)));
      assertThat(a.columns().get(1).notNull()).isTrue();
      // Spark's other spellings.
      assertThat(columnNames(alter("ALTER TABLE t ADD COLUMNS a INT, b STRING").columns()))
          .containsExactly("A", "B");
      assertThat(columnNames(alter("ALTER TABLE t ADD COLUMN (a INT, b STRING)").columns()))
          .containsExactly("A", "B");
      assertThat(columnNames(alter("ALTER TABLE t ADD (a INT, b STRING)").columns()))
          .containsExactly("A", "B");
      assertThat(columnNames(alter("ALTER TABLE t ADD a INT, b STRING").columns()))
          .containsExactly("A", "B");
    }

    @Test
    void columnNamedLikeAKeyword() {
      assertThat(columnNames(alter("ALTER TABLE t ADD columns INT").columns()))
          .containsExactly("COLUMNS");
      assertThat(columnNames(alter("ALTER TABLE t ADD COLUMNS columns INT").columns()))
          .containsExactly("COLUMNS");
      assertThat(columnNames(alter("ALTER TABLE t ADD COLUMN version BIGINT").columns()))
          .containsExactly("VERSION");
      assertThat(columnNames(alter("ALTER TABLE t ADD history STRING").columns()))
          .containsExactly("HISTORY");
    }

    @Test
    void errors() {
      assertParseError(
          "ALTER TABLE t ADD COLUMN a INT PRIMARY KEY", 1, 32, "cannot declare a PRIMARY KEY");
      assertParseError("ALTER TABLE t ADD COLUMNS (a INT, a INT)", 1, 35, "Duplicate column name");
      assertParseError("ALTER TABLE t ADD COLUMNS (a INT", 1, 32, "Encountered \"<EOF>\"");
      SqlParseException e = parseError("ALTER TABLE t DROP COLUMN a");
      assertThat(e.getPos().getColumnNum()).isEqualTo(15);
    }

    @Test
    void alterSessionStillParses() {
      SqlNode node = parseRoundTrip("ALTER SESSION SET x = 1");
      assertThat(node).isInstanceOf(SqlSetOption.class);
      assertThat(((SqlSetOption) node).getScope()).isEqualTo("SESSION");
      assertThat(parseRoundTrip("ALTER SYSTEM RESET ALL")).isInstanceOf(SqlSetOption.class);
      assertThat(parseRoundTrip("SET x = 'y'")).isInstanceOf(SqlSetOption.class);
    }
  }

  @Nested
  class TruncateTable {
    @ParameterizedTest
    @ValueSource(strings = {"TRUNCATE TABLE s.t", "truncate table s.t"})
    void truncate(String sql) {
      SqlNode node = parseRoundTrip(sql);
      assertThat(node).isInstanceOf(SqlTruncateLakeTable.class);
      assertThat(((SqlTruncateLakeTable) node).name().names).containsExactly("S", "T");
      assertThat(node.getKind()).isEqualTo(SqlKind.TRUNCATE_TABLE);
      assertThat(node.getKind().belongsTo(SqlKind.DDL)).isTrue();
    }

    @Test
    void truncateFunctionStillAnExpression() {
      assertThat(parseRoundTrip("SELECT TRUNCATE(1.25, 1) FROM t")).isInstanceOf(SqlSelect.class);
    }
  }
}
