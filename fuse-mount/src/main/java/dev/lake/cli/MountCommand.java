package dev.lake.cli;

import dev.lake.engine.Lake;
import dev.lake.mount.Mount;
import dev.lake.mount.fs.MountWarmup;
import dev.lake.mount.jnr.JnrFuseFs;
import dev.lake.mount.fs.StaleStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake mount LOCATION MOUNTPOINT}: every table a directory with an editable data.csv. */
@Command(
    name = "mount",
    mixinStandardHelpOptions = true,
    description = {
      "Mount a lake: each table is a directory whose data.csv is the table as CSV. Reading is a",
      "query; writing (echo >>, cat >, cp, sed -i, vim) is one Delta commit. Runs in the",
      "foreground; Ctrl-C or SIGTERM unmounts. See docs/SEMANTICS.md."
    })
final class MountCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LOCATION", description = "The lake.")
  String location;

  @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing empty directory.")
  Path mountPoint;

  @Option(names = "--read-only", description = "Refuse every change (EROFS).")
  boolean readOnly;

  @Option(names = "-o", paramLabel = "OPTION", description = "Extra FUSE option, passed through (repeatable).")
  List<String> options = new ArrayList<>();

  @Option(
      names = "--no-warmup",
      description = "Do not warm up the read and write paths on a scratch table after mounting (see docs/SEMANTICS.md).")
  boolean noWarmup;

  @picocli.CommandLine.Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(mountPoint)) {
      throw new dev.lake.engine.error.NotFoundException("mount point " + mountPoint + " is not a directory");
    }
    Lake lake = Lake.open(location, storage.map());
    System.err.println("lake: mounting " + location + " at " + mountPoint + (readOnly ? " (read-only)" : "")
        + "; Ctrl-C to unmount");
    // What mounts killed earlier left in the temporary directory (renderings can be large).
    StaleStaging.clean(Path.of(System.getProperty("java.io.tmpdir")));
    if (!noWarmup) {
      MountWarmup.start(StaleStaging.create("lake-warmup-"), JnrFuseFs::reads, (l, at, staging) -> Mount.scratch(l, at, staging)::close);
    }
    try (Mount m = Mount.mount(lake, mountPoint.toAbsolutePath(), readOnly, options, true)) {
      return 0;
    }
  }
}
