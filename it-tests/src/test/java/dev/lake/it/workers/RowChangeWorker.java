package dev.lake.it.workers;

import dev.lake.engine.CommitResult;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.error.ConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code ops} operations of one kind from {@link RowChangeOps}, one commit each.
 *
 * <p>Args: lakeDir table kind(update|delete|append) worker ops gateFile. For each operation it
 * prints {@code OK kind w i version rows attempts} (rows = rows updated, deleted or inserted as
 * the engine reports them) or {@code CONFLICT kind w i message} when the engine gave up (then the
 * operation is not retried: it must have committed nothing). Ends with {@code DONE ok=N
 * conflicts=C}.
 */
public final class RowChangeWorker {
  public static void main(String[] args) {
    WorkerSupport.run("RowChangeWorker " + String.join(" ", args), () -> {
      String lakeDir = args[0];
      String tableName = args[1];
      String kind = args[2];
      int w = Integer.parseInt(args[3]);
      int ops = Integer.parseInt(args[4]);
      Path gate = Path.of(args[5]);
      try (Lake lake = WorkerSupport.openLake(lakeDir)) {
        Table table = lake.table(tableName);
        table.snapshot();
        WorkerSupport.awaitGate(gate);
        int ok = 0;
        int conflicts = 0;
        for (int i = 0; i < ops; i++) {
          try {
            CommitResult r;
            long rows;
            switch (kind) {
              case "update":
                r = table.update(RowChangeOps.updatePredicate(w, i), RowChangeOps.increment(w, i));
                rows = r.rowsUpdated();
                break;
              case "delete":
                r = table.delete(RowChangeOps.deletePredicate(w, i));
                rows = r.rowsDeleted();
                break;
              case "append":
                List<Object[]> batch = new ArrayList<>();
                for (long id : RowChangeOps.appendIds(w, i)) {
                  batch.add(new Object[] {id, "a" + w + "." + i});
                }
                r = table.insert(batch);
                rows = r.rowsInserted();
                break;
              default:
                throw new IllegalArgumentException(kind);
            }
            // A write that changed nothing makes no commit: report it with version -1.
            long version = r.committed() ? r.version() : -1;
            WorkerSupport.say("OK " + kind + " " + w + " " + i + " " + version + " " + rows + " " + r.attempts());
            ok++;
          } catch (ConflictException e) {
            conflicts++;
            WorkerSupport.say("CONFLICT " + kind + " " + w + " " + i + " " + e.getMessage().replace('\n', ' '));
          }
        }
        WorkerSupport.say("DONE ok=" + ok + " conflicts=" + conflicts);
      }
    });
  }
}
