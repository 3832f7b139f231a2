package dev.lake.mount.fs;

/** The POSIX errors the filesystem returns (the FUSE adapter maps them to the platform's numbers). */
public enum Errno {
  /** No such file or directory. */
  ENOENT,
  /** I/O error: storage failed. */
  EIO,
  /** Permission denied: the file is read-only (history, versions, schema of a table). */
  EACCES,
  /** File exists. */
  EEXIST,
  /** Not a directory. */
  ENOTDIR,
  /** Is a directory. */
  EISDIR,
  /** Invalid argument: malformed CSV, wrong header, type error, key violation. */
  EINVAL,
  /** Directory not empty: rmdir of a table that still holds rows. */
  ENOTEMPTY,
  /** Read-only file system (mounted with --read-only). */
  EROFS,
  /** Operation not permitted here (e.g. files at the mount's root, renames across tables). */
  EPERM,
  /** Resource busy: a concurrent writer changed the rows this write was based on; retry. */
  EAGAIN,
  /** Operation not supported (links, special files). */
  EOPNOTSUPP
}
