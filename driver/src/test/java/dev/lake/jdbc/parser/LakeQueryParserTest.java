package dev.lake.jdbc.parser;

import static dev.lake.jdbc.parser.ParserFixture.BACKTICKS;
import static dev.lake.jdbc.parser.ParserFixture.BACKTICK_DIALECT;
import static dev.lake.jdbc.parser.ParserFixture.assertParseError;
import static dev.lake.jdbc.parser.ParserFixture.parse;
import static dev.lake.jdbc.parser.ParserFixture.parseRoundTrip;
import static dev.lake.jdbc.parser.ParserFixture.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.NlsString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Time travel, DESCRIBE HISTORY, non-reserved keywords and Calcite's own statements. */
class LakeQueryParserTest {

  /** The FROM clause of a parsed SELECT. */
  private static SqlNode from(String sql) {
    SqlNode node = parseRoundTrip(sql);
    assertThat(node).isInstanceOf(SqlSelect.class);
    return ((SqlSelect) parse(sql)).getFrom();
  }

  /** Unwraps {@code x AS alias}, checking the alias. */
  private static SqlNode unalias(SqlNode node, String alias) {
    assertThat(node.getKind()).isEqualTo(SqlKind.AS);
    SqlCall as = (SqlCall) node;
    assertThat(((SqlIdentifier) as.operand(1)).getSimple()).isEqualTo(alias);
    return as.operand(0);
  }

  private static SqlSnapshot snapshot(SqlNode node, String table) {
    assertThat(node).isInstanceOf(SqlSnapshot.class);
    SqlSnapshot s = (SqlSnapshot) node;
    assertThat(((SqlIdentifier) s.getTableRef()).names).containsExactly(table);
    return s;
  }

  /** The version of a {@code LAKE_VERSION_AS_OF(n)} period. */
  private static SqlNode version(SqlSnapshot s) {
    assertThat(LakeOperators.isVersionAsOf(s.getPeriod())).isTrue();
    SqlCall call = (SqlCall) s.getPeriod();
    assertThat(call.getOperator()).isSameAs(LakeOperators.LAKE_VERSION_AS_OF);
    assertThat(call.getOperandList()).hasSize(1);
    return call.operand(0);
  }

  private static long intValue(SqlNode node) {
    assertThat(node).isInstanceOf(SqlNumericLiteral.class);
    return ((SqlNumericLiteral) node).longValue(true);
  }

  @Nested
  class TimeTravel {
    @Test
    void versionAsOf() {
      SqlSnapshot s = snapshot(from("SELECT * FROM t VERSION AS OF 3"), "T");
      assertThat(intValue(version(s))).isEqualTo(3);
      assertThat(s.getKind()).isEqualTo(SqlKind.SNAPSHOT);
      // Big versions keep their value.
      SqlSnapshot big = snapshot(from("SELECT * FROM t VERSION AS OF 3000000000"), "T");
      assertThat(intValue(version(big))).isEqualTo(3_000_000_000L);
    }

    @Test
    void versionAsOfAfterRoundTripIsTheSameOperator() {
      SqlNode again = roundTrip(parse("SELECT * FROM t VERSION AS OF 7"));
      SqlSnapshot s = snapshot(((SqlSelect) again).getFrom(), "T");
      assertThat(intValue(version(s))).isEqualTo(7);
      // The written-out marker is accepted as such.
      SqlSnapshot w =
          snapshot(from("SELECT * FROM t FOR SYSTEM_TIME AS OF lake_version_as_of(8)"), "T");
      assertThat(intValue(version(w))).isEqualTo(8);
    }

    @Test
    void versionAsOfDynamicParameter() {
      SqlSnapshot s = snapshot(from("SELECT * FROM t VERSION AS OF ?"), "T");
      assertThat(version(s)).isInstanceOf(SqlDynamicParam.class);
    }

    @Test
    void versionAsOfWithAlias() {
      SqlNode from = from("SELECT x.a FROM t VERSION AS OF 3 AS x");
      assertThat(intValue(version(snapshot(unalias(from, "X"), "T")))).isEqualTo(3);
      SqlNode bare = from("SELECT x.a FROM t VERSION AS OF 3 x");
      assertThat(intValue(version(snapshot(unalias(bare, "X"), "T")))).isEqualTo(3);
    }

    @Test
    void timestampAsOfString() {
      SqlSnapshot s =
          snapshot(from("SELECT * FROM t TIMESTAMP AS OF '2026-01-01 00:00:00'"), "T");
      SqlNode period = s.getPeriod();
      assertThat(period.getKind()).isEqualTo(SqlKind.CAST);
      SqlCall cast = (SqlCall) period;
      assertThat(((SqlCharStringLiteral) cast.operand(0)).getValueAs(NlsString.class).getValue())
          .isEqualTo("2026-01-01 00:00:00");
      SqlDataTypeSpec type = cast.operand(1);
      assertThat(type.getTypeName().getSimple()).isEqualTo("TIMESTAMP");
      assertThat(type.toString()).isEqualTo("TIMESTAMP(3)");
    }

    @Test
    void timestampAsOfExpressions() {
      SqlSnapshot literal =
          snapshot(from("SELECT * FROM t TIMESTAMP AS OF TIMESTAMP '2026-01-01 00:00:00'"), "T");
      // A TIMESTAMP literal as it is (Calcite resolves its type in the validator).
      assertThat(literal.getPeriod()).isInstanceOf(SqlLiteral.class);
      assertThat(literal.getPeriod().toString()).isEqualTo("TIMESTAMP '2026-01-01 00:00:00'");

      SqlSnapshot expr =
          snapshot(
              from("SELECT * FROM t TIMESTAMP AS OF CURRENT_TIMESTAMP - INTERVAL '1' DAY"), "T");
      assertThat(expr.getPeriod().getKind()).isEqualTo(SqlKind.MINUS);

      SqlSnapshot chain =
          snapshot(from("SELECT * FROM t TIMESTAMP AS OF '2026-01-01'\n' 00:00:00'"), "T");
      assertThat(chain.getPeriod().getKind()).isEqualTo(SqlKind.CAST);

      SqlSnapshot param = snapshot(from("SELECT * FROM t TIMESTAMP AS OF ?"), "T");
      assertThat(param.getPeriod().getKind()).isEqualTo(SqlKind.CAST);
      assertThat(((SqlCall) param.getPeriod()).<SqlNode>operand(0))
          .isInstanceOf(SqlDynamicParam.class);
    }

    @Test
    void timestampAsOfWithAlias() {
      SqlNode from = from("SELECT * FROM t TIMESTAMP AS OF '2026-01-01' AS y");
      assertThat(snapshot(unalias(from, "Y"), "T").getPeriod().getKind()).isEqualTo(SqlKind.CAST);
    }

    @Test
    void forSystemTimeAsOfAsCalcite() {
      SqlNode from =
          from("SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-01 00:00:00' AS z");
      SqlSnapshot s = snapshot(unalias(from, "Z"), "T");
      assertThat(s.getPeriod()).isInstanceOf(SqlLiteral.class);
    }

    @Test
    void inJoinsAndSubQueries() {
      SqlNode from =
          from(
              "SELECT * FROM a VERSION AS OF 1 AS x "
                  + "JOIN b TIMESTAMP AS OF '2026-01-01' y ON x.id = y.id "
                  + "LEFT JOIN c FOR SYSTEM_TIME AS OF TIMESTAMP '2026-01-02 00:00:00' ON true");
      assertThat(from).isInstanceOf(SqlJoin.class);
      SqlJoin outer = (SqlJoin) from;
      SqlSnapshot c = snapshot(outer.getRight(), "C");
      assertThat(c.getPeriod()).isInstanceOf(SqlLiteral.class);
      SqlJoin inner = (SqlJoin) outer.getLeft();
      assertThat(intValue(version(snapshot(unalias(inner.getLeft(), "X"), "A")))).isEqualTo(1);
      assertThat(snapshot(unalias(inner.getRight(), "Y"), "B").getPeriod().getKind())
          .isEqualTo(SqlKind.CAST);

      parseRoundTrip(
          "SELECT * FROM (SELECT * FROM t VERSION AS OF 2) WHERE EXISTS "
              + "(SELECT 1 FROM u VERSION AS OF 5 WHERE u.a = 1)");
      parseRoundTrip("INSERT INTO t SELECT * FROM t VERSION AS OF 0");
      parseRoundTrip(
          "MERGE INTO t USING s VERSION AS OF 4 AS s ON t.id = s.id "
              + "WHEN MATCHED THEN UPDATE SET v = s.v");
    }

    @Test
    void compoundAndQuotedTableNames() {
      SqlSnapshot s =
          (SqlSnapshot) from("SELECT * FROM sch.\"My T\" VERSION AS OF 1");
      assertThat(((SqlIdentifier) s.getTableRef()).names).containsExactly("SCH", "My T");
      SqlNode node = parse("SELECT * FROM `sch`.`My T` TIMESTAMP AS OF '2026-01-01' AS `x`", BACKTICKS);
      roundTrip(node, BACKTICK_DIALECT, BACKTICKS);
    }

    @Test
    void withoutTimeTravel() {
      assertThat(from("SELECT * FROM t")).isInstanceOf(SqlIdentifier.class);
      unalias(from("SELECT * FROM t AS x"), "X");
      // Aliases that are our keywords (non-reserved).
      unalias(from("SELECT * FROM t version"), "VERSION");
      unalias(from("SELECT * FROM t AS version"), "VERSION");
      unalias(from("SELECT * FROM t history"), "HISTORY");
      SqlJoin join = (SqlJoin) from("SELECT version.a FROM t version JOIN u history ON true");
      unalias(join.getLeft(), "VERSION");
      unalias(join.getRight(), "HISTORY");
    }

    @Test
    void errors() {
      assertParseError(
          "SELECT * FROM t VERSION AS OF 1.5", 1, 31, "VERSION AS OF needs an integer version");
      assertParseError("SELECT * FROM t VERSION AS OF 'x'", 1, 31, "Encountered \"\\'x\\'\"");
      assertParseError("SELECT * FROM t VERSION AS OF -1", 1, 31, "Encountered \"-\"");
      // Not VERSION AS OF: "version" is read as an alias.
      assertParseError("SELECT * FROM t VERSION AS 1", 1, 25, "Encountered \"AS 1\"");
      // No time travel after an alias (as Spark).
      assertParseError("SELECT * FROM t AS x VERSION AS OF 1", 1, 22, "Encountered \"VERSION\"");
    }
  }

  @Nested
  class DescribeHistory {
    @Test
    void isASelectFromLakeHistory() {
      SqlNode node = parseRoundTrip("DESCRIBE HISTORY t");
      assertThat(node).isInstanceOf(SqlSelect.class);
      SqlSelect select = (SqlSelect) node;
      assertThat(select.getSelectList()).hasSize(1);
      assertThat(((SqlIdentifier) select.getSelectList().get(0)).isStar()).isTrue();
      SqlCall table = (SqlCall) select.getFrom();
      assertThat(table.getKind()).isEqualTo(SqlKind.COLLECTION_TABLE);
      SqlBasicCall call = table.operand(0);
      assertThat(call.getOperator()).isInstanceOf(SqlUnresolvedFunction.class);
      assertThat(call.getOperator().getName()).isEqualTo("LAKE_HISTORY");
      assertThat(((SqlUnresolvedFunction) call.getOperator()).getFunctionType())
          .isEqualTo(SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
      assertThat(argument(node)).isEqualTo("t");
      // Exactly what the parser makes of the written-out query.
      assertThat(node.equalsDeep(parse("SELECT * FROM TABLE(LAKE_HISTORY('t'))"), Litmus.THROW))
          .isTrue();
    }

    private String argument(SqlNode node) {
      SqlSelect select = node instanceof SqlOrderBy o ? (SqlSelect) o.query : (SqlSelect) node;
      SqlCall call = ((SqlCall) select.getFrom()).operand(0);
      return ((SqlCharStringLiteral) call.operand(0)).getValueAs(NlsString.class).getValue();
    }

    @Test
    void nameAsWritten() {
      assertThat(argument(parseRoundTrip("describe history Sales.Events"))).isEqualTo("Sales.Events");
      assertThat(argument(parseRoundTrip("DESCRIBE HISTORY \"My Schema\".\"my t\"")))
          .isEqualTo("My Schema.my t");
      assertThat(argument(parseRoundTrip("DESCRIBE HISTORY version"))).isEqualTo("version");
      assertThat(argument(parse("DESCRIBE HISTORY `a b`.c", BACKTICKS))).isEqualTo("a b.c");
    }

    @Test
    void withOrderByAndLimit() {
      SqlNode node = parseRoundTrip("DESCRIBE HISTORY t ORDER BY version DESC LIMIT 5");
      assertThat(node).isInstanceOf(SqlOrderBy.class);
      SqlOrderBy orderBy = (SqlOrderBy) node;
      assertThat(intValue(orderBy.fetch)).isEqualTo(5);
      assertThat(orderBy.orderList).hasSize(1);
      assertThat(argument(node)).isEqualTo("t");
      assertThat(
              node.equalsDeep(
                  parse("SELECT * FROM TABLE(LAKE_HISTORY('t')) ORDER BY version DESC LIMIT 5"),
                  Litmus.THROW))
          .isTrue();
    }

    @Test
    void plainDescribeKeepsCalcitesBehaviour() {
      SqlDescribeTable d = (SqlDescribeTable) parse("DESCRIBE t");
      assertThat(d.getTable().names).containsExactly("T");
      SqlDescribeTable e = (SqlDescribeTable) parse("DESCRIBE TABLE s.t");
      assertThat(e.getTable().names).containsExactly("S", "T");
      SqlDescribeTable f = (SqlDescribeTable) parse("DESCRIBE TABLE t c");
      assertThat(f.getColumn().getSimple()).isEqualTo("C");
      // A table named HISTORY.
      SqlDescribeTable h = (SqlDescribeTable) parse("DESCRIBE history");
      assertThat(h.getTable().names).containsExactly("HISTORY");
      SqlDescribeTable ht = (SqlDescribeTable) parse("DESCRIBE TABLE history");
      assertThat(ht.getTable().names).containsExactly("HISTORY");
      // DESCRIBE of a statement is EXPLAIN, as in Calcite.
      assertThat(parse("DESCRIBE SELECT 1 FROM t")).isInstanceOf(SqlExplain.class);
    }

    @Test
    void errors() {
      assertParseError("DESCRIBE HISTORY t u", 1, 20, "Encountered \"u\"");
    }
  }

  @Nested
  class Maintenance {
    private boolean sameAs(String statement, String query) {
      return parseRoundTrip(statement).equalsDeep(parse(query), Litmus.THROW);
    }

    @Test
    void optimizeIsASelectFromLakeOptimize() {
      assertThat(sameAs("OPTIMIZE t", "SELECT * FROM TABLE(LAKE_OPTIMIZE('t', '', ''))")).isTrue();
      assertThat(sameAs("optimize lake.\"My T\"", "SELECT * FROM TABLE(LAKE_OPTIMIZE('lake.My T', '', ''))"))
          .isTrue();
      // The condition travels as text that parses back to the same expression.
      assertThat(
              sameAs(
                  "OPTIMIZE t WHERE d >= DATE '2024-01-01' AND region IN ('eu', 'us')",
                  "SELECT * FROM TABLE(LAKE_OPTIMIZE('t',"
                      + " '((\"D\" >= DATE ''2024-01-01'') AND (\"REGION\" IN (''eu'', ''us'')))', ''))"))
          .isTrue();
      assertThat(sameAs("OPTIMIZE t ZORDER BY (a, \"B c\")",
              "SELECT * FROM TABLE(LAKE_OPTIMIZE('t', '', '[\"A\",\"B c\"]'))"))
          .isTrue();
      assertThat(sameAs("OPTIMIZE t WHERE p = 1 ZORDER BY a, b",
              "SELECT * FROM TABLE(LAKE_OPTIMIZE('t', '(\"P\" = 1)', '[\"A\",\"B\"]'))"))
          .isTrue();
    }

    @Test
    void vacuumIsASelectFromLakeVacuum() {
      assertThat(sameAs("VACUUM t", "SELECT * FROM TABLE(LAKE_VACUUM('t', '', FALSE))")).isTrue();
      assertThat(sameAs("VACUUM t RETAIN 0 HOURS", "SELECT * FROM TABLE(LAKE_VACUUM('t', '0', FALSE))"))
          .isTrue();
      assertThat(sameAs("vacuum t retain 1.5 hours dry run",
              "SELECT * FROM TABLE(LAKE_VACUUM('t', '1.5', TRUE))"))
          .isTrue();
      assertThat(sameAs("VACUUM t DRY RUN", "SELECT * FROM TABLE(LAKE_VACUUM('t', '', TRUE))")).isTrue();
    }

    @Test
    void theNewWordsStayUsableAsNames() {
      parseRoundTrip("SELECT optimize, vacuum, zorder, retain, dry, run FROM optimize");
      parseRoundTrip("SELECT * FROM vacuum AS run");
      parseRoundTrip("CREATE TABLE vacuum (dry INT, run STRING, zorder BIGINT)");
    }

    @Test
    void errors() {
      assertParseError("OPTIMIZE", 1, 1, "Non-query expression encountered in illegal context");
      assertParseError("OPTIMIZE t ZORDER (a)", 1, 19, "Encountered \"(\"");
      assertParseError("OPTIMIZE t ZORDER BY ()", 1, 23, "Encountered \")\"");
      assertParseError("VACUUM t RETAIN HOURS", 1, 17, "Encountered \"HOURS\"");
      assertParseError("VACUUM t RETAIN 5", 1, 17, "Encountered \"<EOF>\"");
      assertParseError("VACUUM t RETAIN -1 HOURS", 1, 17, "Encountered \"-\"");
      assertParseError("VACUUM t DRY", 1, 12, "Encountered \"<EOF>\"");
    }
  }

  @Nested
  class KeywordsStayIdentifiers {
    @Test
    void columnsAndTablesNamedLikeOurKeywords() {
      SqlSelect s =
          (SqlSelect)
              parseRoundTrip(
                  "SELECT version, history, columns, partitioned, tblproperties, if, key "
                      + "FROM history WHERE version > 1");
      assertThat(s.getSelectList())
          .extracting(n -> ((SqlIdentifier) n).getSimple())
          .containsExactly(
              "VERSION", "HISTORY", "COLUMNS", "PARTITIONED", "TBLPROPERTIES", "IF", "KEY");
      assertThat(((SqlIdentifier) s.getFrom()).names).containsExactly("HISTORY");
      parseRoundTrip("SELECT t.version FROM version AS t");
      parseRoundTrip("INSERT INTO tblproperties (version, history) VALUES (1, 'x')");
      parseRoundTrip("UPDATE history SET version = version + 1 WHERE columns = 2");
    }

    @Test
    void functionsNamedLikeOurKeywords() {
      // IF(...) as in Calcite's Hive/BigQuery libraries, and user functions.
      parseRoundTrip("SELECT IF(a > 1, 'x', 'y'), history(a), columns(1) FROM t");
    }
  }

  @Nested
  class CalciteStatements {
    @Test
    void merge() {
      SqlNode node =
          parseRoundTrip(
              "MERGE INTO t AS target USING s AS src ON target.id = src.id "
                  + "WHEN MATCHED THEN UPDATE SET v = src.v "
                  + "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (src.id, src.v)");
      assertThat(node).isInstanceOf(SqlMerge.class);
    }

    @Test
    void insertSelectUpdateDelete() {
      assertThat(parseRoundTrip("INSERT INTO t (a, b) SELECT x, y FROM u WHERE x > 0"))
          .isInstanceOf(SqlInsert.class);
      assertThat(parseRoundTrip("INSERT INTO t VALUES (1, 'a'), (2, 'b')"))
          .isInstanceOf(SqlInsert.class);
      assertThat(parseRoundTrip("UPDATE t SET a = 1 WHERE b = 'x'")).isInstanceOf(SqlUpdate.class);
      assertThat(parseRoundTrip("DELETE FROM t WHERE a = 1")).isInstanceOf(SqlDelete.class);
    }

    @Test
    void queries() {
      for (String sql :
          List.of(
              "SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1 ORDER BY a LIMIT 10",
              "WITH w AS (SELECT 1 AS x) SELECT x FROM w",
              "SELECT * FROM t, LATERAL TABLE(f(t.a))",
              "SELECT * FROM UNNEST(ARRAY[1, 2]) AS u (x)",
              "SELECT MAP['a', 1], ARRAY[1, 2], CAST(x AS TIMESTAMP(3)) FROM t",
              "SELECT * FROM t FETCH FIRST 1 ROWS ONLY",
              "VALUES (1, 2)")) {
        parseRoundTrip(sql);
      }
    }

    @Test
    void explain() {
      assertThat(parse("EXPLAIN PLAN FOR SELECT * FROM t VERSION AS OF 1"))
          .isInstanceOf(SqlExplain.class);
    }

    @Test
    void truncateAsAFunction() {
      parseRoundTrip("SELECT TRUNCATE(a, 2) FROM t");
    }
  }
}
