package dev.lake.jdbc.plan;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

class TableConditionTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("d", LakeType.DATE, true),
              new Field("region", LakeType.STRING, true),
              new Field("n", LakeType.INT32, true),
              new Field("amount", LakeType.decimal(10, 2), true),
              new Field("id", LakeType.INT64, false),
              new Field("ts", LakeType.TIMESTAMP, true),
              new Field("b", LakeType.BOOLEAN, true),
              new Field("f", LakeType.FLOAT64, true)));

  /** The condition as the parser hands it over: parsed from a WHERE clause, then as text. */
  private static Predicate parse(String condition) {
    SqlNode where = ParserFixture.parse("SELECT * FROM t WHERE " + condition);
    String text = LakeParserSupport.sqlText(((SqlSelect) where).getWhere());
    return TableCondition.toPredicate(text, "sales", SCHEMA);
  }

  private static void assertRefused(String condition) {
    assertThatThrownBy(() -> parse(condition))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot use the condition")
        .hasMessageContaining("accepted are comparisons of columns with literals");
  }

  @Test
  void literalsAreReadAsTheColumnsType() {
    assertThat(parse("d = '2024-01-02'")).isEqualTo(Predicate.eq("d", LocalDate.of(2024, 1, 2)));
    assertThat(parse("d = DATE '2024-01-02'")).isEqualTo(Predicate.eq("d", LocalDate.of(2024, 1, 2)));
    assertThat(parse("\"Region\" <> 'eu'")).isEqualTo(Predicate.ne("region", "eu"));
    assertThat(parse("n >= -3")).isEqualTo(Predicate.ge("n", -3));
    assertThat(parse("n = '7'")).isEqualTo(Predicate.eq("n", 7));
    assertThat(parse("id = 12")).isEqualTo(Predicate.eq("id", 12L));
    assertThat(parse("amount < 1.5")).isEqualTo(Predicate.lt("amount", new BigDecimal("1.50")));
    // Calcite compares a DECIMAL column with a string as DECIMAL(38,19): still the column.
    assertThat(parse("amount = '1.5'")).isEqualTo(Predicate.eq("amount", new BigDecimal("1.50")));
    assertThat(parse("b = 'true'")).isEqualTo(Predicate.eq("b", true));
    // SQL sees timestamps to the millisecond: equality is the millisecond's range.
    Instant ten = Instant.parse("2024-01-01T10:00:00Z");
    assertThat(parse("ts = '2024-01-01 10:00:00'"))
        .isEqualTo(Predicate.and(Predicate.ge("ts", ten), Predicate.lt("ts", ten.plusMillis(1))));
    assertThat(parse("ts >= TIMESTAMP '2024-01-01 10:00:00'")).isEqualTo(Predicate.ge("ts", ten));
  }

  @Test
  void literalOnTheLeftMirrorsTheOperator() {
    assertThat(parse("5 < n")).isEqualTo(Predicate.gt("n", 5));
    assertThat(parse("'2024-01-01' >= d")).isEqualTo(Predicate.le("d", LocalDate.of(2024, 1, 1)));
  }

  @Test
  void logicalOperatorsInBetweenLikeAndNulls() {
    assertThat(parse("region IN ('eu', 'us') AND NOT n IS NULL"))
        .isEqualTo(
            Predicate.and(
                Predicate.or(Predicate.eq("region", "eu"), Predicate.eq("region", "us")),
                Predicate.not(Predicate.isNull("n"))));
    assertThat(parse("region NOT IN ('eu') OR d IS NOT NULL"))
        .isEqualTo(Predicate.or(Predicate.not(Predicate.eq("region", "eu")), Predicate.not(Predicate.isNull("d"))));
    assertThat(parse("d IN ('2024-01-01', DATE '2024-01-02')"))
        .isEqualTo(
            Predicate.or(Predicate.eq("d", LocalDate.of(2024, 1, 1)), Predicate.eq("d", LocalDate.of(2024, 1, 2))));
    assertThat(parse("n BETWEEN 1 AND 3"))
        .isEqualTo(Predicate.and(Predicate.ge("n", 1), Predicate.le("n", 3)));
    assertThat(parse("n NOT BETWEEN 1 AND 3"))
        .isEqualTo(Predicate.not(Predicate.and(Predicate.ge("n", 1), Predicate.le("n", 3))));
    assertThat(parse("d BETWEEN '2024-01-01' AND '2024-01-31'"))
        .isEqualTo(
            Predicate.and(Predicate.ge("d", LocalDate.of(2024, 1, 1)), Predicate.le("d", LocalDate.of(2024, 1, 31))));
    assertThat(parse("region LIKE 'e%'")).isEqualTo(Predicate.like("region", "e%"));
    assertThat(parse("region NOT LIKE 'e%'")).isEqualTo(Predicate.not(Predicate.like("region", "e%")));
    // "= NULL" is never true: Calcite folds it to FALSE, which selects nothing.
    assertThat(parse("region = NULL")).isEqualTo(new Predicate.Constant(false));
    assertThat(parse("TRUE")).isEqualTo(new Predicate.Constant(true));
  }

  @Test
  void longInListsStayComparisons() {
    List<String> values = new ArrayList<>();
    Predicate expected = null;
    for (int i = 0; i < 30; i++) {
      values.add(Integer.toString(i));
      expected = expected == null ? Predicate.eq("n", i) : Predicate.or(expected, Predicate.eq("n", i));
    }
    assertThat(parse("n IN (" + String.join(", ", values) + ")")).isEqualTo(expected);
  }

  @Test
  void columnsMayBeQualifiedByTheTable() {
    assertThat(parse("sales.region = 'eu'")).isEqualTo(Predicate.eq("region", "eu"));
  }

  @Test
  void refusesWhatDoesNotTranslateExactly() {
    assertRefused("n = n");
    assertRefused("UPPER(region) = 'EU'");
    assertRefused("n IN (SELECT 1)");
    assertRefused("n + 1 = 2");
    assertRefused("region LIKE 'a!%' ESCAPE '!'");
    assertRefused("region LIKE 'a\\%'");
    // -0.0 and NaN compare differently in SQL than in the engine
    assertRefused("f > 1");
    // not an INT: never widened to "n = 1"
    assertThatThrownBy(() -> parse("n = 1.5"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a literal must be exactly a value of its column's type");
    assertRefused("amount = 1.555");
    assertRefused("b");
    assertRefused("ts = TIMESTAMP '2024-01-01 10:00:00.000001'");
  }

  @Test
  void unknownColumnsAndBadLiteralsAreNamed() {
    assertThatThrownBy(() -> parse("nope = 1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("NOPE", "not found")
        .hasMessageNotContaining("line 1");
    assertThatThrownBy(() -> parse("d = 'yesterday'"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("'yesterday'", "DATE", "column d");
    assertThatThrownBy(() -> parse("'abc' < id"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("'abc'", "BIGINT", "column id");
    assertThatThrownBy(() -> parse("b IN ('yes')"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("'yes'", "BOOLEAN", "column b");
    assertThatThrownBy(() -> parse("other.region = 'eu'"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("OTHER");
  }

  @Test
  void theConditionIsOneExpressionWhateverItsText() {
    assertThatThrownBy(() -> TableCondition.toPredicate("TRUE UNION SELECT * FROM sales", "sales", SCHEMA))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot read the condition");
    assertThatThrownBy(() -> TableCondition.toPredicate("region = 'eu') OR (TRUE", "sales", SCHEMA))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot read the condition")
        .hasMessageContaining("Encountered \")\"")
        .hasMessageNotContaining("Was expecting");
  }
}
