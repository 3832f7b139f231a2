package dev.lake.engine.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

/** Builds metadata actions for schema changes (Kernel only evolves column-mapped tables). */
public final class SchemaActions {
  private SchemaActions() {}

  /**
   * A {@code metaData} action equal to the table's, with {@code columns} appended to its schema.
   * The existing fields are the snapshot's own, so their metadata (type-change history of type
   * widening, comments, lake's {@code lake.type}, ...) is kept as other engines wrote it.
   */
  public static Row metadataWithAddedColumns(TableMeta meta, java.util.List<dev.lake.engine.types.Field> columns) {
    StructType schema = meta.kernel().getSchema();
    for (StructField f : KernelTypes.toKernel(new dev.lake.engine.types.Schema(columns)).fields()) {
      schema = schema.add(f);
    }
    return metadataWithSchema(meta, schema);
  }

  /** A {@code metaData} action equal to the table's, with {@code schema}. */
  public static Row metadataWithSchema(TableMeta meta, StructType schema) {
    return SingleAction.createMetadataSingleAction(meta.kernel().getMetadata().withNewSchema(schema).toRow());
  }
}
