package dev.lake.mount.fs;

import com.sun.nio.file.ExtendedOpenOption;
import dev.lake.engine.Lake;
import dev.lake.engine.Snapshot;
import dev.lake.engine.csv.CsvExport;
import dev.lake.engine.scan.DataFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Runs the mount's own read and write paths on a scratch table in a private temporary directory
 * ({@code lake-warmup-*}), so that the JIT has compiled them before the first {@code cat}, {@code echo >>} or
 * {@code sed -i} of a real table: a JVM renders a freshly mounted 1M-row table 3-5 times slower
 * than it renders the next one. It goes through a second {@link LakeFs} over a lake of its own —
 * the same calls FUSE makes (mkdir, schema.sql, a whole-file write, reads, appends, a rename
 * over data.csv) and then repeated renderings of the table's data files — and never touches the
 * mounted lake. Then it mounts its lake with FUSE for a moment and reads it through the kernel
 * (the per-request code of libfuse's loop and the binding), and last it fills the young
 * generation once ({@link YoungGeneration}), so that the first real rendering does not fault its
 * memory in. It keeps both cores of a 2-vCPU machine busy for 3-4 s right after mounting
 * (docs/BENCHMARKS.md); a failure only means no warm-up (it is reported on stderr, the mount is
 * not affected).
 */
public final class MountWarmup implements Runnable {
  /** Rows of the scratch table: enough values per loop for the JIT, little disk (~3 MB of CSV). */
  static final int ROWS = 30_000;
  /**
   * Data files the rows are written into (one whole-file write, then appends): a real table has
   * many, and the work done once per file (its footer, its scan) is compiled only after a few
   * hundred files have been read — a table of one file left it to the first real {@code cat}.
   */
  static final int FILES = 15;
  /** Renderings of the scratch table: ~750,000 rows through the read path. */
  static final int RENDERINGS = 25;
  /**
   * Read calls through the binding: C1 compiles a method after about 2000 calls, and a first
   * {@code cat} of a 42 MB table makes only ~330 (of 128 KiB). Small reads: the count matters.
   */
  static final int READ_CALLS = 3_000;
  static final int READ_CALL_SIZE = 4096;
  /** Appends, each one commit. */
  static final int APPENDS = 3;
  /**
   * {@code stat}s of data.csv through the kernel: three FUSE requests each (two lookups and a
   * getattr, since the mount caches no attributes), so that libfuse's loop and jnr's glue for a
   * request are compiled — C1 compiles a method after some 2000 calls.
   */
  static final int KERNEL_STATS = 1000;
  /** O_DIRECT reads of data.csv through the kernel, 128 KiB each: every one reaches the mount. */
  static final int KERNEL_READ_PASSES = 30;
  static final int KERNEL_READ_SIZE = 1 << 17;
  /** How long a shutdown waits for the warm-up's current step (a commit, a rendering) and clean-up. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);
  /** The one-row edit of the sed step. */
  static final String EDIT_FROM = "\n7,item-7,";
  static final String EDIT_TO = "\n7,item-seven,";

  private static final String SCHEMA =
      "CREATE TABLE warmup (id BIGINT NOT NULL, name STRING, city STRING, price DECIMAL(5,2),"
          + " amount DECIMAL(14,2), qty INT, sold_on DATE, created TIMESTAMP, ratio DOUBLE, flag BOOLEAN,"
          + " PRIMARY KEY (id))\n";
  private static final String HEADER = "id,name,city,price,amount,qty,sold_on,created,ratio,flag\n";
  private static final String[] CITIES = {"Oslo", "Lyon", "Porto", "Graz", "Turku", "Cork", "Bern", "Gent"};

  /**
   * A read as the FUSE binding's read callback makes it (its buffers, its code), so that the
   * warm-up compiles the binding's side of a read too.
   */
  @FunctionalInterface
  public interface BindingRead {
    /** Reads up to {@code size} bytes at {@code offset} of open file {@code handle} ({@code path}); returns the count. */
    int read(String path, long handle, long offset, int size);
  }

  /**
   * Mounts a lake with FUSE at a mount point (an empty directory) and returns what unmounts it:
   * the warm-up's pass through the kernel.
   */
  @FunctionalInterface
  public interface Mounter {
    /** Mounts {@code lake} at {@code mountPoint}, staging in {@code staging}; running the result unmounts it. */
    Runnable mount(Lake lake, Path mountPoint, Path staging) throws IOException;
  }

  /** Reads straight from the filesystem, into a direct buffer as the binding's are: no binding. */
  static final Function<FsOps, BindingRead> NO_BINDING =
      fs -> (path, handle, offset, size) -> fs.read(handle, offset, ByteBuffer.allocateDirect(size));

  private final Path dir;
  private final Function<FsOps, BindingRead> binding;
  private final Mounter mounter;
  private volatile boolean stopping;
  private volatile boolean stoppedEarly;
  private volatile Thread hook;

  /**
   * @param dir a private directory ({@link StaleStaging#create}), deleted when the warm-up ends
   * @param binding the binding's read callback over a filesystem
   * @param mounter mounts the scratch lake for the pass through the kernel; null for none
   */
  public MountWarmup(Path dir, Function<FsOps, BindingRead> binding, Mounter mounter) {
    this.dir = dir;
    this.binding = binding;
    this.mounter = mounter;
  }

  /**
   * Starts the warm-up on a daemon thread. When the JVM shuts down (Ctrl-C, SIGTERM) while it
   * runs, it stops after its current step and deletes its directory before the JVM exits
   * (waiting at most {@link #STOP_WAIT}); a daemon thread would otherwise just end, leaving the
   * directory for the next mount to delete.
   */
  public static Thread start(Path dir, Function<FsOps, BindingRead> binding, Mounter mounter) {
    MountWarmup warmup = new MountWarmup(dir, binding, mounter);
    Thread t = new Thread(warmup, "lake-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    Thread hook = new Thread(() -> warmup.stop(t, STOP_WAIT), "lake-warmup-stop");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException e) {
      StaleStaging.deleteTree(dir); // already shutting down (Ctrl-C during start-up): no warm-up
      return t;
    }
    warmup.hook = hook;
    t.start();
    return t;
  }

  /** Thrown at the next step once {@link #stop} was called: the warm-up ends quietly. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped", null, false, false);
    }
  }

  /**
   * Asks the warm-up running on {@code thread} to stop after its current step, and waits up to
   * {@code wait} for it to have deleted its directory.
   */
  void stop(Thread thread, Duration wait) {
    stopping = true;
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    try (Lake lake = Lake.open(dir.resolve("lake").toString())) {
      LakeFs fs = new LakeFs(lake, dir.resolve("staging"), false);
      Runnable step = () -> {
        if (stopping) {
          throw new Stopped();
        }
      };
      try {
        exercise(fs, lake, binding.apply(fs), step);
      } finally {
        fs.close();
      }
      if (mounter != null) {
        try {
          throughTheKernel(lake, step);
        } catch (RuntimeException e) {
          if (e instanceof Stopped || stopping) {
            throw e; // a shutdown: handled below
          }
          // Not fatal: everything else is warmed up; only the per-request code is left to the first cat.
          System.err.println("lake mount: warm-up: no pass through FUSE: " + e);
        }
      }
      step.run();
      YoungGeneration.fillOnce();
    } catch (Stopped e) {
      stoppedEarly = true; // the JVM is shutting down: nothing to report
    } catch (RuntimeException e) {
      if (stopping) {
        stoppedEarly = true; // a step failed as the JVM shut down around it: nothing to report
      } else {
        System.err.println("lake mount: warm-up skipped: " + e);
      }
    } finally {
      StaleStaging.deleteTree(dir);
      removeHook();
    }
  }

  /**
   * The scratch table mounted with FUSE and read through the kernel, so that the code every
   * request runs (libfuse's loop, jnr's glue, the binding) is compiled before the first real
   * {@code cat}, which makes only ~330 requests: {@link #KERNEL_STATS} {@code stat}s and
   * {@link #KERNEL_READ_PASSES} passes of O_DIRECT reads (the page cache would answer all but the
   * first pass). Unmounted before the warm-up deletes its directory; a killed process leaves it
   * to {@code auto_unmount}. Where O_DIRECT is refused, the reads are skipped; any other failure
   * (no FUSE mount possible here) ends only this pass.
   */
  private void throughTheKernel(Lake lake, Runnable step) {
    step.run();
    try {
      Path mnt = Files.createDirectories(dir.resolve("mnt"));
      Runnable unmount = mounter.mount(lake, mnt, Files.createDirectories(dir.resolve("fuse-staging")));
      try {
        Path data = mnt.resolve("warmup").resolve("data.csv");
        for (int i = 0; i < KERNEL_STATS; i++) {
          if (i % 100 == 0) {
            step.run();
          }
          Files.size(data);
        }
        // O_DIRECT wants block-aligned memory and sizes.
        ByteBuffer buf = ByteBuffer.allocateDirect(2 * KERNEL_READ_SIZE).alignedSlice(4096).limit(KERNEL_READ_SIZE).slice();
        for (int pass = 0; pass < KERNEL_READ_PASSES; pass++) {
          step.run();
          FileChannel direct;
          try {
            direct = FileChannel.open(data, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
          } catch (UnsupportedOperationException | IOException e) {
            break; // no O_DIRECT here (EINVAL): the page cache would answer every read
          }
          try (FileChannel ch = direct) {
            for (long at = 0; ch.read(buf.clear(), at) == KERNEL_READ_SIZE; ) {
              at += KERNEL_READ_SIZE;
            }
          }
        }
      } finally {
        unmount.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the warm-up's pass through FUSE: " + e.getMessage(), e);
    }
  }

  /** Whether {@link #stop} ended the warm-up before its last step. */
  boolean stoppedEarly() {
    return stoppedEarly;
  }

  private void removeHook() {
    Thread h = hook;
    if (h != null && !stopping) {
      try {
        Runtime.getRuntime().removeShutdownHook(h);
      } catch (IllegalStateException e) {
        // shutting down after all: the hook runs and finds the warm-up ended
      }
    }
  }

  /** {@link #exercise(LakeFs, Lake, BindingRead, Runnable)} run to its end. */
  static void exercise(LakeFs fs, Lake lake, BindingRead reads) {
    exercise(fs, lake, reads, () -> {});
  }

  /**
   * The operations, on {@code fs} over {@code lake} (which must not have a table named
   * "warmup"): reads first, as they are what users do first after mounting. {@code step} runs
   * before each operation and may throw to end the warm-up there.
   */
  static void exercise(LakeFs fs, Lake lake, BindingRead reads, Runnable step) {
    step.run();
    fs.mkdir("/warmup");
    writeWhole(fs, "/warmup/schema.sql", SCHEMA.getBytes(StandardCharsets.UTF_8));
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < ROWS / FILES; i++) {
      row(csv, i);
    }
    step.run();
    writeWhole(fs, "/warmup/data.csv", csv.toString().getBytes(StandardCharsets.UTF_8)); // cat x > data.csv
    for (int f = 1; f < FILES; f++) { // cat more >> data.csv: one data file each
      StringBuilder more = new StringBuilder();
      for (int i = f * ROWS / FILES; i < (f + 1) * ROWS / FILES; i++) {
        row(more, i);
      }
      step.run();
      append(fs, "/warmup/data.csv", more.toString().getBytes(StandardCharsets.UTF_8));
    }
    step.run();
    readAll(fs, "/warmup/data.csv");
    Snapshot snap = lake.table("warmup").snapshot();
    for (int r = 0; r < RENDERINGS; r++) {
      step.run();
      for (DataFile f : snap.dataFiles()) {
        CsvExport.writeRows(snap, f, OutputStream.nullOutputStream());
      }
    }
    step.run();
    readInPieces(fs, "/warmup/data.csv", reads);
    for (int i = 0; i < APPENDS; i++) { // echo >> data.csv
      step.run();
      append(fs, "/warmup/data.csv", row(new StringBuilder(), ROWS + i).toString().getBytes(StandardCharsets.UTF_8));
    }
    // sed -i: an edited copy in a scratch file, renamed over data.csv
    String edited = new String(readAll(fs, "/warmup/data.csv"), StandardCharsets.UTF_8).replace(EDIT_FROM, EDIT_TO);
    step.run();
    writeWhole(fs, "/warmup/sedWarmup", edited.getBytes(StandardCharsets.UTF_8));
    fs.rename("/warmup/sedWarmup", "/warmup/data.csv");
    readAll(fs, "/warmup/data.csv");
  }

  /** One row; about one in seven has NULLs, so both the NULL and the non-NULL paths run. */
  private static StringBuilder row(StringBuilder b, int i) {
    boolean nulls = i % 7 == 3;
    b.append(i).append(",item-").append(i).append(',').append(CITIES[i % CITIES.length]).append(',');
    b.append(i % 1000).append('.').append(10 + i % 90).append(',');
    b.append(nulls ? "" : (long) i * 7_919 + "." + (10 + i % 90)).append(',');
    b.append(nulls ? "" : Integer.toString(i % 500)).append(',');
    b.append("2026-").append(10 + i % 3).append('-').append(10 + i % 19).append(',');
    b.append("2026-01-").append(10 + i % 19).append('T').append(10 + i % 14).append(":00:0").append(i % 10)
        .append('.').append(100_000 + i % 900_000).append("Z,");
    b.append(nulls ? "" : Double.toString(i / 8.0)).append(',');
    b.append(i % 3 == 0).append('\n');
    return b;
  }

  /** {@code bytes} appended as {@code >>} does (O_APPEND, written at the size, then flushed): one commit. */
  private static void append(LakeFs fs, String path, byte[] bytes) {
    long h = fs.open(path, LakeFs.O_WRONLY | LakeFs.O_APPEND);
    writeAndFlush(fs, h, fs.getattr(path).size(), bytes);
  }

  /** {@code bytes} as the whole file, as {@code cat x > f} writes it: one commit. */
  private static void writeWhole(LakeFs fs, String path, byte[] bytes) {
    writeAndFlush(fs, fs.create(path, LakeFs.O_WRONLY | LakeFs.O_TRUNC), 0, bytes);
  }

  /** Writes {@code bytes} at {@code at} of open handle {@code h} in 128 KiB requests, as FUSE does, then flushes and releases it. */
  private static void writeAndFlush(LakeFs fs, long h, long at, byte[] bytes) {
    try {
      for (int done = 0; done < bytes.length; done += 1 << 17) {
        int n = Math.min(1 << 17, bytes.length - done);
        fs.write(h, at + done, Arrays.copyOfRange(bytes, done, done + n), n);
      }
      fs.flush(h);
    } finally {
      fs.release(h);
    }
  }

  /** {@link #READ_CALLS} reads of {@link #READ_CALL_SIZE} bytes through the binding, round the file. */
  private static void readInPieces(LakeFs fs, String path, BindingRead reads) {
    long size = fs.getattr(path).size();
    long h = fs.open(path, LakeFs.O_RDONLY);
    try {
      for (int i = 0; i < READ_CALLS; i++) {
        long offset = (long) i * READ_CALL_SIZE % size;
        int n = reads.read(path, h, offset, READ_CALL_SIZE);
        if (n != Math.min(READ_CALL_SIZE, size - offset)) {
          throw new IllegalStateException("a read at " + offset + " of " + path + " returned " + n);
        }
      }
    } finally {
      fs.release(h);
    }
  }

  private static byte[] readAll(LakeFs fs, String path) {
    long h = fs.open(path, LakeFs.O_RDONLY);
    try {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      // Direct, as the FUSE binding's reply buffers are: the same read path gets compiled.
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 17);
      byte[] chunk = new byte[1 << 17];
      long at = 0;
      for (int n; (n = fs.read(h, at, buf.clear())) > 0; at += n) {
        buf.flip().get(chunk, 0, n);
        all.write(chunk, 0, n);
      }
      return all.toByteArray();
    } finally {
      fs.release(h);
    }
  }

}
