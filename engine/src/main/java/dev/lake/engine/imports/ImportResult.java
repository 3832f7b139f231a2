package dev.lake.engine.imports;

import dev.lake.engine.types.Schema;

/**
 * What an import created.
 *
 * @param table the new table's name
 * @param schema its columns
 * @param rows rows loaded
 * @param version the table version holding them (0: the table and its rows are one commit)
 */
public record ImportResult(String table, Schema schema, long rows, long version) {}
