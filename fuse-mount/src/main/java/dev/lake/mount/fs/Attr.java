package dev.lake.mount.fs;

/**
 * What {@code stat} shows for a path.
 *
 * @param directory true for directories
 * @param size exact size in bytes (0 for directories)
 * @param mtimeMillis modification time: the commit time of the version shown
 * @param mtimeSubMillis nanoseconds added to {@code mtimeMillis} (0-999,999): a table's
 *     data.csv counts here the commits the mount tried on the table, so that the kernel drops the
 *     bytes a refused write left in its page cache (LakeFs's commitsTried says how)
 * @param writable whether the owner may write it
 */
public record Attr(boolean directory, long size, long mtimeMillis, int mtimeSubMillis, boolean writable) {
  static Attr dir(long mtime, boolean writable) {
    return new Attr(true, 0, mtime, 0, writable);
  }

  static Attr file(long size, long mtime, boolean writable) {
    return new Attr(false, size, mtime, 0, writable);
  }

  static Attr file(long size, long mtime, int subMillis, boolean writable) {
    return new Attr(false, size, mtime, subMillis, writable);
  }
}
