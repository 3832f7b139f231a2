package dev.lake.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at semicolons outside quotes ('...', "...") and comments
 * (-- to end of line, block comments). Empty statements are dropped.
 */
final class SqlScripts {
  private SqlScripts() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == c) {
            if (j + 1 < n && script.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        cur.append(script, i, Math.min(j + 1, n));
        i = j;
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int j = script.indexOf('\n', i);
        i = j < 0 ? n : j;
        cur.append('\n');
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int j = script.indexOf("*/", i + 2);
        i = j < 0 ? n : j + 1;
        cur.append(' ');
      } else if (c == ';') {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
