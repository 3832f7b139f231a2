package dev.lake.mount.fs;

import dev.lake.engine.CommitResult;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.csv.CsvRowReader;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.csv.CsvRowWriter;
import dev.lake.engine.csv.CsvSchemaInference;
import dev.lake.engine.error.ErrorKind;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.types.Field;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import dev.lake.engine.write.ChangeSet;
import dev.lake.engine.write.RowSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

/**
 * The mounted lake: every table a directory whose {@code data.csv} is the table as CSV. Reading
 * serves the rendering of the current version; writing stages locally and commits one Delta
 * transaction when the writer flushes, fsyncs or renames: appends become an INSERT, whole-file
 * rewrites the difference from the version the writer started from. docs/SEMANTICS.md says
 * exactly what each operation does.
 */
public final class LakeFs implements FsOps {
  // open(2) flags (Linux).
  static final int O_ACCMODE = 3;
  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_TRUNC = 01000;
  static final int O_APPEND = 02000;

  private final Lake lake;
  private final boolean readOnly;
  private final Path staging;
  private final RenderCache renders;
  private final ErrorLog errors = new ErrorLog();
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final Set<String> pendingDirs = ConcurrentHashMap.newKeySet();
  private final Map<String, Path> scratch = new ConcurrentHashMap<>();
  private final Map<String, Long> scratchBase = new ConcurrentHashMap<>();
  private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
  /** Per table, the version whose size stat showed last: see {@link #followAppends}. */
  private final Map<String, Long> sizeShown = new ConcurrentHashMap<>();
  /** Per table, the commits the mount tried: see {@link #commitsTried(String)}. */
  private final Map<String, AtomicInteger> commitsTried = new ConcurrentHashMap<>();
  private final AtomicLong nextHandle = new AtomicLong(1);
  private final long startedAt = System.currentTimeMillis();

  /**
   * @param staging a private local directory for renders and staged writes (emptied at close)
   */
  public LakeFs(Lake lake, Path staging, boolean readOnly) {
    this.lake = lake;
    this.readOnly = readOnly;
    this.staging = staging;
    try {
      Files.createDirectories(staging.resolve("renders"));
      Files.createDirectories(staging.resolve("writes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.renders = new RenderCache(staging.resolve("renders"));
  }

  // ---------------------------------------------------------------- lookups

  private Table table(String name) {
    return tables.computeIfAbsent(name, lake::table);
  }

  private boolean isTable(String name) {
    try {
      return lake.tableExists(name);
    } catch (LakeException e) {
      throw fail(e);
    }
  }

  private RenderCache.Rendered current(String name) {
    Table t = table(name);
    return renders.get(t, t.latestVersion());
  }

  // ---------------------------------------------------------------- metadata

  @Override
  public Attr getattr(String path) {
    FsPath p = FsPath.parse(path);
    try {
      switch (p.kind()) {
        case ROOT:
          return Attr.dir(startedAt, !readOnly);
        case TOP:
          if (isTable(p.table()) || pendingDirs.contains(p.table())) {
            return Attr.dir(startedAt, !readOnly);
          }
          throw new FsError(Errno.ENOENT, path);
        case DATA:
          {
            if (!isTable(p.table())) {
              // A new table's data.csv exists while its creator has it open.
              Handle creator = openHandle(p);
              if (creator == null || creator.staging == null) {
                throw new FsError(Errno.ENOENT, path);
              }
              return Attr.file(Files.size(creator.staging), System.currentTimeMillis(), true);
            }
            // Not a successful read yet: the rows may render only when read (readView).
            RenderCache.Rendered r = current(p.table());
            sizeShown.put(p.table(), r.version);
            return Attr.file(r.size(), r.mtimeMillis(), commitsTried(p.table()), !readOnly);
          }
        case SCHEMA:
          if (isTable(p.table())) {
            return Attr.file(schemaText(p.table()).length, startedAt, false);
          }
          return scratchAttr(path);
        case HISTORY:
          requireTable(p);
          return Attr.file(historyText(p.table()).length, startedAt, false);
        case ERRORS:
          requireDir(p);
          return Attr.file(errors.text(p.table()).length, System.currentTimeMillis(), false);
        case VERSIONS_DIR:
          requireTable(p);
          return Attr.dir(startedAt, false);
        case VERSION:
          {
            requireTable(p);
            long v = p.version();
            if (v < 0 || v > table(p.table()).latestVersion()) {
              throw new FsError(Errno.ENOENT, path);
            }
            RenderCache.Rendered r = renders.get(table(p.table()), v);
            return Attr.file(r.size(), r.mtimeMillis(), false);
          }
        case SCRATCH:
          return scratchAttr(path);
        default:
          throw new FsError(Errno.ENOENT, path);
      }
    } catch (LakeException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw new FsError(Errno.ENOENT, e.getMessage());
      }
      FsError f = fail(e);
      if (p.kind() == FsPath.Kind.DATA || p.kind() == FsPath.Kind.VERSION) {
        // A table that cannot be rendered (e.g. a version whose files VACUUM deleted): cat only
        // says "Input/output error", errors.log says why.
        errors.recordRead(p.table(), path, f);
      }
      throw f;
    } catch (IOException e) {
      throw new FsError(Errno.EIO, e.getMessage(), e);
    }
  }

  /**
   * How many commits the mount tried on a table (made or refused), modulo 10^6: the
   * sub-millisecond part of its data.csv's mtime. The kernel keeps what a writer wrote in its page
   * cache, and with {@code auto_cache} drops those pages at the next open only if the mtime or the
   * size it gets then differs from what it had. A commit changes both as a rule (a new version,
   * its commit time), but a refused write (sort -o moving the header down) or one that changes no
   * row (dd over the header in another case) leaves the version, and often the size, as they were:
   * without this count, cat would go on showing bytes that were never committed.
   */
  private int commitsTried(String table) {
    AtomicInteger n = commitsTried.get(table);
    return n == null ? 0 : Math.floorMod(n.get(), 1_000_000);
  }

  @Override
  public Attr getattr(long id) {
    return getattr(handle(id).path.text());
  }

  private Handle openHandle(FsPath p) {
    for (Handle h : handles.values()) {
      if (h.path.equals(p)) {
        return h;
      }
    }
    return null;
  }

  private Attr scratchAttr(String path) {
    Path f = scratch.get(path);
    if (f == null) {
      throw new FsError(Errno.ENOENT, path);
    }
    try {
      return Attr.file(Files.size(f), Files.getLastModifiedTime(f).toMillis(), true);
    } catch (IOException e) {
      throw new FsError(Errno.ENOENT, path);
    }
  }

  private void requireTable(FsPath p) {
    if (!isTable(p.table())) {
      throw new FsError(Errno.ENOENT, "no table " + p.table());
    }
  }

  private void requireDir(FsPath p) {
    if (!isTable(p.table()) && !pendingDirs.contains(p.table())) {
      throw new FsError(Errno.ENOENT, "no table " + p.table());
    }
  }

  @Override
  public List<String> readdir(String path) {
    FsPath p = FsPath.parse(path);
    Set<String> names = new TreeSet<>();
    switch (p.kind()) {
      case ROOT:
        names.addAll(lake.tableNames());
        names.addAll(pendingDirs);
        break;
      case TOP:
        if (isTable(p.table())) {
          names.addAll(FsPath.TABLE_ENTRIES);
        } else if (pendingDirs.contains(p.table())) {
          names.add(FsPath.ERRORS);
        } else {
          throw new FsError(Errno.ENOENT, path);
        }
        String prefix = "/" + p.table() + "/";
        for (String s : scratch.keySet()) {
          if (s.startsWith(prefix)) {
            names.add(s.substring(prefix.length()));
          }
        }
        break;
      case VERSIONS_DIR:
        requireTable(p);
        for (HistoryEntry h : table(p.table()).history()) {
          names.add(h.version() + ".csv");
        }
        break;
      default:
        throw new FsError(Errno.ENOTDIR, path);
    }
    return new ArrayList<>(names);
  }

  private byte[] schemaText(String name) {
    Snapshot s = table(name).snapshot();
    return SchemaSql.render(name, s.schema(), s.primaryKey(), s.partitionColumns()).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] historyText(String name) {
    Schema columns =
        Schema.of(
            Field.of("version", LakeType.INT64),
            Field.of("timestamp", LakeType.TIMESTAMP),
            Field.of("operation", LakeType.STRING),
            Field.of("rows_inserted", LakeType.INT64),
            Field.of("rows_updated", LakeType.INT64),
            Field.of("rows_deleted", LakeType.INT64));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvRowWriter w = CsvRowWriter.open(out, columns);
    w.writeHeader();
    for (HistoryEntry h : table(name).history()) {
      w.writeRow(new Object[] {h.version(), h.timestamp(), h.operation(), h.rowsInserted(), h.rowsUpdated(), h.rowsDeleted()});
    }
    w.close();
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- open / create

  @Override
  public long open(String path, int flags) {
    FsPath p = FsPath.parse(path);
    boolean write = (flags & O_ACCMODE) != O_RDONLY;
    if (write && readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    Handle h = new Handle(nextHandle.getAndIncrement(), p, (flags & O_APPEND) != 0, write);
    try {
      switch (p.kind()) {
        case DATA:
          if (!isTable(p.table())) {
            throw new FsError(Errno.ENOENT, path);
          }
          h.baseVersion = table(p.table()).latestVersion();
          if (write && (flags & O_TRUNC) != 0) {
            h.staging = newStagingFile();
            h.dirty = true;
          }
          break;
        case SCHEMA:
          if (isTable(p.table())) {
            if (write) {
              throw new FsError(Errno.EACCES, "schema.sql of an existing table is read-only");
            }
            h.snapshotBytes = schemaText(p.table());
          } else {
            openScratch(h, path, flags);
          }
          break;
        case HISTORY:
          readOnlyFile(write);
          requireTable(p);
          h.snapshotBytes = historyText(p.table());
          break;
        case ERRORS:
          readOnlyFile(write);
          requireDir(p);
          h.snapshotBytes = errors.text(p.table());
          break;
        case VERSION:
          readOnlyFile(write);
          getattr(path);
          h.baseVersion = p.version();
          break;
        case SCRATCH:
          openScratch(h, path, flags);
          break;
        case ROOT:
        case TOP:
        case VERSIONS_DIR:
          throw new FsError(Errno.EISDIR, path);
        default:
          throw new FsError(Errno.ENOENT, path);
      }
    } catch (LakeException e) {
      throw fail(e);
    }
    handles.put(h.id, h);
    return h.id;
  }

  private static void readOnlyFile(boolean write) {
    if (write) {
      throw new FsError(Errno.EACCES, "read-only file");
    }
  }

  private void openScratch(Handle h, String path, int flags) {
    Path f = scratch.get(path);
    if (f == null) {
      throw new FsError(Errno.ENOENT, path);
    }
    h.scratch = f;
    if (h.writable && (flags & O_TRUNC) != 0) {
      truncateFile(f, 0);
    }
  }

  @Override
  public long create(String path, int flags) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    FsPath p = FsPath.parse(path);
    switch (p.kind()) {
      case DATA:
        {
          boolean exists = isTable(p.table());
          if (!exists && !pendingDirs.contains(p.table())) {
            throw new FsError(Errno.ENOENT, "no directory " + p.table());
          }
          Handle h = new Handle(nextHandle.getAndIncrement(), p, (flags & O_APPEND) != 0, true);
          h.baseVersion = exists ? table(p.table()).latestVersion() : -1;
          h.staging = newStagingFile();
          h.dirty = true;
          handles.put(h.id, h);
          return h.id;
        }
      case SCRATCH:
      case SCHEMA:
        {
          requireDir(p);
          if (p.kind() == FsPath.Kind.SCHEMA && isTable(p.table())) {
            throw new FsError(Errno.EACCES, "schema.sql of an existing table is read-only");
          }
          Path f = scratch.computeIfAbsent(path, k -> newStagingFile());
          truncateFile(f, 0);
          if (isTable(p.table())) {
            scratchBase.put(path, baseForScratch(p.table()));
          }
          return open(path, flags & ~O_TRUNC);
        }
      case TOP:
        throw new FsError(Errno.EPERM, "files at the mount's root are not tables: mkdir a directory first");
      default:
        throw new FsError(Errno.EACCES, path + " cannot be created");
    }
  }

  /**
   * The version a tool writing a temporary copy started from: that of the most recently opened
   * reader of the table's data.csv (sed opens its input just before it creates its temporary
   * file, and keeps it open), else the latest.
   */
  private long baseForScratch(String table) {
    Handle newest = null;
    for (Handle h : handles.values()) {
      if (h.path.kind() == FsPath.Kind.DATA && h.path.table().equals(table) && !h.writable
          && (newest == null || h.id > newest.id)) {
        newest = h;
      }
    }
    return newest == null ? table(table).latestVersion() : newest.baseVersion;
  }

  private Path newStagingFile() {
    try {
      return Files.createTempFile(staging.resolve("writes"), "w-", ".csv");
    } catch (IOException e) {
      throw new FsError(Errno.EIO, "cannot stage a write: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- read / write

  private Handle handle(long id) {
    Handle h = handles.get(id);
    if (h == null) {
      throw new FsError(Errno.EINVAL, "no open file " + id);
    }
    return h;
  }

  @Override
  public int read(long id, long offset, ByteBuffer into) {
    Handle h = handle(id);
    if (h.snapshotBytes != null) {
      if (offset >= h.snapshotBytes.length) {
        return 0;
      }
      int n = (int) Math.min(into.remaining(), h.snapshotBytes.length - offset);
      into.put(h.snapshotBytes, (int) offset, n);
      return n;
    }
    switch (h.path.kind()) {
      case DATA:
        if (h.staging != null) {
          return readFile(h.staging, offset, into);
        }
        return readView(h, offset, into);
      case VERSION:
        return readView(h, offset, into);
      default:
        return readFile(h.scratch, offset, into);
    }
  }

  /**
   * Reads a rendering. Its segments may render only now (their sizes came from the data files'
   * tags), so a data file that cannot be read fails here, not at stat: errors.log says why.
   */
  private int readView(Handle h, long offset, ByteBuffer into) {
    try {
      RenderCache.Rendered v = view(h);
      if (offset + into.remaining() > v.size() && h.path.kind() == FsPath.Kind.DATA && !h.writable) {
        v = followAppends(h, v);
      }
      int n = v.read(offset, into);
      errors.readSucceeded(h.path.table(), h.path.text());
      return n;
    } catch (RuntimeException e) {
      // A data file gone or that cannot be decoded, a renderer that was stopped...: EIO, and why.
      FsError f =
          e instanceof FsError fe ? fe : new FsError(Errno.EIO, e instanceof LakeException ? e.getMessage() : e.toString(), e);
      errors.recordRead(h.path.table(), h.path.text(), f);
      throw f;
    }
  }

  /**
   * A reader past the end of its version goes on into the rows appended since, as {@code tail -f}
   * expects: when the table's latest text begins with all of the reader's (the same header, the
   * same files in the same order), the handle moves on to the latest version. After any other
   * change it stays at the end of its own. The kernel reads whole pages, so a read that reaches
   * past the end is the rule at the end of a file; only when {@code stat} has shown a newer
   * version of the table than the reader's (so the kernel may ask for its bytes) is the latest
   * rendering looked at.
   */
  private RenderCache.Rendered followAppends(Handle h, RenderCache.Rendered v) {
    Long shown = sizeShown.get(h.path.table());
    if (shown == null || shown <= v.version) {
      return v; // the common case, every read reaching the end of a file: nothing to look up
    }
    long latest = shown;
    Table t = table(h.path.table());
    synchronized (h) {
      if (h.view != v) {
        return h.view; // another read of this handle moved it meanwhile
      }
      RenderCache.Rendered next;
      try {
        next = renders.pinned(t, latest);
      } catch (RuntimeException e) {
        return v; // e.g. the table was dropped and made anew: the reader stays at its end
      }
      if (!next.continues(v)) {
        renders.unpin(next);
        return v;
      }
      renders.unpin(v);
      h.view = next;
      h.baseVersion = latest;
      return next;
    }
  }

  /** The rendering a reading handle shows: its base version, pinned until release. */
  private RenderCache.Rendered view(Handle h) {
    synchronized (h) {
      if (h.view == null || h.view.version != h.baseVersion) {
        RenderCache.Rendered v = renders.pinned(table(h.path.table()), h.baseVersion);
        if (h.view != null) {
          renders.unpin(h.view);
        }
        h.view = v;
      }
      return h.view;
    }
  }

  private static int readFile(Path file, long offset, ByteBuffer into) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return RenderCache.readFully(ch, into, offset);
    } catch (IOException e) {
      throw new FsError(Errno.EIO, e.getMessage(), e);
    }
  }

  @Override
  public int write(long id, long offset, byte[] buf, int len) {
    Handle h = handle(id);
    if (!h.writable) {
      throw new FsError(Errno.EACCES, "not open for writing");
    }
    switch (h.path.kind()) {
      case DATA:
        h.wroteSinceCommit = true;
        if (h.append) {
          if (h.appended == null) {
            h.appended = new AppendBuffer(this::newStagingFile);
          }
          h.appended.write(buf, len);
          h.dirty = true;
          return len;
        }
        ensureStaging(h);
        h.dirty = true;
        return writeFile(h.staging, offset, buf, len);
      case SCHEMA:
        // schema.sql of a new table directory: creates the table when closed.
        h.dirty = true;
        h.wroteSinceCommit = true;
        return writeFile(h.scratch, offset, buf, len);
      case SCRATCH:
        return writeFile(h.scratch, offset, buf, len);
      default:
        throw new FsError(Errno.EACCES, "read-only file");
    }
  }

  /** A whole-file edit starts from a copy of the version the writer opened. */
  private void ensureStaging(Handle h) {
    if (h.staging != null) {
      return;
    }
    Path f = newStagingFile();
    renders.get(table(h.path.table()), h.baseVersion).copyTo(f);
    h.staging = f;
  }

  /** Writes {@code len} bytes of {@code buf} at {@code offset} of a local staging file. */
  static int writeFile(Path file, long offset, byte[] buf, int len) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
      int total = 0;
      while (bb.hasRemaining()) {
        total += ch.write(bb, offset + total);
      }
      return total;
    } catch (IOException e) {
      throw new FsError(Errno.EIO, e.getMessage(), e);
    }
  }

  private static void truncateFile(Path file, long size) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > size) {
        ch.truncate(size);
      } else if (ch.size() < size) {
        ch.write(ByteBuffer.wrap(new byte[] {0}), size - 1);
      }
    } catch (IOException e) {
      throw new FsError(Errno.EIO, e.getMessage(), e);
    }
  }

  @Override
  public void truncate(String path, long size, long id) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    Handle h = id >= 0 ? handles.get(id) : null;
    FsPath p = path == null && h != null ? h.path : FsPath.parse(path);
    switch (p.kind()) {
      case DATA:
        if (h != null && !h.append) {
          // An explicit truncate is a change of its own: the next close commits it.
          h.wroteSinceCommit = true;
          if (size == 0) {
            h.staging = h.staging == null ? newStagingFile() : h.staging;
            truncateFile(h.staging, 0);
          } else {
            ensureStaging(h);
            truncateFile(h.staging, size);
          }
          h.dirty = true;
          return;
        }
        // truncate(2) by path: a change of its own, committed now.
        synchronized (lockFor(p.table())) {
          Table t = table(p.table());
          if (size == 0) {
            commitOrFail(p.table(), "truncate", () -> t.truncate());
          } else {
            long base = t.latestVersion();
            Path f = newStagingFile();
            try {
              renders.get(t, base).copyTo(f);
              truncateFile(f, size);
              commitRewrite(p.table(), "truncate", base, f);
            } finally {
              deleteQuietly(f);
            }
          }
        }
        return;
      case SCRATCH:
      case SCHEMA:
        {
          Path f = scratch.get(path);
          if (f == null) {
            throw new FsError(isTable(p.table()) ? Errno.EACCES : Errno.ENOENT, path);
          }
          truncateFile(f, size);
          return;
        }
      default:
        throw new FsError(Errno.EACCES, "read-only file");
    }
  }

  // ---------------------------------------------------------------- commit points

  @Override
  public void flush(long id) {
    Handle h = handles.get(id);
    if (h != null && h.wroteSinceCommit) {
      commit(h, "close");
    }
  }

  @Override
  public void fsync(long id) {
    Handle h = handles.get(id);
    if (h != null) {
      commit(h, "fsync");
    }
  }

  @Override
  public void release(long id) {
    Handle h = handles.remove(id);
    if (h == null) {
      return;
    }
    try {
      commit(h, "release");
    } catch (FsError e) {
      // Already in the error log; nobody can see a release error.
    } finally {
      if (h.staging != null) {
        deleteQuietly(h.staging);
      }
      if (h.appended != null) {
        h.appended.close();
      }
      if (h.view != null) {
        renders.unpin(h.view);
      }
    }
  }

  private void commit(Handle h, String operation) {
    if (!h.dirty) {
      return;
    }
    h.wroteSinceCommit = false;
    FsPath p = h.path;
    if (p.kind() == FsPath.Kind.SCHEMA && h.scratch != null && !isTable(p.table())) {
      h.dirty = false;
      createFromSchema(p.table(), h.scratch, operation);
      return;
    }
    if (p.kind() != FsPath.Kind.DATA) {
      h.dirty = false;
      return;
    }
    synchronized (lockFor(p.table())) {
      try {
        if (h.append) {
          AppendBuffer appended = h.appended;
          h.appended = null;
          h.dirty = false;
          try {
            commitAppend(p.table(), operation, appended);
          } finally {
            if (appended != null) {
              appended.close();
            }
          }
        } else {
          Path edited = h.staging;
          h.staging = null;
          h.dirty = false;
          try {
            if (!isTable(p.table())) {
              createFromCsv(p.table(), operation, edited);
            } else {
              commitRewrite(p.table(), operation, h.baseVersion, edited);
            }
          } finally {
            deleteQuietly(edited);
          }
        }
      } finally {
        if (isTable(p.table())) {
          h.baseVersion = table(p.table()).latestVersion();
        }
      }
    }
  }

  private void commitAppend(String name, String operation, AppendBuffer appended) {
    if (appended == null || appended.size() == 0) {
      return;
    }
    Table t = table(name);
    Schema schema = t.snapshot().schema();
    byte[] header = (headerOf(schema) + "\n").getBytes(StandardCharsets.UTF_8);
    // Streamed from the file into the commit (read again should the commit be planned again).
    RowSource rows = () -> {
      CsvRowReader reader;
      try {
        reader = CsvRowReader.open(new SequenceInputStream(new ByteArrayInputStream(header), appended.open()), schema);
      } catch (IOException e) {
        throw new FsError(Errno.EIO, "reading the appended bytes: " + e.getMessage(), e);
      }
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED), false)
          .onClose(reader::close);
    };
    commitOrFail(name, operation + " (append)", () -> {
      try {
        return t.insert(rows);
      } catch (LakeException e) {
        throw appendedLines(e);
      }
    });
  }

  /** Errors in appended text count lines from the first appended line. */
  private static LakeException appendedLines(LakeException e) {
    if (e.kind() != ErrorKind.INVALID_INPUT && e.kind() != ErrorKind.SCHEMA && e.kind() != ErrorKind.CONSTRAINT) {
      return e;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)|row (\\d+)").matcher(e.getMessage());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      // The parsed text has the header as line 1; engine rows count the appended rows from 1.
      long n = m.group(1) != null ? Long.parseLong(m.group(1)) - 1 : Long.parseLong(m.group(2));
      m.appendReplacement(sb, "appended line " + n);
    }
    m.appendTail(sb);
    if (e instanceof dev.lake.engine.error.ConstraintViolationException) {
      return new dev.lake.engine.error.ConstraintViolationException(sb.toString(), e);
    }
    if (e instanceof dev.lake.engine.error.SchemaException) {
      return new dev.lake.engine.error.SchemaException(sb.toString(), e);
    }
    return new dev.lake.engine.error.InvalidInputException(sb.toString(), e);
  }

  private static String headerOf(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeHeader(schema, out);
    String s = out.toString(StandardCharsets.UTF_8);
    return s.substring(0, s.length() - 1);
  }

  private void commitRewrite(String name, String operation, long base, Path edited) {
    Table t = table(name);
    commitOrFail(name, operation, () -> {
      Snapshot snap = t.snapshotAt(base);
      ChangeSet changes =
          CsvDiff.diff(renders.get(t, base).source(), edited, snap.schema(), snap.primaryKey());
      try {
        return t.apply(changes, "WRITE");
      } catch (LakeException e) {
        throw CsvDiff.withKeyLine(e);
      }
    });
  }

  private void createFromCsv(String name, String operation, Path csv) {
    commitOrFail(name, operation + " (new table)", () -> {
      CsvSchemaInference.Result inferred = CsvSchemaInference.infer(csv);
      try (CsvRowReader rows = CsvRowReader.open(csv, inferred.schema())) {
        lake.createTable(name, TableDefinition.of(inferred.schema()), rows);
      }
      pendingDirs.remove(name);
      return null;
    });
  }

  private void createFromSchema(String name, Path sqlFile, String operation) {
    commitOrFail(name, operation + " (schema.sql)", () -> {
      String sql;
      try {
        sql = Files.readString(sqlFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new FsError(Errno.EIO, e.getMessage(), e);
      }
      lake.createTable(name, SchemaSql.parse(sql, name));
      pendingDirs.remove(name);
      scratch.remove("/" + name + "/" + FsPath.SCHEMA);
      deleteQuietly(sqlFile);
      return null;
    });
  }

  /** A commit step that may throw the engine's errors. */
  private interface CommitStep {
    CommitResult run();
  }

  /** Runs a commit; failures go to the table's error log and become an errno. */
  private void commitOrFail(String table, String operation, CommitStep step) {
    try {
      step.run();
    } catch (LakeException e) {
      FsError f = fail(e);
      errors.record(table, operation, f);
      throw f;
    } catch (FsError e) {
      errors.record(table, operation, e);
      throw e;
    } catch (RuntimeException e) {
      FsError f = new FsError(Errno.EIO, "internal error: " + e, e);
      errors.record(table, operation, f);
      throw f;
    } finally {
      commitsTried.computeIfAbsent(table, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static FsError fail(LakeException e) {
    switch (e.kind()) {
      case NOT_FOUND:
        return new FsError(Errno.ENOENT, e.getMessage(), e);
      case ALREADY_EXISTS:
        return new FsError(Errno.EEXIST, e.getMessage(), e);
      case CONFLICT:
        return new FsError(Errno.EAGAIN, e.getMessage(), e);
      case PERMISSION_DENIED:
        return new FsError(Errno.EACCES, e.getMessage(), e);
      case STORAGE:
        return new FsError(Errno.EIO, e.getMessage(), e);
      case UNSUPPORTED:
        return new FsError(Errno.EOPNOTSUPP, e.getMessage(), e);
      default:
        return new FsError(Errno.EINVAL, e.getMessage(), e);
    }
  }

  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(String table) {
    return locks.computeIfAbsent(table, t -> new Object());
  }

  // ---------------------------------------------------------------- namespace

  @Override
  public void unlink(String path) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    FsPath p = FsPath.parse(path);
    switch (p.kind()) {
      case DATA:
        requireTable(p);
        synchronized (lockFor(p.table())) {
          commitOrFail(p.table(), "rm data.csv", () -> table(p.table()).truncate());
        }
        return;
      case SCRATCH:
      case SCHEMA:
        {
          Path f = scratch.remove(path);
          scratchBase.remove(path);
          if (f == null) {
            throw new FsError(p.kind() == FsPath.Kind.SCHEMA ? Errno.EACCES : Errno.ENOENT, path);
          }
          deleteQuietly(f);
          return;
        }
      case ROOT:
      case TOP:
      case VERSIONS_DIR:
        throw new FsError(Errno.EISDIR, path);
      default:
        throw new FsError(Errno.EACCES, path + " cannot be removed");
    }
  }

  @Override
  public void mkdir(String path) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    FsPath p = FsPath.parse(path);
    if (p.kind() != FsPath.Kind.TOP) {
      throw new FsError(Errno.EPERM, "only table directories can be created, at the mount's root");
    }
    if (isTable(p.table()) || !pendingDirs.add(p.table())) {
      throw new FsError(Errno.EEXIST, path);
    }
    if (!p.table().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}")) {
      pendingDirs.remove(p.table());
      throw new FsError(Errno.EINVAL, "invalid table name '" + p.table() + "': letters, digits, '_', '-', '.'");
    }
  }

  @Override
  public void rmdir(String path) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    FsPath p = FsPath.parse(path);
    if (p.kind() != FsPath.Kind.TOP) {
      throw new FsError(p.kind() == FsPath.Kind.VERSIONS_DIR ? Errno.EACCES : Errno.ENOTDIR, path);
    }
    if (pendingDirs.remove(p.table())) {
      dropScratch(p.table());
      return;
    }
    requireTable(p);
    synchronized (lockFor(p.table())) {
      Table t = table(p.table());
      long rows;
      try (dev.lake.engine.scan.Scan.BatchIterator it =
          t.snapshot().scan().select(t.snapshot().schema().field(0).name()).build().batches()) {
        rows = it.hasNext() ? 1 : 0;
      }
      if (rows > 0) {
        throw new FsError(Errno.ENOTEMPTY, "table " + p.table() + " still holds rows: rm its data.csv first");
      }
      commitOrFail(p.table(), "rmdir", () -> {
        lake.dropTable(p.table());
        return null;
      });
      tables.remove(p.table());
      renders.forget(p.table());
      dropScratch(p.table());
    }
  }

  private void dropScratch(String table) {
    String prefix = "/" + table + "/";
    scratch.keySet().removeIf(k -> {
      if (k.startsWith(prefix)) {
        deleteQuietly(scratch.get(k));
        return true;
      }
      return false;
    });
  }

  @Override
  public void rename(String from, String to) {
    if (readOnly) {
      throw new FsError(Errno.EROFS, "mounted read-only");
    }
    FsPath a = FsPath.parse(from);
    FsPath b = FsPath.parse(to);
    if (a.kind() == FsPath.Kind.TOP && b.kind() == FsPath.Kind.TOP) {
      renameTable(a.table(), b.table());
      return;
    }
    if (a.table() == null || b.table() == null || !a.table().equals(b.table())) {
      throw new FsError(Errno.EPERM, "renames stay within one table directory (mv a table directory to rename it)");
    }
    String table = a.table();
    if (a.kind() == FsPath.Kind.SCRATCH && b.kind() == FsPath.Kind.DATA) {
      // sed -i, editors: the new content replaces the table's, as one commit.
      Path f = scratch.get(from);
      if (f == null) {
        throw new FsError(Errno.ENOENT, from);
      }
      synchronized (lockFor(table)) {
        if (isTable(table)) {
          Long base = scratchBase.get(from);
          commitRewrite(table, "rename", base != null ? base : table(table).latestVersion(), f);
        } else {
          createFromCsv(table, "rename", f);
        }
      }
      scratch.remove(from);
      scratchBase.remove(from);
      deleteQuietly(f);
      return;
    }
    if (a.kind() == FsPath.Kind.DATA && b.kind() == FsPath.Kind.SCRATCH) {
      // vim's backup (data.csv -> data.csv~): the backup gets a copy; the table stays.
      requireTable(a);
      Path f = newStagingFile();
      current(table).copyTo(f);
      Path old = scratch.put(to, f);
      if (old != null) {
        deleteQuietly(old);
      }
      return;
    }
    if ((a.kind() == FsPath.Kind.SCRATCH || a.kind() == FsPath.Kind.SCHEMA)
        && (b.kind() == FsPath.Kind.SCRATCH || b.kind() == FsPath.Kind.SCHEMA)) {
      Path f = scratch.remove(from);
      if (f == null) {
        throw new FsError(Errno.ENOENT, from);
      }
      Path old = scratch.put(to, f);
      if (old != null) {
        deleteQuietly(old);
      }
      Long base = scratchBase.remove(from);
      if (base != null) {
        scratchBase.put(to, base);
      }
      return;
    }
    throw new FsError(Errno.EPERM, "cannot rename " + from + " to " + to);
  }

  private void renameTable(String from, String to) {
    if (pendingDirs.remove(from)) {
      if (isTable(to) || !pendingDirs.add(to)) {
        pendingDirs.add(from);
        throw new FsError(Errno.EEXIST, to);
      }
      return;
    }
    if (!isTable(from)) {
      throw new FsError(Errno.ENOENT, from);
    }
    try {
      lake.renameTable(from, to);
    } catch (LakeException e) {
      throw fail(e);
    }
    tables.remove(from);
    renders.forget(from);
  }

  /** Unmounting drops unfinished writes: only a writer's own close/fsync/rename commits. */
  @Override
  public void close() {
    for (Handle h : handles.values()) {
      h.dirty = false;
      release(h.id);
    }
    renders.close();
    StaleStaging.deleteTree(staging);
  }

  /** Deletes a staging file (null is nothing); leftovers go with the staging directory at unmount. */
  static void deleteQuietly(Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // staging leftovers are removed at unmount
    }
  }
}
