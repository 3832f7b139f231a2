package dev.lake.jdbc.parser;

import dev.lake.jdbc.parser.impl.LakeSqlParserImpl;
import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

/**
 * Names as lake's SQL grammar reads them: which words it reserves, and how to write any name so
 * that it reads back as itself. Column names from imported CSV are often reserved words (day,
 * year, user, value), so both the statements lake writes (schema.sql) and its error messages need
 * this.
 */
public final class SqlIdentifiers {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final SqlAbstractParserImpl.Metadata GRAMMAR =
      LakeSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

  private SqlIdentifiers() {}

  /** Whether the grammar reserves {@code word} (in any case): as a name it must be quoted. */
  public static boolean isReserved(String word) {
    return GRAMMAR.isReservedWord(word.toUpperCase(Locale.ROOT));
  }

  /**
   * {@code name} as the grammar reads it back: bare when it is a plain identifier and no reserved
   * word, else double-quoted (a {@code "} inside doubled).
   */
  public static String quote(String name) {
    if (PLAIN.matcher(name).matches() && !isReserved(name)) {
      return name;
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
