package dev.lake.mount.fs;

/**
 * What {@code stat} shows for a path.
 *
 * @param directory true for directories
 * @param size exact size in bytes (0 for directories)
 * @param mtimeMillis modification time: the commit time of the version shown
 * @param writable whether the owner may write it
 */
public record Attr(boolean directory, long size, long mtimeMillis, boolean writable) {
  static Attr dir(long mtime, boolean writable) {
    return new Attr(true, 0, mtime, writable);
  }

  static Attr file(long size, long mtime, boolean writable) {
    return new Attr(false, size, mtime, writable);
  }
}
