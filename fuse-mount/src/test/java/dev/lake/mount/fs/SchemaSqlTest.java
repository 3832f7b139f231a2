package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lake.engine.TableDefinition;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import dev.lake.jdbc.parser.SqlIdentifiers;
import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** schema.sql as the mount shows it reads back, through the same grammar, as the same table. */
class SchemaSqlTest {

  private static TableDefinition roundTrip(Schema schema, List<String> key, List<String> partitions) {
    String sql = SchemaSql.render("t", schema, key, partitions);
    TableDefinition back = SchemaSql.parse(sql, "t");
    assertThat(back.schema()).as(sql).isEqualTo(new TableDefinition(schema, key, partitions, java.util.Map.of()).schema());
    assertThat(back.primaryKey()).as(sql).isEqualTo(key);
    assertThat(back.partitionColumns()).as(sql).isEqualTo(partitions);
    return back;
  }

  @Test
  void everyKeywordOfTheGrammarAsAColumnNameReadsBack() {
    // Columns named like SQL words are common in imported CSV: day, year, user, value, order...
    List<String> words = new ArrayList<>();
    for (String token : LakeSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata().getTokens()) {
      if (token.matches("[A-Z][A-Z0-9_]*")) {
        words.add(token.toLowerCase(Locale.ROOT));
      }
    }
    assertThat(words).contains("day", "year", "user", "select", "primary", "table");
    for (String w : words) {
      Schema schema = new Schema(List.of(Field.of("id", LakeType.INT64), Field.of(w, LakeType.STRING)));
      roundTrip(schema, List.of(w), List.of());
      roundTrip(schema, List.of(), List.of(w));
    }
  }

  @Test
  void plainNamesStayBareAndOddNamesAreQuoted() {
    assertThat(SqlIdentifiers.quote("price")).isEqualTo("price");
    assertThat(SqlIdentifiers.quote("day")).isEqualTo("\"day\"");
    assertThat(SqlIdentifiers.quote("a b")).isEqualTo("\"a b\"");
    assertThat(SqlIdentifiers.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    Schema odd =
        new Schema(
            List.of(
                Field.of("a b", LakeType.INT64),
                Field.of("1st", LakeType.STRING),
                Field.of("say \"hi\"", LakeType.DATE),
                Field.of("Grüße", LakeType.BOOLEAN),
                Field.of("MixedCase", LakeType.FLOAT64)));
    roundTrip(odd, List.of("a b", "1st"), List.of("Grüße"));
  }

  @Test
  void everyTypeAndNotNullReadBack() {
    Schema schema =
        TypeParser.parseColumns(
            "id BIGINT NOT NULL, t TINYINT, s SMALLINT, i INT, f FLOAT, d DOUBLE, b BINARY, ok BOOLEAN, day DATE,"
                + " at TIMESTAMP, local TIMESTAMP_NTZ, price DECIMAL(18,2), big DECIMAL(38,10), tags ARRAY<STRING>,"
                + " attrs MAP<STRING, INT>, pt STRUCT<day: DATE, `select`: ARRAY<DECIMAL(5,1)>>");
    roundTrip(schema, List.of("id"), List.of("day"));
  }
}
