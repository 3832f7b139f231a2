package dev.lake.engine.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 text for DATE, TIMESTAMP and TIMESTAMP_NTZ, written and read by hand: {@code
 * DateTimeFormatter} is slow on the CSV hot path and cannot express the exact leniency wanted
 * here (either separator, 0..9 fraction digits but no silent truncation, three offset forms).
 *
 * <p>Parsers return a failure reason instead of throwing so that schema inference can probe
 * values cheaply; {@link CsvValueCodec} turns reasons into exceptions.
 */
final class TemporalText {
  private TemporalText() {}

  /** Delta stores timestamps as long microseconds since the epoch (and dates as int days). */
  private static boolean fitsLongMicros(long epochSecond, int nano) {
    long seconds = epochSecond;
    long micros = nano / 1000;
    if (seconds < 0 && micros > 0) {
      // Borrow a second so that the product stays in range at Long.MIN_VALUE micros.
      seconds++;
      micros -= 1_000_000L;
    }
    try {
      Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  static final String OUT_OF_MICROS = "outside the range of microseconds in a long";

  // ---------------------------------------------------------------------------------------------
  // Formatting

  /** Appends {@code yyyy-MM-dd}; years outside 0000..9999 as java.time prints them. */
  static void appendDate(StringBuilder sb, LocalDate d) {
    int year = d.getYear();
    int abs = Math.abs(year);
    if (abs < 1000) {
      if (year < 0) {
        sb.append('-');
      }
      pad(sb, abs, 4);
    } else {
      if (year > 9999) {
        sb.append('+');
      }
      sb.append(year);
    }
    sb.append('-');
    pad(sb, d.getMonthValue(), 2);
    sb.append('-');
    pad(sb, d.getDayOfMonth(), 2);
  }

  /** Appends {@code yyyy-MM-ddTHH:mm:ss.ffffff} (exactly six fraction digits). */
  static void appendLocalDateTime(StringBuilder sb, LocalDateTime t) {
    if (t.getNano() % 1000 != 0) {
      throw new IllegalArgumentException("it has nanoseconds; timestamps hold microseconds");
    }
    if (!fitsLongMicros(t.toEpochSecond(ZoneOffset.UTC), t.getNano())) {
      throw new IllegalArgumentException(OUT_OF_MICROS);
    }
    appendDate(sb, t.toLocalDate());
    sb.append('T');
    pad(sb, t.getHour(), 2);
    sb.append(':');
    pad(sb, t.getMinute(), 2);
    sb.append(':');
    pad(sb, t.getSecond(), 2);
    sb.append('.');
    pad(sb, t.getNano() / 1000, 6);
  }

  /** Appends the instant in UTC: {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}. */
  static void appendInstant(StringBuilder sb, Instant t) {
    if (!fitsLongMicros(t.getEpochSecond(), t.getNano())) {
      throw new IllegalArgumentException(OUT_OF_MICROS);
    }
    appendLocalDateTime(sb, LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC));
    sb.append('Z');
  }

  private static void pad(StringBuilder sb, int value, int width) {
    // value >= 0; one leading zero for each power of ten it stays below.
    int limit = 10;
    for (int k = 1; k < width; k++, limit *= 10) {
      if (value < limit) {
        sb.append('0');
      }
    }
    sb.append(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  /** What a parse found; {@code error} is null on success. */
  static final class Parsed {
    String error;
    LocalDate date;
    LocalDateTime dateTime;
    /** Null when the text had no offset. */
    ZoneOffset offset;

    Parsed fail(String reason) {
      error = reason;
      return this;
    }
  }

  /** Parses a date {@code [+-]yyyy-MM-dd}. */
  static Parsed parseDate(String s) {
    Parsed p = new Parsed();
    int end = date(s, 0, p);
    if (p.error == null && end != s.length()) {
      p.fail("unexpected text after the date");
    }
    return p;
  }

  /**
   * Parses {@code date('T'|' ')HH:mm[:ss[.f{1,9}]][offset]}, offset {@code Z}, {@code ±hh:mm},
   * {@code ±hhmm} or {@code ±hh}. Sub-microsecond digits must be zero.
   */
  static Parsed parseDateTime(String s) {
    Parsed p = new Parsed();
    int i = date(s, 0, p);
    if (p.error != null) {
      return p;
    }
    if (i >= s.length() || (s.charAt(i) != 'T' && s.charAt(i) != ' ')) {
      return p.fail("expected 'T' or ' ' and a time after the date");
    }
    i++;
    int hour = digits(s, i, 2);
    if (hour < 0 || i + 2 >= s.length() || s.charAt(i + 2) != ':') {
      return p.fail("expected a time HH:mm:ss");
    }
    int minute = digits(s, i + 3, 2);
    if (minute < 0) {
      return p.fail("expected a time HH:mm:ss");
    }
    i += 5;
    int second = 0;
    int nano = 0;
    if (i < s.length() && s.charAt(i) == ':') {
      second = digits(s, i + 1, 2);
      if (second < 0) {
        return p.fail("expected two digits of seconds");
      }
      i += 3;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        int n = i - start;
        if (n == 0 || n > 9) {
          return p.fail("expected 1 to 9 fraction digits");
        }
        for (int k = 0; k < 9; k++) {
          nano = nano * 10 + (k < n ? s.charAt(start + k) - '0' : 0);
        }
        if (nano % 1000 != 0) {
          return p.fail("has digits beyond microseconds");
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return p.fail("time out of range");
    }
    if (i < s.length()) {
      int offsetEnd = offset(s, i, p);
      if (p.error != null) {
        return p;
      }
      if (offsetEnd != s.length()) {
        return p.fail("unexpected text after the time");
      }
    }
    p.dateTime = LocalDateTime.of(p.date.getYear(), p.date.getMonthValue(), p.date.getDayOfMonth(), hour, minute, second, nano);
    long epochSecond = p.dateTime.toEpochSecond(p.offset == null ? ZoneOffset.UTC : p.offset);
    if (!fitsLongMicros(epochSecond, nano)) {
      return p.fail(OUT_OF_MICROS);
    }
    return p;
  }

  /** The instant a parsed date-time denotes (no offset = UTC). */
  static Instant toInstant(Parsed p) {
    return p.dateTime.toInstant(p.offset == null ? ZoneOffset.UTC : p.offset);
  }

  private static int offset(String s, int i, Parsed p) {
    char c = s.charAt(i);
    if (c == 'Z') {
      p.offset = ZoneOffset.UTC;
      return i + 1;
    }
    if (c != '+' && c != '-') {
      p.fail("expected an offset Z, +hh:mm, +hhmm or +hh");
      return i;
    }
    int hours = digits(s, i + 1, 2);
    if (hours < 0) {
      p.fail("expected an offset Z, +hh:mm, +hhmm or +hh");
      return i;
    }
    int end = i + 3;
    int minutes = 0;
    if (end < s.length()) {
      int at = s.charAt(end) == ':' ? end + 1 : end;
      minutes = digits(s, at, 2);
      if (minutes < 0) {
        p.fail("expected an offset Z, +hh:mm, +hhmm or +hh");
        return i;
      }
      end = at + 2;
    }
    try {
      p.offset = c == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
    } catch (DateTimeException e) {
      p.fail("offset out of range");
    }
    return end;
  }

  /** Parses the date at {@code i} into {@code p.date}; returns the index after it. */
  private static int date(String s, int i, Parsed p) {
    int n = s.length();
    char sign = i < n ? s.charAt(i) : 0;
    int start = (sign == '+' || sign == '-') ? i + 1 : i;
    int end = start;
    while (end < n && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
      end++;
    }
    int yearDigits = end - start;
    // java.time's ISO rules: exactly 4 digits unsigned, '+' only for 5 or more, '-' for 4 or more.
    boolean ok =
        sign == '+' ? yearDigits >= 5 : sign == '-' ? yearDigits >= 4 : yearDigits == 4;
    if (!ok || yearDigits > 9) {
      p.fail("expected a date yyyy-MM-dd");
      return i;
    }
    int year = Integer.parseInt(s, start, end, 10);
    if (sign == '-') {
      if (year == 0) {
        p.fail("year -0000 is not allowed");
        return i;
      }
      year = -year;
    }
    if (end + 6 > n || s.charAt(end) != '-' || s.charAt(end + 3) != '-') {
      p.fail("expected a date yyyy-MM-dd");
      return i;
    }
    int month = digits(s, end + 1, 2);
    int day = digits(s, end + 4, 2);
    if (month < 0 || day < 0) {
      p.fail("expected a date yyyy-MM-dd");
      return i;
    }
    try {
      p.date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      p.fail("no such date");
      return i;
    }
    long epochDay = p.date.toEpochDay();
    if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
      p.fail("outside the range of days in an int");
      return i;
    }
    return end + 6;
  }

  /** {@code count} ASCII digits at {@code i} as a number, or -1. */
  private static int digits(String s, int i, int count) {
    if (i + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + count; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
