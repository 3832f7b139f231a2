package dev.lake.engine;

import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.BatchScan;
import dev.lake.engine.kernel.FileScanner;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.kernel.KernelContext;
import dev.lake.engine.kernel.KernelErrors;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.scan.Scan;
import dev.lake.engine.scan.ScanBuilder;
import dev.lake.engine.types.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One version of a table: its schema, key and properties, and scans of its rows. Immutable. */
public final class Snapshot {
  private final KernelContext ctx;
  private final String tableName;
  private final TableMeta meta;

  Snapshot(KernelContext ctx, String tableName, TableMeta meta) {
    this.ctx = ctx;
    this.tableName = tableName;
    this.meta = meta;
  }

  /** The table version. */
  public long version() {
    return meta.version();
  }

  /** The commit time of this version (what time travel by timestamp compares with). */
  public Instant timestamp() {
    try {
      return Instant.ofEpochMilli(meta.kernel().getTimestamp(ctx.engine()));
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, tableName);
    }
  }

  /** The columns. */
  public Schema schema() {
    return meta.schema();
  }

  /** Primary key columns; empty when the table has none. */
  public List<String> primaryKey() {
    return meta.primaryKey();
  }

  /** Partition columns; empty when not partitioned. */
  public List<String> partitionColumns() {
    return meta.partitionColumns();
  }

  /** Table properties (Delta's configuration map). */
  public Map<String, String> properties() {
    return meta.properties();
  }

  /**
   * The data files of this version, in the order scans read them. A data file never changes
   * once written (Delta replaces files, it does not edit them), so whatever is derived from one
   * — a rendering, a cache — stays valid for every version that still holds it.
   */
  public List<DataFile> dataFiles() {
    try {
      List<DataFile> out = new java.util.ArrayList<>();
      for (ScanFile f : new FileScanner(ctx, meta.kernel(), meta.schema(), java.util.Optional.empty()).files()) {
        out.add(new DataFile(f));
      }
      return out;
    } catch (RuntimeException e) {
      throw KernelErrors.translate(e, tableName);
    }
  }

  /** All rows of one data file of this version (deletion vectors applied), in file order. */
  public Scan.BatchIterator readFile(DataFile file) {
    return new BatchScan(ctx, tableName, meta.kernel(), meta.schema(), meta.schema().columnNames(), Predicate.alwaysTrue())
        .batchesOf(file.scanFile());
  }

  /**
   * Reads one data file of this version ahead of {@link #readFile}: on a local lake the file is
   * read once, so that its bytes are in the operating system's page cache when the scan comes —
   * a caller that scans several files on a few threads reads the next files on another, instead
   * of leaving a core idle while a scan waits for the disk. Blocks while it reads. Nothing is
   * read ahead on object stores.
   *
   * @return the bytes read: the file's size on a local lake; 0 on object stores or when the file
   *     cannot be read (the scan that follows reports why)
   */
  public long readAhead(DataFile file) {
    return ctx.readAhead(file.scanFile().path());
  }

  /** Starts a scan of this version. */
  public ScanBuilder scan() {
    return new ScanBuilder() {
      private List<String> columns = meta.schema().columnNames();
      private Predicate where = Predicate.alwaysTrue();

      @Override
      public ScanBuilder select(List<String> cols) {
        this.columns = List.copyOf(cols);
        return this;
      }

      @Override
      public ScanBuilder where(Predicate predicate) {
        this.where = predicate;
        return this;
      }

      @Override
      public Scan build() {
        return new BatchScan(ctx, tableName, meta.kernel(), meta.schema(), columns, where);
      }
    };
  }

  TableMeta meta() {
    return meta;
  }
}
