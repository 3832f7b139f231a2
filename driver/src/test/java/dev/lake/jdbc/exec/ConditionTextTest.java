package dev.lake.jdbc.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.jdbc.parser.LakeParserSupport;
import dev.lake.jdbc.parser.ParserFixture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

class ConditionTextTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("d", LakeType.DATE, true),
              new Field("region", LakeType.STRING, true),
              new Field("n", LakeType.INT32, true),
              new Field("amount", LakeType.decimal(10, 2), true)));

  /** The condition as the parser hands it over: parsed from a WHERE clause, then as text. */
  private static Predicate parse(String condition) {
    SqlNode where = ParserFixture.parse("SELECT * FROM t WHERE " + condition);
    String text = LakeParserSupport.sqlText(((org.apache.calcite.sql.SqlSelect) where).getWhere());
    return ConditionText.parse(text, SCHEMA);
  }

  @Test
  void literalsAreReadAsTheColumnsType() {
    assertThat(parse("d = '2024-01-02'")).isEqualTo(Predicate.eq("d", LocalDate.of(2024, 1, 2)));
    assertThat(parse("d = DATE '2024-01-02'")).isEqualTo(Predicate.eq("d", LocalDate.of(2024, 1, 2)));
    assertThat(parse("\"Region\" <> 'eu'")).isEqualTo(Predicate.ne("region", "eu"));
    assertThat(parse("n >= -3")).isEqualTo(Predicate.ge("n", -3));
    assertThat(parse("amount < 1.5")).isEqualTo(Predicate.lt("amount", new BigDecimal("1.50")));
  }

  @Test
  void literalOnTheLeftMirrorsTheOperator() {
    assertThat(parse("5 < n")).isEqualTo(Predicate.gt("n", 5));
    assertThat(parse("'2024-01-01' >= d")).isEqualTo(Predicate.le("d", LocalDate.of(2024, 1, 1)));
  }

  @Test
  void logicalOperatorsInBetweenLikeAndNulls() {
    assertThat(parse("region IN ('eu', 'us') AND NOT n IS NULL"))
        .isEqualTo(Predicate.and(Predicate.in("region", List.of("eu", "us")), Predicate.not(Predicate.isNull("n"))));
    assertThat(parse("region NOT IN ('eu') OR d IS NOT NULL"))
        .isEqualTo(Predicate.or(Predicate.not(Predicate.in("region", List.of("eu"))), Predicate.isNotNull("d")));
    assertThat(parse("n BETWEEN 1 AND 3"))
        .isEqualTo(Predicate.and(Predicate.ge("n", 1), Predicate.le("n", 3)));
    assertThat(parse("n NOT BETWEEN 1 AND 3"))
        .isEqualTo(Predicate.not(Predicate.and(Predicate.ge("n", 1), Predicate.le("n", 3))));
    assertThat(parse("region LIKE 'e%'")).isEqualTo(Predicate.like("region", "e%"));
    assertThat(parse("region = NULL")).isEqualTo(Predicate.eq("region", null));
  }

  @Test
  void refusesWhatIsNotAColumnLiteralComparison() {
    assertThatThrownBy(() -> parse("n = n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot use")
        .hasMessageContaining("comparisons of columns with literals");
    assertThatThrownBy(() -> parse("UPPER(region) = 'EU'")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> parse("n IN (SELECT 1)")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> parse("n + 1 = 2")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void unknownColumnsAndBadLiteralsAreNamed() {
    assertThatThrownBy(() -> parse("nope = 1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("unknown column", "NOPE");
    assertThatThrownBy(() -> parse("d = 'yesterday'"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("yesterday")
        .hasMessageContaining("column d");
  }
}
