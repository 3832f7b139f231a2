package dev.lake.it.mount.support;

import dev.lake.engine.Lake;
import dev.lake.mount.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A lake directory mounted in this JVM ({@link Mount#mount}, non-blocking), plus a separate
 * {@link Lake} instance on the same directory for the test's own reads and writes (the engine
 * side of the assertions never shares caches with the mounted one). {@link #close()} unmounts,
 * falling back to {@code fusermount -u -z}: use it in try-with-resources or {@code @AfterEach}.
 */
public final class MountedLake implements AutoCloseable {
  private final Path lakeDir;
  private final Path mountPoint;
  private final Lake lake;
  private final Mount mount;

  private MountedLake(Path lakeDir, Path mountPoint, Lake lake, Mount mount) {
    this.lakeDir = lakeDir;
    this.mountPoint = mountPoint;
    this.lake = lake;
    this.mount = mount;
  }

  /** Mounts {@code root/lake} at {@code root/mnt} (both created) read-write. */
  public static MountedLake start(Path root) {
    return start(root, false);
  }

  /**
   * Mounts {@code root/lake} at {@code root/mnt}.
   *
   * @param readOnly mount read-only (every change refused with EROFS)
   */
  public static MountedLake start(Path root, boolean readOnly) {
    Path lakeDir = root.resolve("lake");
    Path mountPoint = root.resolve("mnt");
    try {
      Files.createDirectories(lakeDir);
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Mount m;
    try {
      m = Mount.mount(Lake.open(lakeDir.toString()), mountPoint, readOnly, List.of(), false);
    } catch (IOException e) {
      ProcMounts.forceUnmount(mountPoint);
      throw new UncheckedIOException(e);
    }
    MountedLake ml = new MountedLake(lakeDir, mountPoint, Lake.open(lakeDir.toString()), m);
    if (!ProcMounts.await(mountPoint, true, Duration.ofSeconds(15))) {
      ml.close();
      throw new AssertionError("the mount at " + mountPoint + " did not appear in /proc/mounts");
    }
    return ml;
  }

  /**
   * Mounts the lake at {@code location} of a storage backend (any: local, S3, ...) at
   * {@code mountPoint} (created), read-write, with a second engine instance for the test.
   */
  public static MountedLake start(dev.lake.it.storage.StorageEndpoint storage, String location, Path mountPoint) {
    try {
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Mount m;
    try {
      m = Mount.mount(storage.open(location), mountPoint, false, List.of(), false);
    } catch (IOException e) {
      ProcMounts.forceUnmount(mountPoint);
      throw new UncheckedIOException(e);
    }
    MountedLake ml = new MountedLake(null, mountPoint, storage.open(location), m);
    if (!ProcMounts.await(mountPoint, true, Duration.ofSeconds(15))) {
      ml.close();
      throw new AssertionError("the mount at " + mountPoint + " did not appear in /proc/mounts");
    }
    return ml;
  }

  /** The lake's directory (what the mount serves); null for a lake on an object store. */
  public Path lakeDir() {
    return lakeDir;
  }

  /** The mount point. */
  public Path mountPoint() {
    return mountPoint;
  }

  /** The test's own engine instance on the lake (not the mounted one). */
  public Lake lake() {
    return lake;
  }

  /** The directory of a table in the mount. */
  public Path dir(String table) {
    return mountPoint.resolve(table);
  }

  /** A table's data.csv in the mount. */
  public Path data(String table) {
    return dir(table).resolve("data.csv");
  }

  /** Runs a command in the mount point. */
  public Shell.Result sh(String script) {
    return Shell.run(mountPoint, script);
  }

  /** Runs a command in the mount point and fails unless it exits 0. */
  public Shell.Result ok(String script) {
    return Shell.ok(mountPoint, script);
  }

  /** The table's errors.log as read through the mount (cat). */
  public String errorsLog(String table) {
    return Shell.ok(mountPoint, "cat " + Shell.quote(table + "/errors.log")).stdout();
  }

  /** Reads a file of the mount with Java's file API. */
  public String read(String relative) {
    try {
      return Files.readString(mountPoint.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Unmounts. A mount that does not close within 30 s (a deadlocked file system) is aborted with
   * {@code umount -f}, so a hung test fails instead of hanging the build.
   */
  @Override
  public void close() {
    Thread closer = new Thread(() -> {
      try {
        mount.close();
      } catch (RuntimeException e) {
        System.err.println("unmounting " + mountPoint + " failed: " + e);
      }
    }, "unmount-" + mountPoint.getFileName());
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      System.err.println("the mount at " + mountPoint + " did not close within 30 s: aborting it");
      ProcMounts.forceUnmount(mountPoint);
    } else if (!ProcMounts.await(mountPoint, false, Duration.ofSeconds(5))) {
      ProcMounts.forceUnmount(mountPoint);
    }
  }
}
