package dev.lake.mount.fs;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.scan.DataFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The CSV text of each (table, version), assembled from per-data-file segments. Delta never
 * changes a data file, so each file's rows are rendered once (streaming, to a local segment
 * file) and reused by every version that still holds the file: a commit that appends one row
 * renders one small file, and the new version's text is the old segments plus the new one. The
 * order of segments is kept from version to version (new files at the end), so an append shows
 * at the end of data.csv. Exact sizes come from the segments: {@code stat} never renders an
 * unchanged table again.
 */
final class RenderCache {
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
      } catch (java.nio.channels.ClosedChannelException e) {
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

  /** The text of one version: a header and segments. */
  static final class Rendered {
    final long version;
    final long mtimeMillis;
    final byte[] header;
    final List<Segment> segments;
    final long[] starts;
    final long size;

    Rendered(long version, long mtimeMillis, byte[] header, List<Segment> segments) {
      this.version = version;
      this.mtimeMillis = mtimeMillis;
      this.header = header;
      this.segments = List.copyOf(segments);
      this.starts = new long[segments.size()];
      long pos = header.length;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = pos;
        pos += segments.get(i).size();
      }
      this.size = pos;
    }

    long size() {
      return size;
    }

    long mtimeMillis() {
      return mtimeMillis;
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
        Segment s = segments.get(i);
        long within = at - starts[i];
        int n = (int) Math.min(len - done, s.size() - within);
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
      while (lo < starts.length - 1 && segments.get(lo).size() == 0 && starts[lo + 1] <= offset) {
        lo++;
      }
      return lo;
    }

    /** The whole text as a stream. */
    InputStream open() {
      List<InputStream> parts = new ArrayList<>();
      parts.add(new java.io.ByteArrayInputStream(header));
      for (Segment s : segments) {
        try {
          parts.add(Files.newInputStream(s.file()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** Writes the whole text to {@code target} (replacing it). */
    void copyTo(Path target) {
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap(header));
        for (Segment s : segments) {
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
  private final Map<String, CompletableFuture<Segment>> segments = new ConcurrentHashMap<>();
  private final Map<String, List<String>> order = new ConcurrentHashMap<>();

  RenderCache(Path dir) {
    this.dir = dir;
  }

  /** The text of {@code table} at {@code version}, rendering what is missing. */
  Rendered get(Table table, long version) {
    Key key = new Key(table.name(), version, version == table.latestVersionSeen() ? table.latestCommitMillis() : -1);
    CompletableFuture<Rendered> mine = new CompletableFuture<>();
    CompletableFuture<Rendered> existing = views.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(assemble(table, version));
      } catch (RuntimeException e) {
        views.remove(key);
        mine.completeExceptionally(e);
        throw e;
      }
      forgetOlder(table.name(), version);
      return mine.join();
    }
    return await(existing, table.name());
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

  private Rendered assemble(Table table, long version) {
    Snapshot snap = table.snapshotAt(version);
    String schemaTag = Integer.toHexString(snap.schema().toString().hashCode());
    List<DataFile> files = snap.dataFiles();
    // Keep the previous version's order; files new in this version go at the end in the order
    // they were written, so a table reads in the order its rows were loaded and appended.
    List<String> previous = order.getOrDefault(table.name(), List.of());
    Map<String, DataFile> byId = new java.util.LinkedHashMap<>();
    for (DataFile f : files) {
      byId.put(f.id(), f);
    }
    List<DataFile> fresh = new ArrayList<>();
    java.util.Set<String> kept = new HashSet<>(previous);
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
    // Segments render independently: use every core for a table seen for the first time.
    List<Segment> segs =
        ordered.parallelStream().map(f -> segment(table.name(), schemaTag, snap, f)).collect(java.util.stream.Collectors.toList());
    List<String> ids = new ArrayList<>();
    for (DataFile f : ordered) {
      ids.add(f.id());
    }
    if (version >= latestOrdered(table.name())) {
      order.put(table.name(), ids);
      orderVersion.put(table.name(), version);
    }
    return new Rendered(version, snap.timestamp().toEpochMilli(), header(snap), segs);
  }

  private final Map<String, Long> orderVersion = new ConcurrentHashMap<>();
  private final Map<Rendered, Integer> pins = new java.util.IdentityHashMap<>();

  /** Keeps a version's segments on disk while an open file reads it. */
  synchronized void pin(Rendered r) {
    pins.merge(r, 1, Integer::sum);
  }

  synchronized void unpin(Rendered r) {
    pins.computeIfPresent(r, (k, n) -> n == 1 ? null : n - 1);
  }

  private synchronized Set<String> pinnedSegments() {
    Set<String> out = new HashSet<>();
    pins.keySet().forEach(r -> r.segments.forEach(s -> out.add(s.key())));
    return out;
  }

  private long latestOrdered(String table) {
    return orderVersion.getOrDefault(table, -1L);
  }

  private Segment segment(String table, String schemaTag, Snapshot snap, DataFile f) {
    String key = table + "|" + schemaTag + "|" + f.id();
    CompletableFuture<Segment> mine = new CompletableFuture<>();
    CompletableFuture<Segment> existing = segments.putIfAbsent(key, mine);
    if (existing != null) {
      return await(existing, table);
    }
    try {
      Path file = Files.createTempFile(dir, "seg-", ".csv");
      try (OutputStream out = Files.newOutputStream(file)) {
        CsvExport.writeRows(snap, f, out);
      }
      Segment s = new Segment(key, file, Files.size(file));
      mine.complete(s);
      return s;
    } catch (IOException | RuntimeException e) {
      segments.remove(key);
      mine.completeExceptionally(e);
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

  /** Deletes the segments of {@code table} that no kept version and no open file uses. */
  private void deleteUnusedSegments(String table) {
    Set<String> used = pinnedSegments();
    views.forEach((k, f) -> {
      if (k.table.equals(table) && f.isDone() && !f.isCompletedExceptionally()) {
        f.join().segments.forEach(s -> used.add(s.key()));
      }
    });
    String prefix = table + "|";
    segments.forEach((key, f) -> {
      if (key.startsWith(prefix) && !used.contains(key) && f.isDone() && !f.isCompletedExceptionally()
          && segments.remove(key, f)) {
        try {
          f.join().close();
          Files.deleteIfExists(f.join().file());
        } catch (IOException e) {
          // leftovers go with the staging directory at unmount
        }
      }
    });
  }

  /** Closes the segments' open files (the mount is closing; the files go with the staging directory). */
  void close() {
    segments.values().forEach(f -> {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        f.join().close();
      }
    });
  }

  /** Forgets a table (dropped or renamed). */
  void forget(String table) {
    views.keySet().removeIf(k -> k.table.equals(table));
    order.remove(table);
    orderVersion.remove(table);
    deleteUnusedSegments(table);
  }
}
