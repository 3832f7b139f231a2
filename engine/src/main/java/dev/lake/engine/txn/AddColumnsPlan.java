package dev.lake.engine.txn;

import dev.lake.engine.error.AlreadyExistsException;
import dev.lake.engine.error.SchemaException;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.SchemaActions;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.Schema;
import io.delta.kernel.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE ADD COLUMNS: a commit with a new {@code metaData} action whose schema has the new
 * (nullable) columns at the end. Existing data files simply lack them, which every Delta reader
 * reads as NULL.
 */
public final class AddColumnsPlan implements WritePlan {
  private final List<Field> columns;

  public AddColumnsPlan(List<Field> columns) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public Planned plan(KernelContext ctx, TableMeta meta, Transaction txn) {
    List<Field> fields = new ArrayList<>(meta.schema().fields());
    for (Field f : columns) {
      if (meta.schema().indexOf(f.name()) >= 0) {
        throw new AlreadyExistsException("column '" + f.name() + "' already exists");
      }
      if (!f.nullable()) {
        throw new SchemaException(
            "cannot add NOT NULL column '" + f.name() + "': existing rows would hold NULL in it");
      }
      fields.add(f);
    }
    new Schema(fields); // validates the combined schema (e.g. duplicate names in `columns`)
    Planned p =
        new Planned(
            "ADD COLUMNS", List.of(SchemaActions.metadataWithAddedColumns(meta, columns)), 0, 0, 0, 0, 0,
            List.of());
    p.parameter("columns", columns.toString());
    p.skipPostCommitHooks = true;
    return p;
  }
}
