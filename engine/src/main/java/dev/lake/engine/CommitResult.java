package dev.lake.engine;

/**
 * What one write did.
 *
 * @param version the table version committed, or the version read when nothing changed
 * @param committed false when the operation changed nothing and so made no commit
 * @param rowsInserted rows added
 * @param rowsUpdated rows changed in place
 * @param rowsDeleted rows removed
 * @param filesAdded data files written
 * @param filesRemoved data files replaced or dropped
 * @param attempts commit attempts (more than 1 when concurrent commits forced a re-plan)
 */
public record CommitResult(
    long version,
    boolean committed,
    long rowsInserted,
    long rowsUpdated,
    long rowsDeleted,
    int filesAdded,
    int filesRemoved,
    int attempts) {}
