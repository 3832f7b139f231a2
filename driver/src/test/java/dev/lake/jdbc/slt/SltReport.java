package dev.lake.jdbc.slt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the results of a run as plain text: per file, per part, in total, failure reasons. */
final class SltReport {
  private static final int TOP_REASONS = 25;
  private static final int SAMPLES_PER_REASON = 2;
  private static final int MAX_SQL = 240;

  private SltReport() {}

  /** Passed/failed queries over some files. */
  record Totals(int passed, int failed, int timeouts, int filtered, int sampledOut, int statementsFailed, long nanos) {
    static Totals of(List<SltFileResult> files) {
      int p = 0;
      int f = 0;
      int n = 0;
      int so = 0;
      int to = 0;
      int sf = 0;
      long t = 0;
      for (SltFileResult r : files) {
        p += r.passed;
        f += r.failed;
        to += r.timeouts;
        n += r.queriesInFile - r.queriesAfterFilter;
        so += r.queriesAfterFilter - r.queriesRun;
        sf += r.statementsFailed;
        t += r.nanos;
      }
      return new Totals(p, f, to, n, so, sf, t);
    }

    double rate() {
      return passed + failed == 0 ? 0 : 100.0 * passed / (passed + failed);
    }

    String line(String label) {
      return String.format(Locale.ROOT,
          "%s: %d passed, %d failed (%.2f%%), of which %d timed out; %d statements failed;"
              + " not run: %d queries for other dialects, %d left out of the sample; %.1f s in files",
          label, passed, failed, rate(), timeouts, statementsFailed, filtered, sampledOut, nanos / 1e9);
    }
  }

  static String render(List<SltFileResult> selects, List<SltFileResult> randoms, String sampleDescription, long wallNanos) {
    StringBuilder sb = new StringBuilder();
    sb.append("sqllogictest (net.hydromatic:sql-logic-test) through the lake JDBC driver, one fresh lake per file\n");
    sb.append("plan: ").append(sampleDescription).append('\n');
    sb.append("columns: queries = query records in the file; kept = those the library keeps for its PostgreSQL policy\n"
        + "  (skipif postgresql / onlyif <other> dropped); run = kept, or the sample of them; st.ok/st.err/st.nop = statements\n"
        + "  succeeded / failed / accepted as no-ops (CREATE/DROP INDEX); t/o = failed queries cancelled at the time limit;\n"
        + "  ins.s = time spent in INSERT statements (batched: consecutive INSERT ... VALUES as one JDBC batch = one commit);\n"
        + "  time.s = wall time of the file; cpu.s = CPU time of the thread that ran it\n");
    sb.append('\n');
    sb.append(header()).append('\n');
    List<SltFileResult> all = new ArrayList<>(selects);
    all.addAll(randoms);
    for (SltFileResult r : all) {
      sb.append(fileLine(r)).append('\n');
    }
    sb.append('\n');
    Totals s = Totals.of(selects);
    Totals rnd = Totals.of(randoms);
    Totals t = Totals.of(all);
    sb.append(s.line("select1-5")).append('\n');
    sb.append(rnd.line("random sample")).append('\n');
    sb.append(t.line("all")).append('\n');
    sb.append(String.format(Locale.ROOT, "sqllogictest pass rate: select1-5 %.2f%%, random sample %.2f%%, all %.2f%% (wall time %.1f s)%n",
        s.rate(), rnd.rate(), t.rate(), wallNanos / 1e9));
    sb.append("sqllogictest: ").append(t.passed).append(" passed, ").append(t.failed).append(" failed\n");
    sb.append('\n');
    sb.append(reasons(all));
    return sb.toString();
  }

  static String header() {
    return String.format(Locale.ROOT, "%-40s %7s %7s %7s %7s %7s %5s %8s %6s %6s %6s %7s %8s %7s",
        "file", "queries", "kept", "run", "passed", "failed", "t/o", "pass%", "st.ok", "st.err", "st.nop", "ins.s", "time.s", "cpu.s");
  }

  static String fileLine(SltFileResult r) {
    return String.format(Locale.ROOT, "%-40s %7d %7d %7d %7d %7d %5d %7.2f%% %6d %6d %6d %7.1f %8.1f %7.1f",
        r.file, r.queriesInFile, r.queriesAfterFilter, r.queriesRun, r.passed, r.failed, r.timeouts, r.passRate(),
        r.statementsOk, r.statementsFailed, r.statementsNoop, r.insertNanos / 1e9, r.nanos / 1e9, r.cpuNanos / 1e9);
  }

  /** Failures grouped by normalised reason, most frequent first, with sample statements. */
  static String reasons(List<SltFileResult> files) {
    Map<String, List<SltFailure>> groups = new LinkedHashMap<>();
    int total = 0;
    for (SltFileResult r : files) {
      for (SltFailure f : r.failures) {
        groups.computeIfAbsent(f.kind() + " | " + f.reason(), k -> new ArrayList<>()).add(f);
        total++;
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "failure reasons (%d failures in %d groups; top %d):%n", total, groups.size(), TOP_REASONS));
    List<Map.Entry<String, List<SltFailure>>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort(Comparator.comparingInt((Map.Entry<String, List<SltFailure>> e) -> -e.getValue().size()).thenComparing(Map.Entry::getKey));
    int shown = 0;
    for (Map.Entry<String, List<SltFailure>> e : sorted) {
      if (shown++ == TOP_REASONS) {
        break;
      }
      List<SltFailure> fs = e.getValue();
      long inFiles = fs.stream().map(SltFailure::file).distinct().count();
      sb.append(String.format(Locale.ROOT, "%6d  %s  (in %d files)%n", fs.size(), e.getKey(), inFiles));
      for (int i = 0; i < Math.min(SAMPLES_PER_REASON, fs.size()); i++) {
        SltFailure f = fs.get(i);
        sb.append("          e.g. ").append(f.file()).append(f.line() >= 0 ? ":" + f.line() : "").append("  ")
            .append(clip(f.sql())).append('\n');
        if (!f.message().equals(f.reason())) {
          sb.append("               -> ").append(clip(f.message())).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= MAX_SQL ? one : one.substring(0, MAX_SQL) + "...";
  }
}
