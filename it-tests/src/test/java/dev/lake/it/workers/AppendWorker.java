package dev.lake.it.workers;

import dev.lake.engine.CommitResult;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.error.ConflictException;
import java.nio.file.Path;
import java.util.List;

/**
 * Inserts {@code count} rows, one commit per row, ids {@code firstId ..}.
 *
 * <p>Args: lakeDir table worker firstId count gateFile. Prints {@code OK id version attempts}
 * per committed row, {@code CONFLICT id message} when the engine gave up on an insert (the
 * insert is then tried again: a ConflictException promises that nothing was committed, and with
 * a primary key a retry of an insert that did commit would fail on the duplicate key), and
 * finally {@code DONE committed=N conflicts=C}.
 */
public final class AppendWorker {
  private static final int MAX_CONFLICTS_PER_ROW = 20;

  public static void main(String[] args) {
    WorkerSupport.run("AppendWorker " + String.join(" ", args), () -> {
      String lakeDir = args[0];
      String tableName = args[1];
      int worker = Integer.parseInt(args[2]);
      long firstId = Long.parseLong(args[3]);
      int count = Integer.parseInt(args[4]);
      Path gate = Path.of(args[5]);
      try (Lake lake = WorkerSupport.openLake(lakeDir)) {
        Table table = lake.table(tableName);
        table.snapshot();
        WorkerSupport.awaitGate(gate);
        int conflicts = 0;
        for (int i = 0; i < count; i++) {
          long id = firstId + i;
          Object[] row = {id, worker, "w" + worker + "-" + i};
          for (int tries = 1; ; tries++) {
            try {
              CommitResult r = table.insert(List.<Object[]>of(row));
              if (!r.committed() || r.rowsInserted() != 1) {
                throw new IllegalStateException("insert of id " + id + " returned " + r);
              }
              WorkerSupport.say("OK " + id + " " + r.version() + " " + r.attempts());
              break;
            } catch (ConflictException e) {
              conflicts++;
              WorkerSupport.say("CONFLICT " + id + " " + e.getMessage().replace('\n', ' '));
              if (tries >= MAX_CONFLICTS_PER_ROW) {
                throw e;
              }
            }
          }
        }
        WorkerSupport.say("DONE committed=" + count + " conflicts=" + conflicts);
      }
    });
  }
}
