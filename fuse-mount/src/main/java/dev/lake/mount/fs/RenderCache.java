package dev.lake.mount.fs;

import dev.lake.engine.Snapshot;
import dev.lake.engine.Table;
import dev.lake.engine.csv.CsvExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The CSV text of each (table, version), rendered once to a local file and shared by every
 * reader until the table moves on. Rendering streams batch by batch (never the whole table in
 * heap); concurrent first readers wait for one render. Exact sizes come from the file, so
 * {@code stat} and {@code ls} never render an unchanged table again.
 */
final class RenderCache {
  /** One rendered version. */
  record Rendered(Path file, long size, long mtimeMillis, long version) {}

  private record Key(String table, long version) {}

  private final Path dir;
  private final Map<Key, CompletableFuture<Rendered>> renders = new ConcurrentHashMap<>();

  RenderCache(Path dir) {
    this.dir = dir;
  }

  /** The rendering of {@code table} at {@code version}, rendering it if needed. */
  Rendered get(Table table, long version) {
    Key key = new Key(table.name(), version);
    CompletableFuture<Rendered> mine = new CompletableFuture<>();
    CompletableFuture<Rendered> existing = renders.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(render(table, version));
      } catch (RuntimeException e) {
        renders.remove(key);
        mine.completeExceptionally(e);
        throw e;
      }
      forgetOlder(table.name(), version);
      return mine.join();
    }
    try {
      return existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FsError(Errno.EIO, "interrupted while rendering " + table.name());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new FsError(Errno.EIO, e.getCause().toString());
    }
  }

  private Rendered render(Table table, long version) {
    Snapshot snap = table.snapshotAt(version);
    try {
      Path tmp = Files.createTempFile(dir, "render-", ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        CsvExport.write(snap, out);
      }
      Path file = dir.resolve(safe(table.name()) + "@" + version + ".csv");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Rendered(file, Files.size(file), snap.timestamp().toEpochMilli(), version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops renders of a table older than {@code version}, keeping the one just before it (a
   * reader that opened it may still be reading: open files stay readable after deletion).
   */
  private void forgetOlder(String table, long version) {
    renders.forEach(
        (k, f) -> {
          if (k.table.equals(table) && k.version < version - 1 && f.isDone() && !f.isCompletedExceptionally()) {
            if (renders.remove(k, f)) {
              try {
                Files.deleteIfExists(f.join().file());
              } catch (IOException e) {
                // a leftover cache file is harmless; the directory goes at unmount
              }
            }
          }
        });
  }

  /** Forgets every render of a table (dropped or renamed). */
  void forget(String table) {
    renders.keySet().removeIf(k -> k.table.equals(table));
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}
