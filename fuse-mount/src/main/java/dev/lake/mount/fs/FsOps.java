package dev.lake.mount.fs;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The filesystem lake mounts, independent of the FUSE binding (jnr-fuse today). Paths are
 * absolute within the mount ("/", "/orders/data.csv"). Every method throws {@link FsError} with
 * the errno to return.
 */
public interface FsOps {
  Attr getattr(String path);

  /**
   * fstat() of an open file: what {@code getattr} shows for the path it was opened under. Asked
   * also when that name is gone (rm, or a rename onto it), which FUSE tells by giving no path.
   */
  Attr getattr(long handle);

  List<String> readdir(String path);

  /** Opens a file; {@code flags} are open(2)'s (O_APPEND, O_TRUNC, O_WRONLY...). */
  long open(String path, int flags);

  /** Creates (or truncates) and opens a file. */
  long create(String path, int flags);

  /**
   * Reads at {@code offset} into {@code into}, from its position up to its limit or the end of
   * the file; returns the count (0 at the end). {@code into} may be the binding's own (direct)
   * reply buffer, so that a read is one copy from the local cache into it.
   */
  int read(long handle, long offset, ByteBuffer into);

  /** Writes {@code len} bytes at {@code offset} (appends if the handle was opened O_APPEND). */
  int write(long handle, long offset, byte[] buf, int len);

  /**
   * Truncates a file: through an open handle ({@code handle >= 0}; {@code path} is then null when
   * the file's name is gone) or by path.
   */
  void truncate(String path, long size, long handle);

  /** close() of one descriptor: commits what the handle wrote. */
  void flush(long handle);

  /** fsync(): commits what the handle wrote. */
  void fsync(long handle);

  /** The last close: frees the handle. Never fails (its errors are invisible to tools). */
  void release(long handle);

  void unlink(String path);

  void mkdir(String path);

  void rmdir(String path);

  void rename(String from, String to);

  /** Called once when the filesystem is unmounted. */
  void close();
}
