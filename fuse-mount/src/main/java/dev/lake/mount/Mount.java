package dev.lake.mount;

import dev.lake.engine.Lake;
import dev.lake.mount.fs.LakeFs;
import dev.lake.mount.fs.StaleStaging;
import dev.lake.mount.jnr.JnrFuseFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mounted lake: starts FUSE on a mount point and unmounts it on {@link #close()}, on SIGTERM
 * or Ctrl-C (a shutdown hook), and — through {@code auto_unmount} — when the process is killed.
 */
public final class Mount implements AutoCloseable {
  /** FUSE options always used; see docs/SEMANTICS.md. */
  static final List<String> DEFAULT_OPTIONS =
      List.of(
          "auto_unmount",
          "atomic_o_trunc",
          "hard_remove",
          "auto_cache",
          // Sizes and names change with every commit, by any writer: never serve them stale.
          "attr_timeout=0",
          "entry_timeout=0",
          "negative_timeout=0",
          "fsname=lake",
          "subtype=lake",
          "big_writes");

  private final JnrFuseFs fuse;
  private final LakeFs fs;
  private final Path mountPoint;
  private final Thread unmountAtExit = new Thread(this::close, "lake-unmount");
  private volatile boolean closed;

  private Mount(JnrFuseFs fuse, LakeFs fs, Path mountPoint) {
    this.fuse = fuse;
    this.fs = fs;
    this.mountPoint = mountPoint;
  }

  /**
   * Mounts {@code lake} at {@code mountPoint}.
   *
   * @param blocking true to serve until unmounted (the command line), false to return at once
   * @param extraOptions more {@code -o} options for FUSE
   */
  public static Mount mount(Lake lake, Path mountPoint, boolean readOnly, List<String> extraOptions, boolean blocking)
      throws IOException {
    return start(lake, mountPoint, StaleStaging.create("lake-mount-"), readOnly, extraOptions, blocking);
  }

  /**
   * Mounts {@code lake} at {@code mountPoint} for a moment (the mount's warm-up), with its
   * staging in {@code staging} (a directory of the caller's, which goes with it), and returns at
   * once.
   */
  public static Mount scratch(Lake lake, Path mountPoint, Path staging) throws IOException {
    return start(lake, mountPoint, staging, false, List.of(), false);
  }

  private static Mount start(
      Lake lake, Path mountPoint, Path staging, boolean readOnly, List<String> extraOptions, boolean blocking)
      throws IOException {
    LakeFs fs = new LakeFs(lake, staging, readOnly);
    long uid = new com.sun.security.auth.module.UnixSystem().getUid();
    long gid = new com.sun.security.auth.module.UnixSystem().getGid();
    JnrFuseFs fuse = new JnrFuseFs(fs, uid, gid);
    Mount m = new Mount(fuse, fs, mountPoint);
    Runtime.getRuntime().addShutdownHook(m.unmountAtExit);
    List<String> args = new ArrayList<>();
    List<String> options = new ArrayList<>(DEFAULT_OPTIONS);
    if (readOnly) {
      options.add("ro");
    }
    options.addAll(extraOptions);
    for (String o : options) {
      args.add("-o");
      args.add(o);
    }
    fuse.mount(mountPoint, blocking, false, args.toArray(new String[0]));
    return m;
  }

  /** Where it is mounted. */
  public Path mountPoint() {
    return mountPoint;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      fuse.umount();
      endAutoUnmountHelper();
    } finally {
      fs.close();
      try {
        Runtime.getRuntime().removeShutdownHook(unmountAtExit); // a mount closed early (the warm-up's)
      } catch (IllegalStateException e) {
        // closing from that hook, at exit
      }
    }
  }

  /**
   * With {@code auto_unmount} libfuse starts a {@code fusermount} helper that waits for this
   * process to end and then unmounts. It only notices the end of the process, not an unmount, so
   * after an in-process {@link #close()} it would stay behind until the JVM exits; once unmounted
   * it has nothing left to do. Only this mount's helper is ended: it is a child of this process
   * whose arguments name this mount point. It blocks every signal it can (SIGTERM stays pending),
   * hence SIGKILL; Java reaps only the processes it started itself, so it is then reaped here
   * (else it would stay a zombie entry until this JVM exits).
   */
  private void endAutoUnmountHelper() {
    String target = mountPoint.toAbsolutePath().normalize().toString();
    ProcessHandle.current().children().filter(p -> isHelperOf(p, target)).forEach(p -> {
      if (p.destroyForcibly()) {
        ChildProcesses.reap(p.pid());
      }
    });
  }

  static boolean isHelperOf(ProcessHandle p, String mountPoint) {
    ProcessHandle.Info info = p.info();
    boolean fusermount = info.command().map(c -> c.equals("fusermount") || c.endsWith("/fusermount")).orElse(false);
    return fusermount && info.arguments().map(a -> List.of(a).contains(mountPoint)).orElse(false);
  }
}
