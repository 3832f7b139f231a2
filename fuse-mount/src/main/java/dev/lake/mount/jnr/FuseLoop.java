package dev.lake.mount.jnr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.PointerByReference;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseException;
import ru.serce.jnrfuse.struct.FuseOperations;

/**
 * Serves a FUSE mount from threads the JVM started: libfuse 2's own request loop (receive a
 * request from the kernel, process it), as {@code fuse_main} runs it, but on Java threads.
 *
 * <p>Why not libfuse's threads: jnr-ffi attaches a native thread that calls back into Java to the
 * JVM for the call only (jffi keeps one attached only from its 1000th call on), and libfuse 2's
 * multi-threaded loop starts and ends its threads as requests come and go. So nearly every
 * request paid for attaching a new {@code java.lang.Thread} and detaching it again — measured at
 * about 330 attachments for one {@code cat} of a 42 MB table. A Java thread is attached for good.
 *
 * <p>Threads are added and ended as libfuse's loop does: one more whenever none is idle, since
 * requests block (a read waits for its rendering, a flush for its commit), up to {@link
 * #MAX_THREADS}; a thread that finishes a request while more than {@link #MAX_IDLE} others wait
 * ends, so a burst does not leave its threads behind. All end when the kernel ends the session
 * (an unmount); libfuse then tears the mount down.
 */
public final class FuseLoop {
  /**
   * The parts of libfuse 2's API that {@code fuse_main} is made of (fuse.h, fuse_lowlevel.h): set
   * up (parse arguments, mount, create the session), receive a request from the kernel, process
   * it (which calls the operations and answers), tear down (unmount, destroy). Public only for
   * jnr-ffi, which implements it.
   */
  public interface LibFuse {
    Pointer fuse_setup(
        int argc, Pointer argv, FuseOperations op, @size_t long opSize, PointerByReference mountpoint,
        IntByReference multithreaded, Pointer userData);

    void fuse_teardown(Pointer fuse, Pointer mountpoint);

    Pointer fuse_get_session(Pointer fuse);

    Pointer fuse_session_next_chan(Pointer session, Pointer chan);

    @size_t
    long fuse_chan_bufsize(Pointer chan);

    int fuse_chan_recv(PointerByReference chan, Pointer buf, @size_t long size);

    void fuse_session_process(Pointer session, Pointer buf, @size_t long len, Pointer chan);

    int fuse_session_exited(Pointer session);

    void fuse_session_exit(Pointer session);
  }

  /** Requests served at once, at most: far more than the kernel sends a mount at a time. */
  static final int MAX_THREADS = 64;
  /** Idle threads kept after a burst (libfuse 2 keeps 10). */
  static final int MAX_IDLE = 10;

  private final LibFuse lib;
  private final Runtime runtime;
  private final List<Pointer> nativeArgs;
  private final Pointer fuse;
  private final Pointer mountpointOut;
  private final Pointer session;
  private final Pointer chan;
  private final long bufferSize;
  private final Runnable onError;
  private final AtomicInteger idle = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  private final Thread teardown;

  private FuseLoop(LibFuse lib, Runtime runtime, List<Pointer> nativeArgs, Pointer fuse, Pointer mountpointOut, Runnable onError) {
    this.lib = lib;
    this.runtime = runtime;
    this.nativeArgs = nativeArgs;
    this.fuse = fuse;
    this.mountpointOut = mountpointOut;
    this.session = lib.fuse_get_session(fuse);
    this.chan = lib.fuse_session_next_chan(session, null);
    this.bufferSize = lib.fuse_chan_bufsize(chan);
    this.onError = onError;
    this.teardown = new Thread(this::awaitThenTearDown, "lake-fuse-teardown");
  }

  /**
   * Mounts (libfuse parses {@code args} as {@code fuse_main} would: program name, {@code -f},
   * mount point, {@code -o} options) and starts serving.
   *
   * @param onError called when the session fails (not at an unmount): it should unmount, which
   *     ends every thread
   * @throws FuseException when libfuse cannot mount (it has said why on stderr)
   */
  static FuseLoop start(FuseOperations operations, String[] args, Runnable onError) {
    LibFuse lib = load();
    Runtime runtime = Runtime.getSystemRuntime();
    // Native copies that live as long as the mount: libfuse may keep pointers into argv.
    List<Pointer> nativeArgs = new ArrayList<>();
    Pointer argv = Memory.allocateDirect(runtime, (args.length + 1) * runtime.addressSize(), true);
    nativeArgs.add(argv);
    for (int i = 0; i < args.length; i++) {
      byte[] bytes = args[i].getBytes(StandardCharsets.UTF_8);
      Pointer s = Memory.allocateDirect(runtime, bytes.length + 1, true);
      s.put(0, bytes, 0, bytes.length);
      argv.putPointer((long) i * runtime.addressSize(), s);
      nativeArgs.add(s);
    }
    PointerByReference mountpoint = new PointerByReference();
    Pointer fuse =
        lib.fuse_setup(args.length, argv, operations, Struct.size(operations), mountpoint, new IntByReference(), null);
    if (fuse == null) {
      throw new FuseException("Unable to mount FS (libfuse's reason is on stderr)");
    }
    FuseLoop loop = new FuseLoop(lib, runtime, nativeArgs, fuse, mountpoint.getValue(), onError);
    if (!loop.addWorker()) {
      lib.fuse_teardown(fuse, mountpoint.getValue());
      throw new FuseException("Unable to start a thread to serve the mount");
    }
    loop.teardown.setDaemon(true);
    loop.teardown.start();
    return loop;
  }

  private static LibFuse load() {
    try {
      return LibraryLoader.create(LibFuse.class).failImmediately().load("fuse");
    } catch (UnsatisfiedLinkError e) {
      return LibraryLoader.create(LibFuse.class).failImmediately().load("libfuse.so.2");
    }
  }

  /** Waits until the mount has been unmounted and torn down. */
  void awaitUnmounted() throws InterruptedException {
    teardown.join();
  }

  /** Starts one more worker (counted idle until it takes a request); false if it cannot. */
  private boolean addWorker() {
    synchronized (workers) {
      if (workers.size() >= MAX_THREADS) {
        return false;
      }
      Thread t = new Thread(this::serve, "lake-fuse-" + started.incrementAndGet());
      t.setDaemon(true);
      idle.incrementAndGet();
      try {
        t.start();
      } catch (OutOfMemoryError | IllegalStateException e) {
        idle.decrementAndGet();
        System.err.println("lake mount: cannot start another FUSE thread (" + e + "); " + workers.size() + " serve requests");
        return false;
      }
      workers.add(t);
      return true;
    }
  }

  /**
   * Whether the calling thread, just back from a request, ends because more than {@link
   * #MAX_IDLE} threads are idle; if so it is no longer counted or listed.
   */
  private boolean retire() {
    synchronized (workers) {
      if (idle.get() <= MAX_IDLE) {
        return false;
      }
      idle.decrementAndGet();
      workers.remove(Thread.currentThread());
      return true;
    }
  }

  private void serve() {
    int res = 0;
    boolean retired = false;
    try {
      Pointer buf = Memory.allocateDirect(runtime, (int) bufferSize);
      int eintr = -ErrorCodes.EINTR();
      while (lib.fuse_session_exited(session) == 0) {
        PointerByReference from = new PointerByReference(chan); // libfuse may name another channel
        res = lib.fuse_chan_recv(from, buf, bufferSize);
        if (res == eintr) {
          continue;
        }
        if (res <= 0) {
          break; // 0: the kernel ended the session (unmounted); libfuse marked it exited
        }
        if (idle.decrementAndGet() == 0) {
          try {
            addWorker(); // requests block: keep one thread free to receive the next
          } catch (RuntimeException | Error e) {
            System.err.println("lake mount: cannot start another FUSE thread: " + e);
          }
        }
        try {
          // A request received is always processed: the kernel waits for its answer.
          lib.fuse_session_process(session, buf, res, from.getValue());
        } finally {
          idle.incrementAndGet();
        }
        if (retire()) {
          retired = true;
          return;
        }
      }
    } catch (RuntimeException | Error e) {
      System.err.println("lake mount: a FUSE thread failed: " + e);
      res = -1;
    } finally {
      if (!retired) {
        idle.decrementAndGet();
      }
    }
    if (res < 0) {
      // Not an unmount: the other threads wait in the kernel until the mount goes away.
      lib.fuse_session_exit(session);
      onError.run();
    }
  }

  private void awaitThenTearDown() {
    while (true) {
      Thread next = null;
      synchronized (workers) {
        for (Thread t : workers) {
          if (t.isAlive()) {
            next = t;
            break;
          }
        }
      }
      if (next == null) {
        break;
      }
      try {
        next.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    // Unmounts if still mounted, calls destroy, frees what fuse_setup allocated.
    lib.fuse_teardown(fuse, mountpointOut);
    nativeArgs.clear();
  }
}
