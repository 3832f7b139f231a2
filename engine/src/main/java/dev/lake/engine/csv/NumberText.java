package dev.lake.engine.csv;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Strict syntax checks for numeric text. The JDK parsers are too lenient for a format that must
 * round-trip: {@code Long.parseLong} takes non-ASCII digits, {@code Double.parseDouble} takes
 * {@code "1d"}, hex floats and surrounding spaces. These checks run first; the JDK then converts.
 */
final class NumberText {
  private NumberText() {}

  /** {@code [+-]?[0-9]+} as a long, or null when the text is not that or out of long range. */
  static Long parseLong(String s) {
    int n = s.length();
    if (n == 0) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    char c0 = s.charAt(0);
    if (c0 == '-' || c0 == '+') {
      negative = c0 == '-';
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    // Accumulate negatively so that Long.MIN_VALUE fits.
    long result = 0;
    for (; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9 || result < Long.MIN_VALUE / 10) {
        return null;
      }
      result *= 10;
      if (result < Long.MIN_VALUE + d) {
        return null;
      }
      result -= d;
    }
    if (!negative) {
      if (result == Long.MIN_VALUE) {
        return null;
      }
      result = -result;
    }
    return result;
  }

  /** {@code [+-]?[0-9]+}. */
  static boolean isInteger(String s) {
    int n = s.length();
    int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A strictly checked integer of any size, or null. */
  static BigInteger parseBigInteger(String s) {
    if (!isInteger(s)) {
      return null;
    }
    return new BigInteger(s.charAt(0) == '+' ? s.substring(1) : s);
  }

  /**
   * The shape of a decimal literal {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}: returns -1 if the
   * text is not one, else a bit set of {@link #HAS_POINT} and {@link #HAS_EXPONENT}.
   */
  static int decimalShape(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    int shape = 0;
    if (i < n && s.charAt(i) == '.') {
      shape |= HAS_POINT;
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return -1;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      shape |= HAS_EXPONENT;
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return -1;
      }
    }
    return i == n ? shape : -1;
  }

  static final int HAS_POINT = 1;
  static final int HAS_EXPONENT = 2;

  /** A strictly checked decimal literal, or null. */
  static BigDecimal parseBigDecimal(String s) {
    if (decimalShape(s) < 0) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      // Only an exponent beyond int range gets here.
      return null;
    }
  }

  /** Which special floating-point word the text is, or null: NaN, Infinity, -Infinity. */
  static Double specialFloat(String s) {
    String t = s;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
      if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return null;
    }
    if (t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    return null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
