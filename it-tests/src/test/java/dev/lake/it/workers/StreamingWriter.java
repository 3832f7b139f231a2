package dev.lake.it.workers;

import dev.lake.engine.CommitResult;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits batches forever until killed: batch {@code b} is {@code rowsPerBatch} rows {@code (id =
 * b * rowsPerBatch + k, batch = b, k, payload)} in one insert. Prints {@code COMMITTED b version}
 * after each commit.
 *
 * <p>Args: lakeDir table firstBatch rowsPerBatch.
 */
public final class StreamingWriter {
  public static void main(String[] args) {
    WorkerSupport.run("StreamingWriter " + String.join(" ", args), () -> {
      String lakeDir = args[0];
      String tableName = args[1];
      long batch = Long.parseLong(args[2]);
      int rowsPerBatch = Integer.parseInt(args[3]);
      try (Lake lake = WorkerSupport.openLake(lakeDir)) {
        Table table = lake.table(tableName);
        WorkerSupport.say("READY");
        for (; ; batch++) {
          List<Object[]> rows = new ArrayList<>(rowsPerBatch);
          for (int k = 0; k < rowsPerBatch; k++) {
            rows.add(new Object[] {batch * rowsPerBatch + k, batch, k, "batch " + batch + " row " + k + " " + "x".repeat(k * 10)});
          }
          CommitResult r = table.insert(rows);
          WorkerSupport.say("COMMITTED " + batch + " " + r.version());
        }
      }
    });
  }
}
