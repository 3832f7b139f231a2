package dev.lake.mount.jnr;

import dev.lake.mount.fs.Attr;
import dev.lake.mount.fs.Errno;
import dev.lake.mount.fs.FsError;
import dev.lake.mount.fs.FsOps;
import dev.lake.mount.fs.MountWarmup;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseException;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.FuseOperations;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * jnr-fuse's callbacks translated to lake's {@link FsOps}: structs filled, buffers copied,
 * {@link FsError}s turned into negative errnos of the running platform. No filesystem logic.
 */
public final class JnrFuseFs extends FuseStubFS {
  /**
   * Transfer buffers for writes (and reads into a non-direct pointer), pooled: a few buffers serve
   * however many FUSE threads there are.
   */
  private static final ConcurrentLinkedDeque<byte[]> BUFFERS = new ConcurrentLinkedDeque<>();
  private static final int BUFFER_SIZE = 1 << 17;
  private static final int POOLED = 16;
  /** At least sizeof(struct fuse_file_info) of libfuse 2 (40 bytes on 64-bit platforms). */
  private static final int FILE_INFO_BYTES = 64;
  private static final com.kenai.jffi.MemoryIO MEMORY = com.kenai.jffi.MemoryIO.getInstance();

  private final FsOps fs;
  private final long uid;
  private final long gid;

  public JnrFuseFs(FsOps fs, long uid, long gid) {
    this.fs = fs;
    this.uid = uid;
    this.gid = gid;
  }

  /**
   * This binding's read callback over {@code fs}, called as libfuse calls it (a native buffer,
   * a native file info): the mount's warm-up reads through it, so that a first {@code cat} runs
   * compiled code on this side too. Not thread-safe (one buffer).
   */
  public static MountWarmup.BindingRead reads(FsOps fs) {
    JnrFuseFs binding = new JnrFuseFs(fs, 0, 0);
    jnr.ffi.Runtime rt = jnr.ffi.Runtime.getSystemRuntime();
    Pointer buf = Memory.allocateDirect(rt, BUFFER_SIZE);
    FuseFileInfo fi = FuseFileInfo.of(Memory.allocateDirect(rt, FILE_INFO_BYTES));
    return (path, handle, offset, size) -> {
      fi.fh.set(handle);
      int n = binding.read(path, buf, Math.min(size, BUFFER_SIZE), offset, fi);
      if (n < 0) {
        throw new FsError(Errno.EIO, "read " + path + " failed: errno " + -n);
      }
      return n;
    };
  }

  /**
   * Mounts and serves requests from Java threads ({@link FuseLoop}) rather than from the threads
   * of libfuse's {@code fuse_main}: the same libfuse, options and lifecycle, without attaching a
   * native thread to the JVM for every request. A mount that fails, fails here (libfuse says why
   * on stderr).
   *
   * @param blocking true to return only once unmounted
   */
  @Override
  public void mount(Path mountPoint, boolean blocking, boolean debug, String[] fuseOpts) {
    if (!mounted.compareAndSet(false, true)) {
      throw new FuseException("already mounted at " + this.mountPoint);
    }
    this.mountPoint = mountPoint;
    List<String> args = new ArrayList<>(List.of("lake", "-f"));
    if (debug) {
      args.add("-d");
    }
    args.add(mountPoint.toAbsolutePath().toString());
    args.addAll(List.of(fuseOpts));
    FuseLoop loop;
    try {
      setNullPathOk(fuseOperations);
      loop = FuseLoop.start(fuseOperations, args.toArray(new String[0]), this::umount);
    } catch (RuntimeException e) {
      mounted.set(false);
      throw e;
    }
    if (blocking) {
      try {
        loop.awaitUnmounted();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private interface Op {
    int run();
  }

  /**
   * Sets {@code fuse_operations.flag_nullpath_ok}: libfuse then goes on passing the requests of a
   * file that was open when its name went away (rm, or sed -i and vim renaming a new data.csv
   * onto it) — with no path, which this file system does not need: an open file is known by its
   * handle. Without the flag libfuse answers them ENOENT itself, where Unix lets a reader finish
   * what it opened. jnr-fuse declares the C bit field as one byte per flag and keeps the members'
   * offsets package-private; the flag is the lowest bit of the field's first byte (little-endian
   * machines, which is what libfuse 2 runs on here).
   */
  private static void setNullPathOk(FuseOperations ops) {
    try {
      Method offset = Class.forName("jnr.ffi.Struct$Member").getDeclaredMethod("offset");
      offset.setAccessible(true);
      long at = (long) offset.invoke(ops.flag_nullpath_ok);
      Pointer memory = Struct.getMemory(ops);
      memory.putByte(at, (byte) (memory.getByte(at) | 1));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new FuseException("cannot set flag_nullpath_ok in jnr-fuse's fuse_operations: " + e, e);
    }
  }

  private static int call(String what, String path, Op op) {
    try {
      return op.run();
    } catch (FsError e) {
      return -errno(e.errno());
    } catch (RuntimeException | Error e) {
      System.err.println("lake mount: " + what + " " + path + " failed: " + e);
      return -ErrorCodes.EIO();
    }
  }

  static int errno(Errno e) {
    switch (e) {
      case ENOENT:
        return ErrorCodes.ENOENT();
      case EIO:
        return ErrorCodes.EIO();
      case EACCES:
        return ErrorCodes.EACCES();
      case EEXIST:
        return ErrorCodes.EEXIST();
      case ENOTDIR:
        return ErrorCodes.ENOTDIR();
      case EISDIR:
        return ErrorCodes.EISDIR();
      case EINVAL:
        return ErrorCodes.EINVAL();
      case ENOTEMPTY:
        return ErrorCodes.ENOTEMPTY();
      case EROFS:
        return ErrorCodes.EROFS();
      case EPERM:
        return ErrorCodes.EPERM();
      case EAGAIN:
        return ErrorCodes.EAGAIN();
      case EOPNOTSUPP:
        // ErrorCodes.ENOTSUP() answers the macOS number on Linux; EOPNOTSUPP is right everywhere.
        return ErrorCodes.EOPNOTSUPP();
      default:
        return ErrorCodes.EIO();
    }
  }

  private static byte[] borrow(long size) {
    if (size > BUFFER_SIZE) {
      return new byte[(int) size];
    }
    byte[] b = BUFFERS.pollFirst();
    return b != null ? b : new byte[BUFFER_SIZE];
  }

  private static void giveBack(byte[] b) {
    if (b.length == BUFFER_SIZE && BUFFERS.size() < POOLED) {
      BUFFERS.offerFirst(b);
    }
  }

  @Override
  public int getattr(String path, FileStat stat) {
    return call("getattr", path, () -> {
      fill(stat, fs.getattr(path));
      return 0;
    });
  }

  @Override
  public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
    return call("fgetattr", path, () -> {
      fill(stat, fs.getattr(fi.fh.get()));
      return 0;
    });
  }

  private void fill(FileStat stat, Attr a) {
    int perm = a.directory() ? (a.writable() ? 0755 : 0555) : (a.writable() ? 0644 : 0444);
    stat.st_mode.set((a.directory() ? FileStat.S_IFDIR : FileStat.S_IFREG) | perm);
    stat.st_nlink.set(a.directory() ? 2 : 1);
    stat.st_size.set(a.size());
    stat.st_uid.set(uid);
    stat.st_gid.set(gid);
    stat.st_blksize.set(4096);
    stat.st_blocks.set((a.size() + 511) / 512);
    long sec = Math.floorDiv(a.mtimeMillis(), 1000);
    long nsec = Math.floorMod(a.mtimeMillis(), 1000) * 1_000_000L + a.mtimeSubMillis();
    for (Timespec t : new Timespec[] {stat.st_mtim, stat.st_ctim, stat.st_atim}) {
      t.tv_sec.set(sec);
      t.tv_nsec.set(nsec);
    }
  }

  @Override
  public int readdir(String path, Pointer buf, FuseFillDir filter, @off_t long offset, FuseFileInfo fi) {
    return call("readdir", path, () -> {
      filter.apply(buf, ".", null, 0);
      filter.apply(buf, "..", null, 0);
      for (String name : fs.readdir(path)) {
        filter.apply(buf, name, null, 0);
      }
      return 0;
    });
  }

  @Override
  public int open(String path, FuseFileInfo fi) {
    return call("open", path, () -> {
      fi.fh.set(fs.open(path, fi.flags.get()));
      return 0;
    });
  }

  @Override
  public int create(String path, @mode_t long mode, FuseFileInfo fi) {
    return call("create", path, () -> {
      fi.fh.set(fs.create(path, fi.flags.get()));
      return 0;
    });
  }

  @Override
  public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
    return call("read", path, () -> {
      if (buf.isDirect() && size <= Integer.MAX_VALUE) {
        // The reply buffer itself, as a ByteBuffer: a rendered file is read from the page cache
        // straight into it (one copy, where a heap array cost two more per 128 KiB request).
        return fs.read(fi.fh.get(), offset, MEMORY.newDirectByteBuffer(buf.address(), (int) size));
      }
      byte[] b = borrow(size);
      try {
        int n = fs.read(fi.fh.get(), offset, ByteBuffer.wrap(b, 0, (int) size));
        buf.put(0, b, 0, n);
        return n;
      } finally {
        giveBack(b);
      }
    });
  }

  @Override
  public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
    return call("write", path, () -> {
      byte[] b = borrow(size);
      try {
        buf.get(0, b, 0, (int) size);
        return fs.write(fi.fh.get(), offset, b, (int) size);
      } finally {
        giveBack(b);
      }
    });
  }

  @Override
  public int truncate(String path, @off_t long size) {
    return call("truncate", path, () -> {
      fs.truncate(path, size, -1);
      return 0;
    });
  }

  @Override
  public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
    return call("ftruncate", path, () -> {
      fs.truncate(path, size, fi.fh.get());
      return 0;
    });
  }

  @Override
  public int flush(String path, FuseFileInfo fi) {
    return call("flush", path, () -> {
      fs.flush(fi.fh.get());
      return 0;
    });
  }

  @Override
  public int fsync(String path, int isdatasync, FuseFileInfo fi) {
    return call("fsync", path, () -> {
      fs.fsync(fi.fh.get());
      return 0;
    });
  }

  @Override
  public int release(String path, FuseFileInfo fi) {
    return call("release", path, () -> {
      fs.release(fi.fh.get());
      return 0;
    });
  }

  @Override
  public int unlink(String path) {
    return call("unlink", path, () -> {
      fs.unlink(path);
      return 0;
    });
  }

  @Override
  public int mkdir(String path, @mode_t long mode) {
    return call("mkdir", path, () -> {
      fs.mkdir(path);
      return 0;
    });
  }

  @Override
  public int rmdir(String path) {
    return call("rmdir", path, () -> {
      fs.rmdir(path);
      return 0;
    });
  }

  @Override
  public int rename(String oldpath, String newpath) {
    return call("rename", oldpath, () -> {
      fs.rename(oldpath, newpath);
      return 0;
    });
  }

  /** Permissions and times are the table's: accepted and ignored (touch, cp -p, vim). */
  @Override
  public int chmod(String path, @mode_t long mode) {
    return call("chmod", path, () -> {
      fs.getattr(path);
      return 0;
    });
  }

  @Override
  public int chown(String path, long uid, long gid) {
    return call("chown", path, () -> {
      fs.getattr(path);
      return 0;
    });
  }

  @Override
  public int utimens(String path, Timespec[] timespec) {
    return call("utimens", path, () -> {
      fs.getattr(path);
      return 0;
    });
  }
}
