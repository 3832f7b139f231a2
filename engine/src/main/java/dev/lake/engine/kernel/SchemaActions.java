package dev.lake.engine.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.types.StructType;

/** Builds metadata actions for schema changes (Kernel only evolves column-mapped tables). */
public final class SchemaActions {
  private SchemaActions() {}

  /** A {@code metaData} action equal to the table's, with {@code schema}. */
  public static Row metadataWithSchema(TableMeta meta, StructType schema) {
    return SingleAction.createMetadataSingleAction(meta.kernel().getMetadata().withNewSchema(schema).toRow());
  }
}
