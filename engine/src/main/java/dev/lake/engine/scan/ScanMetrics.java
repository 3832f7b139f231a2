package dev.lake.engine.scan;

/**
 * What a scan did, complete once its iterator is exhausted or closed.
 *
 * @param filesTotal data files in the snapshot
 * @param filesRead data files opened
 * @param filesSkipped files skipped by partition values or min/max/null-count stats
 * @param bytesRead bytes of the files opened (their size on storage)
 * @param rowsRead live rows in the files opened
 * @param rowsReturned rows that satisfied the predicate
 */
public record ScanMetrics(
    long filesTotal, long filesRead, long filesSkipped, long bytesRead, long rowsRead, long rowsReturned) {}
