package dev.lake.mount.fs;

import java.nio.file.Path;

/** An open file of the mount: what it shows, and what the writer has written so far. */
final class Handle {
  final long id;
  final FsPath path;
  final boolean append;
  final boolean writable;
  /** DATA: the version the writer started from (reads show it until the handle writes). */
  long baseVersion;
  /** DATA written by whole-file edits: a local copy being edited; null until the first write. */
  Path staging;
  /** DATA opened O_APPEND: the bytes appended since the last commit; null until the first write. */
  AppendBuffer appended;
  /** Whether there is something to commit. */
  boolean dirty;
  /**
   * Whether bytes were written since open or the last commit. A shell's {@code > f} closes a
   * duplicate descriptor (a flush) before the command writes: a truncation alone is committed
   * only at the last close, so it never empties the table on the way to its new content.
   */
  boolean wroteSinceCommit;
  /** Bytes of immutable content (versions, history, errors, schema) captured at open. */
  byte[] snapshotBytes;
  /** DATA/VERSION: the rendering this reader reads (pinned while open). */
  RenderCache.Rendered view;
  /** SCRATCH: the staged file. */
  Path scratch;

  Handle(long id, FsPath path, boolean append, boolean writable) {
    this.id = id;
    this.path = path;
    this.append = append;
    this.writable = writable;
  }
}
