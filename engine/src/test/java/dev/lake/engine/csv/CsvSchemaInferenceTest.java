package dev.lake.engine.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.types.TypeParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvSchemaInferenceTest {
  @TempDir Path dir;

  private static LakeType inferOne(String... values) {
    StringBuilder csv = new StringBuilder("c\n");
    for (String v : values) {
      csv.append(v).append('\n');
    }
    CsvSchemaInference.Result r = CsvSchemaInference.infer(new StringReader(csv.toString()));
    assertThat(r.rowCount()).isEqualTo(values.length);
    return r.schema().field(0).type();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1;-2;+3;007|BIGINT",
        "9223372036854775807;-9223372036854775808|BIGINT",
        "9223372036854775808;1|DECIMAL(38,0)",
        "123456789012345678901234567890123456789|DOUBLE",
        "12.50;3.1|DECIMAL(18,2)",
        "1;2.5;-300|DECIMAL(18,1)",
        "0.001;.5|DECIMAL(18,3)",
        "0.0|DECIMAL(18,1)",
        "1.|DECIMAL(18,0)",
        "12345678901234567.5;-1|DECIMAL(18,1)",
        "123456789012345678.5|DECIMAL(38,1)",
        "0.123456789012345678|DECIMAL(18,18)",
        "1.123456789012345678|DECIMAL(38,18)",
        "12345678901234567890.12345678901234567890|DOUBLE",
        "1e5;2|DOUBLE",
        "1.5E-3|DOUBLE",
        "NaN;1.5|DOUBLE",
        "Infinity;-inf;2|DOUBLE",
        "1e999|STRING",
        "true;FALSE;True|BOOLEAN",
        "2024-01-31;0001-01-01;+10000-12-31|DATE",
        "2024-01-31T12:34:56Z;2024-01-31 12:34:56.123456+02:00|TIMESTAMP",
        "2024-01-31T12:34:56;2024-01-31 12:34:56.5|TIMESTAMP_NTZ",
        "2024-01-31T12:34:56Z;2024-01-31T12:34:56|STRING",
        "2024-01-31;2024-01-31T12:34:56|STRING",
        "2024-02-30|STRING",
        "2024-01-31T12:34:56.1234567Z|STRING",
        "1;true|STRING",
        "1;abc|STRING",
        "true;yes|STRING",
        "' 1'|STRING",
        "1;\"\"|STRING",
        "\"1\";\"2\"|BIGINT",
        "1;;2|BIGINT",
        "abc;1.5;2024-01-01|STRING",
      })
  void columnTypes(String values, String type) {
    assertThat(inferOne(values.split(";", -1)).sqlName()).isEqualTo(type);
  }

  @Test
  void allNullColumnIsStringAndEveryColumnIsNullable() {
    CsvSchemaInference.Result r = CsvSchemaInference.infer(new StringReader("a,b\n,1\n,2\n"));
    assertThat(r.schema()).isEqualTo(Schema.of(Field.of("a", LakeType.STRING), Field.of("b", LakeType.INT64)));
    assertThat(r.rowCount()).isEqualTo(2);
    CsvSchemaInference.Result headerOnly = CsvSchemaInference.infer(new StringReader("x,y\n"));
    assertThat(headerOnly.schema().toString()).isEqualTo("(x STRING, y STRING)");
    assertThat(headerOnly.rowCount()).isZero();
  }

  @Test
  void headerErrors() {
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("a,,b\n1,2,3\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("line 1: field 2 of the header is blank; every column needs a name");
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("a,\" \"\n1,2\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("field 2 of the header is blank");
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("id,name,ID\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("line 1: duplicate column name 'ID' (fields 1 and 3 of the header; names are compared ignoring case)");
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("a,b\n1,2\n3\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("line 3: expected 2 fields, found 1");
    assertThatThrownBy(() -> CsvSchemaInference.infer(new StringReader("a,b\n1,\"2\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2: malformed CSV: Unclosed quoted field");
  }

  /** ~200k rows written to disk, inferred in one streaming pass, then read back with the schema. */
  @Test
  void largeGeneratedFile() throws IOException {
    Path file = dir.resolve("big.csv");
    int rows = 200_000;
    try (BufferedWriter w = Files.newBufferedWriter(file, UTF_8)) {
      w.write("id,amount,ratio,flag,day,at,local,name,maybe,mixed,empty\n");
      for (int i = 0; i < rows; i++) {
        w.write(Integer.toString(i - 100_000));
        w.write(',');
        w.write(i % 7 == 0 ? Integer.toString(i) : (i / 100) + "." + String.format("%02d", i % 100)); // DECIMAL(18,2)
        w.write(',');
        w.write(i % 1000 == 0 ? "1.5e-3" : Double.toString(i / 3.0)); // exponent forms -> DOUBLE
        w.write(',');
        w.write(i % 2 == 0 ? "true" : "FALSE");
        w.write(',');
        w.write(LocalDate.of(2000, 1, 1).plusDays(i % 9000).toString());
        w.write(',');
        w.write(Instant.ofEpochSecond(1_700_000_000L + i, (i % 1000) * 1000).toString());
        w.write(',');
        w.write("2024-01-31 12:00:0" + (i % 10));
        w.write(',');
        w.write(i % 3 == 0 ? "\"Name, " + i + "\"" : "n" + i);
        w.write(',');
        w.write(i % 5 == 0 ? "" : Integer.toString(i % 100)); // NULLs are ignored
        w.write(',');
        w.write(i == rows - 1 ? "oops" : Integer.toString(i)); // one late string makes it STRING
        w.write(',');
        w.write('\n'); // always NULL
      }
    }
    assertThat(Files.size(file)).isGreaterThan(10_000_000L);

    CsvSchemaInference.Result r = CsvSchemaInference.infer(file);
    assertThat(r.rowCount()).isEqualTo(rows);
    assertThat(r.schema())
        .isEqualTo(
            TypeParser.parseColumns(
                "id BIGINT, amount DECIMAL(18,2), ratio DOUBLE, flag BOOLEAN, day DATE, at TIMESTAMP, local TIMESTAMP_NTZ, "
                    + "name STRING, maybe BIGINT, mixed STRING, empty STRING"));

    // The inferred schema reads the file back, and the decimals keep their text.
    long count = 0;
    try (CsvRowReader reader = CsvRowReader.open(file, r.schema())) {
      while (reader.hasNext()) {
        Object[] row = reader.next();
        if (count == 101) {
          assertThat(row[0]).isEqualTo(101L - 100_000);
          assertThat(row[1]).isEqualTo(new BigDecimal("1.01"));
          assertThat(row[7]).isEqualTo("n101");
        }
        count++;
      }
    }
    assertThat(count).isEqualTo(rows);
  }
}
