package dev.lake.engine.kernel;

import dev.lake.engine.kernel.local.LocalFileIO;
import dev.lake.engine.kernel.parquet.LakeParquetHandler;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.metrics.MetricsReport;
import io.delta.kernel.metrics.ScanReport;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * Kernel's default engine with lake's Parquet reader in front of Kernel's, plus a way to receive the scan report of a scan the current thread
 * runs: Kernel publishes a scan's file counts (before and after data skipping) only through
 * metrics reporters, which are engine-wide.
 */
public final class KernelEngine implements Engine {
  private static final ThreadLocal<Consumer<ScanReport>> SCAN_LISTENER = new ThreadLocal<>();

  private final DefaultEngine delegate;
  private final List<MetricsReporter> reporters;
  private final ParquetHandler parquet;

  /** Kernel's default engine doing its file I/O through {@code fileIO}. */
  public KernelEngine(FileIO fileIO) {
    this.delegate = DefaultEngine.create(fileIO);
    // Flat files are read column by column into arrays; Kernel's record-assembling reader
    // remains for the rest (see LakeParquetHandler).
    this.parquet = new LakeParquetHandler(fileIO, delegate.getParquetHandler());
    this.reporters = List.of(KernelEngine::report);
  }

  /** An engine for files on the local disk (imports), with settings from {@code conf}. */
  public static KernelEngine forLocalFiles(Configuration conf) {
    return new KernelEngine(new LocalFileIO(conf));
  }

  /** Runs {@code action}, handing scan reports it causes on this thread to {@code listener}. */
  public static void withScanListener(Consumer<ScanReport> listener, Runnable action) {
    Consumer<ScanReport> previous = SCAN_LISTENER.get();
    SCAN_LISTENER.set(listener);
    try {
      action.run();
    } finally {
      SCAN_LISTENER.set(previous);
    }
  }

  private static void report(MetricsReport report) {
    Consumer<ScanReport> listener = SCAN_LISTENER.get();
    if (listener != null && report instanceof ScanReport scan) {
      listener.accept(scan);
    }
  }

  @Override
  public ExpressionHandler getExpressionHandler() {
    return delegate.getExpressionHandler();
  }

  @Override
  public JsonHandler getJsonHandler() {
    return delegate.getJsonHandler();
  }

  @Override
  public FileSystemClient getFileSystemClient() {
    return delegate.getFileSystemClient();
  }

  @Override
  public ParquetHandler getParquetHandler() {
    return parquet;
  }

  @Override
  public List<MetricsReporter> getMetricsReporters() {
    return reporters;
  }
}
