package dev.lake.engine.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.utils.FileStatus;
import java.util.Optional;

/**
 * One data file of a snapshot as Kernel's scan returns it, plus what a rewrite needs: its remove
 * action. Hides Kernel's internal action classes from the rest of the engine.
 */
public final class ScanFile {
  private final Row scanFileRow;

  ScanFile(Row scanFileRow) {
    this.scanFileRow = scanFileRow;
  }

  Row row() {
    return scanFileRow;
  }

  /** Path, size and modification time of the file. */
  public FileStatus status() {
    return InternalScanFileUtils.getAddFileStatus(scanFileRow);
  }

  /** The file's path as recorded in the log (absolute). */
  public String path() {
    return status().getPath();
  }

  /** Rows in the file according to its stats, if recorded (deletion vectors not subtracted). */
  public Optional<Long> numRecords() {
    return addFile().getNumRecords();
  }

  /** True when rows of the file are deleted through a deletion vector (written by another engine). */
  public boolean hasDeletionVector() {
    return addFile().getDeletionVector().isPresent();
  }

  /** The tags of the file's add action (empty when it has none). */
  public java.util.Map<String, String> tags() {
    return addFile().getTags().map(VectorUtils::<String, String>toJavaMap).orElse(java.util.Map.of());
  }

  /** A stable identifier of the file's deletion vector, or "" if it has none. */
  public String deletionVectorId() {
    return addFile().getDeletionVector().map(dv -> dv.getUniqueId()).orElse("");
  }

  /** A {@code remove} action for this file, to commit next to the files that replace it. */
  public Row removeAction() {
    return removeAction(true);
  }

  /**
   * A {@code remove} action for this file; {@code dataChange = false} marks a rearrangement
   * (OPTIMIZE) that readers of the change stream may ignore.
   */
  public Row removeAction(boolean dataChange) {
    return SingleAction.createRemoveFileSingleAction(
        addFile().toRemoveFileRow(dataChange, Optional.of(System.currentTimeMillis())));
  }

  /** The file's size in bytes, as its add action records it. */
  public long size() {
    return addFile().getSize();
  }

  /** The file's partition values as the log stores them (strings; null for a NULL value). */
  public java.util.Map<String, String> partitionValues() {
    return InternalScanFileUtils.getPartitionValues(scanFileRow);
  }

  /**
   * The absolute path of the file's deletion vector file, when it has one stored in a file of
   * its own (inline deletion vectors have none).
   */
  public Optional<String> deletionVectorFile(String tablePath) {
    return addFile().getDeletionVector().filter(dv -> dv.isOnDisk()).map(dv -> dv.getAbsolutePath(tablePath));
  }

  private AddFile addFile() {
    return new AddFile(scanFileRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
  }
}
