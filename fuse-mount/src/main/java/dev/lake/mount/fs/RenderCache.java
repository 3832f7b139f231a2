package dev.lake.mount.fs;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.csv.CsvSizeTag;
import dev.lake.engine.scan.DataFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The CSV text of each (table, version), assembled from per-data-file segments. Delta never
 * changes a data file, so each file's rows are rendered once (streaming, to a local segment
 * file) and reused by every version that still holds the file: a commit that appends one row
 * renders one small file, and the new version's text is the old segments plus the new one. The
 * order of segments is kept from version to version (new files at the end), so an append shows
 * at the end of data.csv. Exact sizes come from the segments: {@code stat} never renders an
 * unchanged table again.
 *
 * <p>A data file lake wrote carries its size as CSV ({@link CsvSizeTag}): when every file not yet
 * rendered has one, a version's size is known without rendering anything, and its segments are
 * rendered when it is first read — in order, on every core, while the reader reads the first ones.
 * Each rendered segment is checked against the size announced; should one differ, the read fails
 * (EIO, never wrong bytes) and the version is assembled again from the rendered segments.
 */
final class RenderCache {
  /**
   * How far the data files read ahead of a version's renderers reach, in bytes of data files (see
   * {@link #startRendering}).
   */
  static final long READ_AHEAD_BYTES = 256L << 20;

  /** A rendered data file: its rows as CSV, without header. */
  static final class Segment {
    private final String key;
    private final Path file;
    private final long size;
    // Opened at the first read and shared by every reader (positional reads): a 1 GB table is
    // read in ~8000 FUSE requests of 128 KiB, which should not each open and close the file.
    private FileChannel channel;

    Segment(String key, Path file, long size) {
      this.key = key;
      this.file = file;
      this.size = size;
    }

    String key() {
      return key;
    }

    Path file() {
      return file;
    }

    long size() {
      return size;
    }

    /** Reads into {@code bb} from {@code position} until it is full or the file ends. */
    void read(ByteBuffer bb, long position) throws IOException {
      FileChannel ch = channel(false);
      int start = bb.position();
      try {
        readFully(ch, bb, position);
      } catch (ClosedChannelException e) {
        // Closed under us (an interrupted reader closes a channel for everyone): the rest again.
        readFully(channel(true), bb, position + (bb.position() - start));
      }
    }


    private synchronized FileChannel channel(boolean reopen) throws IOException {
      if (channel == null || reopen || !channel.isOpen()) {
        close();
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      return channel;
    }

    /** Closes the shared channel (the segment is being deleted, or the mount is closing). */
    synchronized void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // nothing was written through it
        }
        channel = null;
      }
    }
  }

  /**
   * A data file's segment, rendered once by whoever needs it first: a reader, or the renderers
   * started when a version is first read.
   */
  static final class SegmentJob {
    private final String key;
    private final String file;
    private final long fileBytes;
    private final CompletableFuture<Segment> result = new CompletableFuture<>();
    private volatile boolean skipped;
    private boolean claimed; // guarded by this
    private Supplier<Segment> render; // guarded by this; dropped once taken
    private Runnable readAhead; // guarded by this; dropped once the segment is claimed

    /**
     * @param fileBytes the data file's size
     * @param readAhead reads the data file into the page cache (see {@link #readAheadIfWanted})
     */
    SegmentJob(String key, String file, long fileBytes, Supplier<Segment> render, Runnable readAhead) {
      this.key = key;
      this.file = file;
      this.fileBytes = fileBytes;
      this.render = render;
      this.readAhead = readAhead;
    }

    long fileBytes() {
      return fileBytes;
    }

    String key() {
      return key;
    }

    /** Renders the segment in this thread unless another thread has begun, then waits for it. */
    Segment get() {
      if (!result.isDone()) {
        render();
      }
      return await(result, file);
    }

    /**
     * What the read-ahead thread runs: reads the data file into the page cache, unless a renderer
     * has begun on it (it reads the file itself then) or nobody needs it any more.
     */
    void readAheadIfWanted() {
      Runnable r;
      synchronized (this) {
        r = claimed || skipped ? null : readAhead;
      }
      if (r != null) {
        r.run();
      }
    }

    /** What a renderer runs: renders unless another thread has begun or nobody needs it any more. */
    void renderIfWanted() {
      if (!skipped) {
        render();
      }
    }

    private void render() {
      Supplier<Segment> r = take();
      if (r == null) {
        return;
      }
      try {
        result.complete(r.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }

    private synchronized Supplier<Segment> take() {
      if (claimed) {
        return null;
      }
      claimed = true;
      Supplier<Segment> r = render;
      render = null; // the snapshot it holds is not needed once rendered
      readAhead = null;
      return r;
    }

    /**
     * Renders from {@code newer} if it has not begun: a job waiting to render holds the snapshot
     * it was made with, and a table that is only ever stat'ed would otherwise keep one snapshot per
     * version alive.
     */
    synchronized void retarget(Supplier<Segment> newer, Runnable newerReadAhead) {
      if (!claimed) {
        render = newer;
        readAhead = newerReadAhead;
      }
    }

    boolean isRendered() {
      return result.isDone() && !result.isCompletedExceptionally();
    }

    synchronized boolean isClaimed() {
      return claimed;
    }

    /** The rendered segment (only when {@link #isRendered}). */
    Segment rendered() {
      return result.join();
    }

    /**
     * No version kept needs the segment: renderers skip it. (A reader that still asks renders it.)
     */
    void skip() {
      skipped = true;
    }
  }

  /**
   * Reads from {@code position} into {@code bb} until it is full or the file ends; returns the
   * count (positional reads: the channel may be shared).
   */
  static int readFully(FileChannel ch, ByteBuffer bb, long position) throws IOException {
    int total = 0;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Queues the jobs not begun yet on the renderers, in order, and their data files on the
   * read-ahead thread, in the same order: a renderer that waited for the disk would leave its core
   * idle. The first files are queued at once, up to {@link #READ_AHEAD_BYTES}; each later one when
   * a renderer takes up a job, so that the files read ahead stay about that far ahead of the
   * renderers, and a large table does not push its own next files out of the page cache.
   *
   * @throws RejectedExecutionException when the mount is closing
   */
  static void startRendering(List<SegmentJob> jobs, Executor renderers, Executor readAhead) {
    List<SegmentJob> todo = new ArrayList<>();
    for (SegmentJob j : jobs) {
      if (!j.isClaimed()) {
        todo.add(j);
      }
    }
    int next = 0;
    for (long ahead = 0; next < todo.size() && ahead < READ_AHEAD_BYTES; next++) {
      readAhead.execute(todo.get(next)::readAheadIfWanted);
      ahead += todo.get(next).fileBytes();
    }
    for (SegmentJob j : todo) {
      SegmentJob later = next < todo.size() ? todo.get(next++) : null;
      renderers.execute(() -> {
        if (later != null) {
          try {
            readAhead.execute(later::readAheadIfWanted);
          } catch (RejectedExecutionException closing) {
            // the mount is closing: nothing more to read ahead
          }
        }
        j.renderIfWanted();
      });
    }
  }

  /** The text of one version: a header and segments, some perhaps still to be rendered. */
  static final class Rendered {
    final long version;
    final long mtimeMillis;
    final byte[] header;
    private final List<SegmentJob> parts;
    private final long[] sizes;
    private final long[] starts;
    private final long size;
    private final Consumer<List<SegmentJob>> start;
    private final Runnable forget;
    private final AtomicBoolean rendering = new AtomicBoolean();

    /**
     * @param sizes each part's size in bytes: rendered, or announced by its file's tag
     * @param start queues jobs on the renderers (see {@link #startRendering})
     * @param forget drops this version from the cache, so that it is assembled again
     */
    Rendered(
        long version,
        long mtimeMillis,
        byte[] header,
        List<SegmentJob> parts,
        long[] sizes,
        Consumer<List<SegmentJob>> start,
        Runnable forget) {
      this.version = version;
      this.mtimeMillis = mtimeMillis;
      this.header = header;
      this.parts = List.copyOf(parts);
      this.sizes = sizes.clone();
      this.start = start;
      this.forget = forget;
      this.starts = new long[parts.size()];
      long pos = header.length;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = pos;
        pos += sizes[i];
      }
      this.size = pos;
    }

    long size() {
      return size;
    }

    long mtimeMillis() {
      return mtimeMillis;
    }

    List<SegmentJob> parts() {
      return parts;
    }

    /**
     * Whether this text begins with all of {@code older}'s: the same header, then the same files'
     * renderings in the same order — rows were only appended in between.
     */
    boolean continues(Rendered older) {
      if (!Arrays.equals(header, older.header) || parts.size() < older.parts.size()) {
        return false;
      }
      for (int i = 0; i < older.parts.size(); i++) {
        if (!parts.get(i).key().equals(older.parts.get(i).key())) {
          return false;
        }
      }
      return true;
    }

    /** Reads at {@code offset} into {@code into} (up to its limit); returns the count. */
    int read(long offset, ByteBuffer into) {
      int len = into.remaining();
      int limit = into.limit();
      int done = 0;
      while (done < len && offset + done < size) {
        long at = offset + done;
        if (at < header.length) {
          int n = (int) Math.min(len - done, header.length - at);
          into.put(header, (int) at, n);
          done += n;
          continue;
        }
        int i = segmentAt(at);
        Segment s = segment(i);
        long within = at - starts[i];
        int n = (int) Math.min(len - done, sizes[i] - within);
        into.limit(into.position() + n);
        try {
          s.read(into, within);
        } catch (IOException e) {
          throw new FsError(Errno.EIO, "reading a rendered segment: " + e.getMessage(), e);
        } finally {
          into.limit(limit);
        }
        done += n;
      }
      return done;
    }

    private int segmentAt(long offset) {
      int lo = 0;
      int hi = starts.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= offset) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      while (lo < starts.length - 1 && sizes[lo] == 0 && starts[lo + 1] <= offset) {
        lo++;
      }
      return lo;
    }

    /**
     * Part i rendered, checked against the size announced. The first call queues every part not
     * rendered yet, in order: a reader at the start waits only for the first ones.
     */
    private Segment segment(int i) {
      if (rendering.compareAndSet(false, true)) {
        try {
          start.accept(parts);
        } catch (RejectedExecutionException e) {
          forget.run();
          throw new FsError(Errno.EIO, "the mount is closing", e);
        }
      }
      Segment s;
      try {
        s = parts.get(i).get();
      } catch (RuntimeException e) {
        forget.run();
        throw e;
      }
      if (s.size() != sizes[i]) {
        forget.run();
        throw new FsError(
            Errno.EIO,
            "data file " + parts.get(i).file + " rendered to " + s.size() + " bytes where its " + CsvSizeTag.KEY
                + " tag announced " + sizes[i] + ": the size shown was wrong, read the file again");
      }
      return s;
    }

    /** The whole text as a stream (every part rendered first). */
    InputStream open() {
      List<InputStream> streams = new ArrayList<>();
      streams.add(new ByteArrayInputStream(header));
      for (int i = 0; i < parts.size(); i++) {
        try {
          streams.add(Files.newInputStream(segment(i).file()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** Writes the whole text to {@code target} (replacing it). */
    void copyTo(Path target) {
      // Not TRUNCATE_EXISTING: the targets are fresh empty files, and ext4 answers a truncation
      // to 0 by allocating and starting to write back the file's blocks when it is closed (its
      // auto_da_alloc), in this thread: ~20% of a vim backup's copy. truncate(0) is a no-op on
      // an empty file and still replaces the content of any other.
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
        out.truncate(0);
        out.write(ByteBuffer.wrap(header));
        for (int i = 0; i < parts.size(); i++) {
          Segment s = segment(i);
          try (FileChannel in = FileChannel.open(s.file(), StandardOpenOption.READ)) {
            long pos = 0;
            while (pos < s.size()) {
              pos += in.transferTo(pos, s.size() - pos, out);
            }
          }
        }
      } catch (IOException e) {
        throw new FsError(Errno.EIO, "copying a rendering: " + e.getMessage(), e);
      }
    }

    Supplier<InputStream> source() {
      return this::open;
    }
  }

  /** A table state: name, version, and the commit's time (tells a re-created table apart). */
  private record Key(String table, long version, long commitMillis) {}

  private final Path dir;
  private final Map<Key, CompletableFuture<Rendered>> views = new ConcurrentHashMap<>();
  private final Map<String, SegmentJob> segments = new ConcurrentHashMap<>();
  private final Map<String, List<String>> order = new ConcurrentHashMap<>();
  private final Map<String, Long> orderVersion = new ConcurrentHashMap<>();
  private final Map<Rendered, Integer> pins = new IdentityHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  // Segments render independently: one renderer per core for a table read for the first time.
  private final ExecutorService renderers;
  // One thread that reads data files ahead of the renderers (it mostly waits for the disk).
  private final ExecutorService readAhead;

  RenderCache(Path dir) {
    this.dir = dir;
    AtomicInteger count = new AtomicInteger();
    this.renderers =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "lake-render-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.readAhead =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "lake-read-ahead");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The text of {@code table} at {@code version}, rendering what is missing to know its size. A
   * table's versions are assembled, and its unused segments deleted, one at a time (a lock per
   * table), so that a clean-up never takes a segment from a version being assembled.
   */
  Rendered get(Table table, long version) {
    Key key = new Key(table.name(), version, version == table.latestVersionSeen() ? table.latestCommitMillis() : -1);
    CompletableFuture<Rendered> existing = views.get(key);
    if (existing != null) {
      return await(existing, table.name());
    }
    synchronized (lock(table.name())) {
      existing = views.get(key);
      if (existing != null) {
        return await(existing, table.name());
      }
      CompletableFuture<Rendered> mine = new CompletableFuture<>();
      views.put(key, mine);
      try {
        mine.complete(assemble(table, version, () -> views.remove(key, mine)));
      } catch (RuntimeException | Error e) {
        views.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      forgetOlder(table.name(), version);
      return mine.join();
    }
  }

  /** {@link #get}, pinned (see {@link #pin}) before any clean-up can run. */
  Rendered pinned(Table table, long version) {
    synchronized (lock(table.name())) {
      Rendered r = get(table, version);
      pin(r);
      return r;
    }
  }

  private Object lock(String table) {
    return locks.computeIfAbsent(table, t -> new Object());
  }

  private static <T> T await(CompletableFuture<T> f, String what) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsError(Errno.EIO, "interrupted while rendering " + what);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new FsError(Errno.EIO, e.getCause().toString());
    }
  }

  private Rendered assemble(Table table, long version, Runnable forget) {
    Snapshot snap = table.snapshotAt(version);
    // Names the columns, their types and the codec: segments of the same file are reused only
    // while all three stay the same.
    String layout = CsvSizeTag.layout(snap.schema());
    List<DataFile> files = snap.dataFiles();
    // Keep the previous version's order; files new in this version go at the end in the order
    // they were written, so a table reads in the order its rows were loaded and appended.
    List<String> previous = order.getOrDefault(table.name(), List.of());
    Map<String, DataFile> byId = new LinkedHashMap<>();
    for (DataFile f : files) {
      byId.put(f.id(), f);
    }
    List<DataFile> fresh = new ArrayList<>();
    Set<String> kept = new HashSet<>(previous);
    for (DataFile f : files) {
      if (!kept.contains(f.id())) {
        fresh.add(f);
      }
    }
    fresh.sort(CsvExport.FILE_ORDER);
    // Files that replace removed ones (an UPDATE, a rewrite) take the place of the first removed
    // file, so an edited row stays where it was; pure appends go at the end.
    List<DataFile> ordered = new ArrayList<>();
    boolean placed = false;
    for (String id : previous) {
      DataFile f = byId.get(id);
      if (f != null) {
        ordered.add(f);
      } else if (!placed) {
        ordered.addAll(fresh);
        placed = true;
      }
    }
    if (!placed) {
      ordered.addAll(fresh);
    }
    List<SegmentJob> jobs = new ArrayList<>(ordered.size());
    long[] sizes = new long[ordered.size()];
    List<Integer> unknown = new ArrayList<>();
    List<SegmentJob> unknownJobs = new ArrayList<>();
    for (DataFile f : ordered) {
      SegmentJob job = job(table.name(), layout, snap, f);
      OptionalLong size = job.isRendered() ? OptionalLong.of(job.rendered().size()) : CsvSizeTag.renderedSize(f, layout);
      if (size.isPresent()) {
        sizes[jobs.size()] = size.getAsLong();
      } else {
        unknown.add(jobs.size());
        unknownJobs.add(job);
      }
      jobs.add(job);
    }
    // Files without a size to believe (written by another engine, or before the schema changed)
    // are rendered now, on every core; the others when the version is read.
    startRendering(unknownJobs);
    for (int i : unknown) {
      sizes[i] = jobs.get(i).get().size();
    }
    List<String> ids = new ArrayList<>();
    for (DataFile f : ordered) {
      ids.add(f.id());
    }
    if (version >= latestOrdered(table.name())) {
      order.put(table.name(), ids);
      orderVersion.put(table.name(), version);
    }
    return new Rendered(version, snap.timestamp().toEpochMilli(), header(snap), jobs, sizes, this::startRendering, forget);
  }

  /** {@link #startRendering(List, Executor, Executor)} on this cache's threads. */
  private void startRendering(List<SegmentJob> jobs) {
    startRendering(jobs, renderers, readAhead);
  }

  /** Keeps a version's segments on disk while an open file reads it. */
  synchronized void pin(Rendered r) {
    pins.merge(r, 1, Integer::sum);
  }

  synchronized void unpin(Rendered r) {
    pins.computeIfPresent(r, (k, n) -> n == 1 ? null : n - 1);
  }

  private synchronized Set<String> pinnedSegments() {
    Set<String> out = new HashSet<>();
    pins.keySet().forEach(r -> r.parts().forEach(s -> out.add(s.key())));
    return out;
  }

  private long latestOrdered(String table) {
    return orderVersion.getOrDefault(table, -1L);
  }

  /** The job of one data file's segment: the one already known, or a new one (not started). */
  private SegmentJob job(String table, String layout, Snapshot snap, DataFile f) {
    String key = table + "|" + layout + "|" + f.id();
    Supplier<Segment> render = () -> render(key, snap, f);
    Runnable readAhead = () -> snap.readAhead(f);
    SegmentJob job = segments.computeIfAbsent(key, k -> new SegmentJob(k, f.id(), f.size(), render, readAhead));
    job.retarget(render, readAhead);
    return job;
  }

  private Segment render(String key, Snapshot snap, DataFile f) {
    Path file = null;
    try {
      file = Files.createTempFile(dir, "seg-", ".csv");
      // WRITE only, as in copyTo: a truncation of the new file would make its close write it back.
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        CsvExport.writeRows(snap, f, out);
      }
      return new Segment(key, file, Files.size(file));
    } catch (IOException | RuntimeException | Error e) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // goes with the staging directory at unmount
        }
      }
      // A later version (or a retry of this one) renders the file afresh.
      segments.computeIfPresent(key, (k, job) -> job.isClaimed() && !job.isRendered() ? null : job);
      if (e instanceof Error err) {
        throw err;
      }
      throw e instanceof IOException io ? new FsError(Errno.EIO, io.getMessage(), io) : (RuntimeException) e;
    }
  }

  private static byte[] header(Snapshot snap) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvExport.writeHeader(snap.schema(), out);
    return out.toByteArray();
  }

  /**
   * Keeps the two newest versions of a table (a reader may still be on the previous one) and
   * the segments they use; deletes the rest.
   */
  private void forgetOlder(String table, long version) {
    views.keySet().removeIf(k -> k.table.equals(table) && k.version < version - 1);
    deleteUnusedSegments(table);
  }

  /**
   * Deletes the segments of {@code table} that no kept version and no open file uses; segments
   * not rendered yet are skipped by the renderers, and those being rendered go next time.
   */
  private void deleteUnusedSegments(String table) {
    Set<String> used = pinnedSegments();
    views.forEach((k, f) -> {
      if (k.table.equals(table) && f.isDone() && !f.isCompletedExceptionally()) {
        f.join().parts().forEach(s -> used.add(s.key()));
      }
    });
    String prefix = table + "|";
    segments.forEach((key, job) -> {
      if (!key.startsWith(prefix) || used.contains(key)) {
        return;
      }
      if (job.isRendered()) {
        if (segments.remove(key, job)) {
          try {
            job.rendered().close();
            Files.deleteIfExists(job.rendered().file());
          } catch (IOException e) {
            // leftovers go with the staging directory at unmount
          }
        }
      } else if (!job.isClaimed()) {
        job.skip();
        segments.remove(key, job);
      }
    });
  }

  /**
   * Stops the renderers and closes the segments' open files (the mount is closing; the files go
   * with the staging directory).
   */
  void close() {
    readAhead.shutdownNow();
    renderers.shutdownNow();
    try {
      // The staging directory is deleted next: let renderers finish writing into it first.
      renderers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    segments.values().forEach(job -> {
      if (job.isRendered()) {
        job.rendered().close();
      }
    });
  }

  /** Forgets a table (dropped or renamed). */
  void forget(String table) {
    synchronized (lock(table)) {
      views.keySet().removeIf(k -> k.table.equals(table));
      order.remove(table);
      orderVersion.remove(table);
      deleteUnusedSegments(table);
    }
  }
}
