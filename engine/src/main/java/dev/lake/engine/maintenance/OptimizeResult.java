package dev.lake.engine.maintenance;

/**
 * What {@code Table.optimize} did.
 *
 * @param version the version OPTIMIZE committed, or the latest version when it had nothing to do
 * @param committed false when there was nothing to rewrite (no commit was made)
 * @param filesRemoved data files replaced
 * @param filesAdded data files written
 * @param bytesRemoved total size of the replaced files
 * @param bytesAdded total size of the new files
 * @param partitionsOptimized partitions with at least one rewritten file (1 for an unpartitioned
 *     table that was rewritten)
 */
public record OptimizeResult(
    long version,
    boolean committed,
    long filesRemoved,
    long filesAdded,
    long bytesRemoved,
    long bytesAdded,
    long partitionsOptimized) {}
