package dev.lake.jdbc.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.Litmus;

/** Parsing with lake's parser, unparse/reparse round trips and error assertions. */
public final class ParserFixture {
  private ParserFixture() {}

  /** Calcite's defaults (double-quoted identifiers, unquoted upper-cased) with our parser. */
  static final SqlParser.Config DEFAULT =
      SqlParser.config().withParserFactory(LakeSqlParserImpl.FACTORY);

  /** Back-ticks and case kept, as Spark users write. */
  static final SqlParser.Config BACKTICKS =
      DEFAULT.withQuoting(Quoting.BACK_TICK).withUnquotedCasing(Casing.UNCHANGED);

  /** A Calcite dialect that quotes identifiers with back-ticks, to go with {@link #BACKTICKS}. */
  static final SqlDialect BACKTICK_DIALECT =
      new CalciteSqlDialect(
          CalciteSqlDialect.DEFAULT_CONTEXT
              .withIdentifierQuoteString("`")
              .withUnquotedCasing(Casing.UNCHANGED));

  public static SqlNode parse(String sql) {
    return parse(sql, DEFAULT);
  }

  static SqlNode parse(String sql, SqlParser.Config config) {
    try {
      return SqlParser.create(sql, config).parseStmt();
    } catch (SqlParseException e) {
      throw new AssertionError("failed to parse: " + sql + "\n" + e.getMessage(), e);
    }
  }

  /** Unparses {@code node}, parses the text back and checks that the nodes are equal. */
  static SqlNode roundTrip(SqlNode node) {
    return roundTrip(node, CalciteSqlDialect.DEFAULT, DEFAULT);
  }

  static SqlNode roundTrip(SqlNode node, SqlDialect dialect, SqlParser.Config config) {
    String text = node.toSqlString(c -> c.withDialect(dialect)).getSql();
    SqlNode again = parse(text, config);
    assertThat(again.getClass()).as(text).isEqualTo(node.getClass());
    assertThat(again.equalsDeep(node, Litmus.IGNORE))
        .as("round trip of %s%nvia%n%s%ngave%n%s", node, text, again)
        .isTrue();
    // And once more: the text is stable.
    assertThat(again.toSqlString(c -> c.withDialect(dialect)).getSql()).isEqualTo(text);
    return again;
  }

  /** Parses with the default config and round-trips. */
  static SqlNode parseRoundTrip(String sql) {
    return roundTrip(parse(sql));
  }

  static SqlParseException parseError(String sql) {
    return parseError(sql, DEFAULT);
  }

  static SqlParseException parseError(String sql, SqlParser.Config config) {
    try {
      SqlNode node = SqlParser.create(sql, config).parseStmt();
      throw new AssertionError("expected a parse error for: " + sql + "\nbut got: " + node);
    } catch (SqlParseException e) {
      return e;
    }
  }

  /** A parse error at the given 1-based line and column whose message contains {@code text}. */
  static void assertParseError(String sql, int line, int column, String text) {
    SqlParseException e = parseError(sql);
    assertThat(e.getPos()).as("position of: %s", e.getMessage()).isNotNull();
    assertThat(e.getPos().getLineNum()).as(e.getMessage()).isEqualTo(line);
    assertThat(e.getPos().getColumnNum()).as(e.getMessage()).isEqualTo(column);
    assertThat(e.getMessage()).contains(text);
  }

}
