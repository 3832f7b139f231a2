package dev.lake.engine.storage;

/**
 * A file found under a table directory by {@link Storage#listTableFiles}.
 *
 * @param path the path relative to the table directory, '/'-separated and not URL-encoded
 *     (e.g. {@code p=a b/part-0.parquet})
 * @param size the size in bytes
 * @param modificationTime the last modification time, epoch milliseconds
 */
public record StoredFile(String path, long size, long modificationTime) {}
