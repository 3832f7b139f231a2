package dev.lake.engine.csv;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Infers a schema from lake CSV in one streaming pass: the column names come from the header,
 * each column's type from all of its values, and memory stays O(columns) whatever the size of the
 * input.
 *
 * <p>Per column, ignoring NULLs (empty unquoted fields):
 *
 * <ul>
 *   <li>only integers ({@code [+-]?[0-9]+}) → BIGINT; integers beyond BIGINT → DECIMAL(38,0) up
 *       to 38 digits, else DOUBLE;
 *   <li>numbers with a decimal point and no exponent, alone or mixed with integers → DECIMAL(18,s)
 *       with s the largest scale seen (so {@code 12.50} comes back as {@code 12.50}), or
 *       DECIMAL(38,s) when the integer digits seen plus s exceed 18; DOUBLE beyond 38. The
 *       precision is not the tightest fit on purpose: a table inferred from prices up to 9.99
 *       must take 12.00 later (an append through the mount, an INSERT), as BIGINT takes integers
 *       larger than any seen;
 *   <li>any number with an exponent, or NaN/Infinity/inf/nan, mixed with other numbers → DOUBLE;
 *   <li>{@code true}/{@code false} in any case → BOOLEAN;
 *   <li>ISO dates {@code yyyy-MM-dd} → DATE;
 *   <li>timestamps with an offset or Z → TIMESTAMP; without → TIMESTAMP_NTZ (a mix → STRING);
 *   <li>anything else, any other mix, a quoted empty string {@code ""}, or no value at all →
 *       STRING.
 * </ul>
 *
 * Every value accepted under a type parses with {@link CsvValueCodec} under that type, so the
 * file can then be read with {@link CsvRowReader} and the inferred schema. All inferred columns
 * are nullable.
 */
public final class CsvSchemaInference {
  private CsvSchemaInference() {}

  /**
   * What inference found.
   *
   * @param schema the inferred columns, in header order
   * @param rowCount the number of data rows (records after the header)
   */
  public record Result(Schema schema, long rowCount) {}

  /** Infers from a character stream, which is read to its end and closed. */
  public static Result infer(Reader in) {
    try (CsvRecordSource source = new CsvRecordSource(in)) {
      return infer(source);
    }
  }

  /** Infers from UTF-8 bytes, which are read to the end and closed. */
  public static Result infer(InputStream in) {
    try (CsvRecordSource source = CsvRecordSource.of(in)) {
      return infer(source);
    }
  }

  /** Infers from a UTF-8 file. */
  public static Result infer(Path file) {
    try (CsvRecordSource source = CsvRecordSource.of(file)) {
      return infer(source);
    }
  }

  private static Result infer(CsvRecordSource source) {
    RawRecord header = source.next();
    if (header == null) {
      throw new InvalidInputException("the CSV input is empty: expected a header line naming the columns");
    }
    String[] names = checkedNames(header);
    ColumnGuess[] guesses = new ColumnGuess[names.length];
    for (int i = 0; i < guesses.length; i++) {
      guesses[i] = new ColumnGuess();
    }
    long rows = 0;
    for (RawRecord r = source.next(); r != null; r = source.next()) {
      if (r.count != names.length) {
        throw new InvalidInputException(
            "line " + r.line + ": expected " + names.length + " fields, found "
                + (r.emptyLine ? "an empty line" : String.valueOf(r.count)));
      }
      for (int i = 0; i < names.length; i++) {
        guesses[i].observe(r.values[i]);
      }
      rows++;
    }
    List<Field> fields = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      fields.add(Field.of(names[i], guesses[i].type()));
    }
    return new Result(new Schema(fields), rows);
  }

  private static String[] checkedNames(RawRecord h) {
    String[] names = new String[h.count];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < h.count; i++) {
      String name = h.values[i];
      if (name == null || name.isBlank()) {
        throw new InvalidInputException("line " + h.line + ": field " + (i + 1) + " of the header is blank; every column needs a name");
      }
      Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
      if (before != null) {
        throw new InvalidInputException(
            "line " + h.line + ": duplicate column name '" + name + "' (fields " + (before + 1) + " and " + (i + 1)
                + " of the header; names are compared ignoring case)");
      }
      names[i] = name;
    }
    return names;
  }

  /** What one column's values allow so far. */
  private static final class ColumnGuess {
    private static final int INTEGER = 1;
    private static final int DECIMAL = 2;
    private static final int FLOAT = 4;
    private static final int BOOLEAN = 8;
    private static final int DATE = 16;
    private static final int TIMESTAMP = 32;
    private static final int TIMESTAMP_NTZ = 64;
    private static final int NUMERIC = INTEGER | DECIMAL | FLOAT;

    private boolean string;
    private int kinds;
    private boolean beyondLong;
    private int maxIntegerDigits;
    private int maxScale;

    /** Delta's (and Spark's) largest decimal precision. */
    private static final int MAX_DECIMAL_PRECISION = 38;
    /** The largest precision whose unscaled values fit a long (Parquet INT64, the fast paths). */
    private static final int LONG_DECIMAL_PRECISION = 18;

    /** A number too large for a DOUBLE was seen: DOUBLE cannot be the fallback. */
    private boolean beyondDouble;

    void observe(String text) {
      if (string || text == null) {
        return; // decided, or NULL
      }
      int kind = classify(text);
      kinds |= kind;
      // Numbers mix with each other; anything else must stay alone.
      if (kind == 0 || ((kinds & ~NUMERIC) != 0 && Integer.bitCount(kinds) > 1)) {
        string = true;
      }
    }

    private int classify(String s) {
      if (s.isEmpty()) {
        return 0; // a quoted empty string: only STRING holds it
      }
      char c = s.charAt(0);
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        if (NumberText.isInteger(s)) {
          if (NumberText.parseLong(s) == null) {
            beyondLong = true;
          }
          int digits = significantDigits(s, s.length());
          maxIntegerDigits = Math.max(maxIntegerDigits, digits);
          checkDouble(s, digits);
          return INTEGER;
        }
        int shape = NumberText.decimalShape(s);
        if (shape >= 0) {
          if ((shape & NumberText.HAS_EXPONENT) != 0) {
            checkDouble(s, Integer.MAX_VALUE);
            return FLOAT;
          }
          int point = s.indexOf('.');
          int digits = significantDigits(s, point);
          maxIntegerDigits = Math.max(maxIntegerDigits, digits);
          maxScale = Math.max(maxScale, s.length() - point - 1);
          checkDouble(s, digits);
          return DECIMAL;
        }
        if (NumberText.specialFloat(s) != null) {
          return FLOAT;
        }
        return temporal(s);
      }
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return BOOLEAN;
      }
      if (NumberText.specialFloat(s) != null) {
        return FLOAT;
      }
      return 0;
    }

    /** Only numbers with hundreds of digits, or exponents, can overflow a double. */
    private void checkDouble(String s, int integerDigits) {
      if (integerDigits > 300 && Double.isInfinite(Double.parseDouble(s))) {
        beyondDouble = true;
      }
    }

    private static int temporal(String s) {
      if (TemporalText.parseDate(s).error == null) {
        return DATE;
      }
      TemporalText.Parsed p = TemporalText.parseDateTime(s);
      if (p.error != null) {
        return 0;
      }
      return p.offset == null ? TIMESTAMP_NTZ : TIMESTAMP;
    }

    /** Digits of s[0, end) without sign and leading zeros. */
    private static int significantDigits(String s, int end) {
      int i = 0;
      if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      while (i < end && s.charAt(i) == '0') {
        i++;
      }
      return end - i;
    }

    /** Room for larger values than those seen: 18 digits while they fit, else 38. */
    private static int roomyPrecision(int digits) {
      return digits <= LONG_DECIMAL_PRECISION ? LONG_DECIMAL_PRECISION : MAX_DECIMAL_PRECISION;
    }

    LakeType type() {
      if (string || kinds == 0) {
        return LakeType.STRING;
      }
      LakeType orDouble = beyondDouble ? LakeType.STRING : LakeType.FLOAT64;
      if ((kinds & FLOAT) != 0) {
        return orDouble;
      }
      if ((kinds & DECIMAL) != 0) {
        int digits = Math.max(1, maxIntegerDigits + maxScale);
        return digits <= MAX_DECIMAL_PRECISION ? LakeType.decimal(roomyPrecision(digits), maxScale) : orDouble;
      }
      if (kinds == INTEGER) {
        if (!beyondLong) {
          return LakeType.INT64;
        }
        return maxIntegerDigits <= MAX_DECIMAL_PRECISION ? LakeType.decimal(MAX_DECIMAL_PRECISION, 0) : orDouble;
      }
      return switch (kinds) {
        case BOOLEAN -> LakeType.BOOLEAN;
        case DATE -> LakeType.DATE;
        case TIMESTAMP -> LakeType.TIMESTAMP;
        case TIMESTAMP_NTZ -> LakeType.TIMESTAMP_NTZ;
        default -> LakeType.STRING;
      };
    }
  }
}
