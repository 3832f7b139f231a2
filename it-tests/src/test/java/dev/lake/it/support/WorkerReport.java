package dev.lake.it.support;

import java.util.ArrayList;
import java.util.List;

/**
 * One result line of a {@code RowChangeWorker}: {@code OK kind w i version rows attempts} or
 * {@code CONFLICT kind w i message}.
 *
 * @param version the committed version, -1 when the operation changed nothing (no commit) or
 *     conflicted
 */
public record WorkerReport(boolean ok, String kind, int worker, int op, long version, long rows, int attempts) {

  /** Parses the OK and CONFLICT lines of a worker's stdout. */
  public static List<WorkerReport> parse(List<String> lines) {
    List<WorkerReport> out = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split(" ");
      if (f[0].equals("OK")) {
        out.add(new WorkerReport(true, f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
            Long.parseLong(f[4]), Long.parseLong(f[5]), Integer.parseInt(f[6])));
      } else if (f[0].equals("CONFLICT")) {
        out.add(new WorkerReport(false, f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), -1, 0, 0));
      }
    }
    return out;
  }

  /** True when the operation made a commit. */
  public boolean committed() {
    return ok && version >= 0;
  }
}
