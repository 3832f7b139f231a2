package dev.lake.it.mount.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;

/** CSV text helpers for assertions: records (RFC 4180, line breaks inside quotes kept) and compact diffs. */
public final class Csv {
  private Csv() {}

  /** The records of a CSV text (header first), without their line terminators. */
  public static List<String> records(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '\n' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /** Header, then the other records sorted: compares contents regardless of row order. */
  public static List<String> sortedRecords(String text) {
    List<String> r = records(text);
    if (r.isEmpty()) {
      return r;
    }
    List<String> body = new ArrayList<>(r.subList(1, r.size()));
    body.sort(null);
    List<String> out = new ArrayList<>();
    out.add(r.get(0));
    out.addAll(body);
    return out;
  }

  /** Fails with the first differing offset and some context, not megabytes of text. */
  public static void assertSameBytes(String what, byte[] actual, byte[] expected) {
    if (java.util.Arrays.equals(actual, expected)) {
      return;
    }
    int i = 0;
    while (i < actual.length && i < expected.length && actual[i] == expected[i]) {
      i++;
    }
    Assertions.fail(what + ": " + actual.length + " bytes, expected " + expected.length
        + "; first difference at offset " + i
        + "\n--- actual from there:   " + context(actual, i)
        + "\n--- expected from there: " + context(expected, i));
  }

  /** Same records (any order) and the same total length: nothing missing, nothing stale, nothing cut. */
  public static void assertSameRecords(String what, byte[] actual, byte[] expected) {
    String a = new String(actual, StandardCharsets.UTF_8);
    String e = new String(expected, StandardCharsets.UTF_8);
    List<String> ar = sortedRecords(a);
    List<String> er = sortedRecords(e);
    if (!ar.equals(er)) {
      List<String> missing = new ArrayList<>(er);
      missing.removeAll(ar);
      List<String> extra = new ArrayList<>(ar);
      extra.removeAll(er);
      Assertions.fail(what + ": " + ar.size() + " records (" + actual.length + " bytes), expected " + er.size()
          + " (" + expected.length + " bytes)\n--- missing: " + head(missing) + "\n--- unexpected: " + head(extra)
          + "\n--- actual ends with: " + tail(a));
    }
    Assertions.assertThat(actual.length).as(what + ": byte length").isEqualTo(expected.length);
  }

  private static String head(List<String> l) {
    return l.size() <= 10 ? l.toString() : l.subList(0, 10) + " ... (" + l.size() + ")";
  }

  private static String tail(String s) {
    return "\"" + (s.length() > 300 ? s.substring(s.length() - 300) : s).replace("\n", "\\n") + "\"";
  }

  private static String context(byte[] b, int at) {
    int from = Math.max(0, at - 40);
    int to = Math.min(b.length, at + 160);
    return "\"" + new String(b, from, to - from, StandardCharsets.UTF_8).replace("\n", "\\n") + "\"";
  }
}
