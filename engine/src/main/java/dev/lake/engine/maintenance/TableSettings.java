package dev.lake.engine.maintenance;

import dev.lake.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Delta table properties maintenance honours, and the size and duration syntax they
 * (and the command line) use: {@code delta.targetFileSize} ({@code 134217728}, {@code 128mb},
 * {@code 1g}) and {@code delta.deletedFileRetentionDuration} ({@code interval 7 days}).
 */
public final class TableSettings {
  /** Delta's table property for the target data file size. */
  public static final String TARGET_FILE_SIZE = "delta.targetFileSize";
  /** Delta's table property for how long removed files are kept. */
  public static final String DELETED_FILE_RETENTION = "delta.deletedFileRetentionDuration";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");
  private static final Pattern INTERVAL_PART = Pattern.compile("(\\d+)\\s*([a-z]+)");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

  private TableSettings() {}

  /** The table's target file size, or {@link OptimizeOptions#DEFAULT_TARGET_FILE_SIZE}. */
  static long targetFileSize(Map<String, String> properties) {
    String v = properties.get(TARGET_FILE_SIZE);
    return v == null || v.isBlank() ? OptimizeOptions.DEFAULT_TARGET_FILE_SIZE : parseBytes(v, TARGET_FILE_SIZE);
  }

  /** The table's retention for removed files, or {@link VacuumOptions#DEFAULT_RETENTION}. */
  static Duration deletedFileRetention(Map<String, String> properties) {
    String v = properties.get(DELETED_FILE_RETENTION);
    return v == null || v.isBlank() ? VacuumOptions.DEFAULT_RETENTION : parseInterval(v, DELETED_FILE_RETENTION);
  }

  /**
   * A byte size: a number with an optional unit k, m, g, t (powers of 1024, optionally followed
   * by b or ib: {@code 128m}, {@code 128mb}, {@code 128MiB}).
   *
   * @param what names the setting in the error message
   */
  public static long parseBytes(String text, String what) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(what + ": not a size: '" + text + "' (expected e.g. 134217728, 128m, 1g)");
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          case "t" -> 40;
          default -> 0;
        };
    try {
      long n = Long.parseLong(m.group(1));
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(what + ": size out of range: '" + text + "'");
    }
  }

  /**
   * A duration in Delta's interval syntax ({@code interval 7 days}, {@code interval 1 week 2
   * hours}) or the short form {@code 168h}, {@code 7d}, {@code 30m}, {@code 0h}.
   */
  public static Duration parseInterval(String text, String what) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher shortForm = SHORT_DURATION.matcher(t);
    if (shortForm.matches()) {
      return of(Long.parseLong(shortForm.group(1)), shortForm.group(2), text, what);
    }
    if (t.startsWith("interval")) {
      t = t.substring("interval".length()).trim();
    }
    Matcher m = INTERVAL_PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    boolean any = false;
    while (m.find()) {
      if (!t.substring(end, m.start()).isBlank()) {
        break;
      }
      total = total.plus(of(Long.parseLong(m.group(1)), m.group(2), text, what));
      end = m.end();
      any = true;
    }
    if (!any || !t.substring(end).isBlank()) {
      throw new InvalidInputException(
          what + ": not a duration: '" + text + "' (expected e.g. 'interval 7 days' or 168h)");
    }
    return total;
  }

  private static Duration of(long n, String unit, String text, String what) {
    String u = unit.endsWith("s") && unit.length() > 2 ? unit.substring(0, unit.length() - 1) : unit;
    return switch (u) {
      case "ms", "millisecond" -> Duration.ofMillis(n);
      case "s", "second", "sec" -> Duration.ofSeconds(n);
      case "m", "minute", "min" -> Duration.ofMinutes(n);
      case "h", "hour" -> Duration.ofHours(n);
      case "d", "day" -> Duration.ofDays(n);
      case "w", "week" -> Duration.ofDays(7 * n);
      case "microsecond" -> Duration.ofNanos(n * 1000);
      case "nanosecond" -> Duration.ofNanos(n);
      default -> throw new InvalidInputException(what + ": unknown time unit '" + unit + "' in '" + text + "'");
    };
  }
}
