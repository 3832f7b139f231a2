package dev.lake.engine.maintenance;

import java.util.List;

/**
 * What {@code Table.vacuum} did (or, in a dry run, would do).
 *
 * @param dryRun true when nothing was deleted
 * @param filesDeleted files deleted (in a dry run: files that would be deleted)
 * @param bytesDeleted their total size
 * @param paths the files, relative to the table directory, sorted; at most
 *     {@link VacuumOptions#MAX_LISTED_PATHS} of them (the counts cover all)
 */
public record VacuumResult(boolean dryRun, long filesDeleted, long bytesDeleted, List<String> paths) {}
