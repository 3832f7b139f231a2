package dev.lake.engine.maintenance;

import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.expr.Predicate;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@code Table.optimize} does. Immutable: every {@code with}-style method returns a copy.
 *
 * <ul>
 *   <li>{@link #where}: restricts OPTIMIZE to the partitions the predicate selects. As in Delta
 *       ({@code OPTIMIZE ... WHERE}), the predicate may reference partition columns only; a
 *       predicate on any other column (or an unknown one) is refused with an
 *       {@link InvalidInputException} naming the column, before anything is read or written.
 *   <li>{@link #zOrderBy}: instead of compacting small files, rewrites every file in scope of
 *       each partition sorted along a Z-order curve of these columns, so that file stats skip
 *       files for predicates on any of them.
 *   <li>{@link #targetFileSizeBytes}: the size new files aim for, and the most a bin of small
 *       files may add up to. Default: the table property {@code delta.targetFileSize} when set,
 *       else {@value #DEFAULT_TARGET_FILE_SIZE} bytes (128 MiB).
 *   <li>{@link #minFileSizeBytes}: files smaller than this are compaction candidates. Default:
 *       half the target — a file a previous OPTIMIZE produced is then not compacted again, so
 *       running OPTIMIZE twice in a row commits nothing the second time.
 * </ul>
 */
public final class OptimizeOptions {
  /** The target file size when neither the options nor the table set one: 128 MiB. */
  public static final long DEFAULT_TARGET_FILE_SIZE = 128L * 1024 * 1024;

  private static final OptimizeOptions DEFAULTS =
      new OptimizeOptions(Predicate.alwaysTrue(), List.of(), OptionalLong.empty(), OptionalLong.empty(), null);

  private final Predicate where;
  private final List<String> zOrderBy;
  private final OptionalLong targetFileSize;
  private final OptionalLong minFileSize;
  /** Test seam: runs once, after the first plan and before its commit (to stage a race). */
  final Runnable afterFirstPlan;

  private OptimizeOptions(
      Predicate where, List<String> zOrderBy, OptionalLong target, OptionalLong min, Runnable afterFirstPlan) {
    this.where = where;
    this.zOrderBy = zOrderBy;
    this.targetFileSize = target;
    this.minFileSize = min;
    this.afterFirstPlan = afterFirstPlan;
  }

  /** Bin-packing of every partition, default sizes. */
  public static OptimizeOptions defaults() {
    return DEFAULTS;
  }

  /** Restricts OPTIMIZE to the partitions where {@code predicate} holds (partition columns only). */
  public OptimizeOptions where(Predicate predicate) {
    if (predicate == null) {
      throw new InvalidInputException("OPTIMIZE WHERE: the predicate is missing");
    }
    return new OptimizeOptions(predicate, zOrderBy, targetFileSize, minFileSize, afterFirstPlan);
  }

  /**
   * Z-orders by these columns (an empty list means plain bin-packing). Each must be a data
   * column (not a partition column) of a type with an order (not a list, map or struct).
   */
  public OptimizeOptions zOrderBy(List<String> columns) {
    if (columns == null) {
      throw new InvalidInputException("ZORDER BY: the column list is missing");
    }
    for (int i = 0; i < columns.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (columns.get(i).equalsIgnoreCase(columns.get(j))) {
          throw new InvalidInputException("ZORDER BY: column " + columns.get(i) + " is listed twice");
        }
      }
    }
    return new OptimizeOptions(where, List.copyOf(columns), targetFileSize, minFileSize, afterFirstPlan);
  }

  /** The size new files aim for, in bytes (positive). */
  public OptimizeOptions targetFileSizeBytes(long bytes) {
    if (bytes <= 0) {
      throw new InvalidInputException("OPTIMIZE: targetFileSize must be positive, got " + bytes);
    }
    return new OptimizeOptions(where, zOrderBy, OptionalLong.of(bytes), minFileSize, afterFirstPlan);
  }

  /** Files below this size (bytes, positive) are compaction candidates. */
  public OptimizeOptions minFileSizeBytes(long bytes) {
    if (bytes <= 0) {
      throw new InvalidInputException("OPTIMIZE: minFileSize must be positive, got " + bytes);
    }
    return new OptimizeOptions(where, zOrderBy, targetFileSize, OptionalLong.of(bytes), afterFirstPlan);
  }

  /** Test seam: {@code hook} runs once, after the first plan and before its commit. */
  OptimizeOptions afterFirstPlan(Runnable hook) {
    return new OptimizeOptions(where, zOrderBy, targetFileSize, minFileSize, hook);
  }

  /** The partition predicate (always TRUE when not restricted). */
  public Predicate where() {
    return where;
  }

  /** The Z-order columns; empty for bin-packing. */
  public List<String> zOrderBy() {
    return zOrderBy;
  }

  /** The target file size, if set here. */
  public OptionalLong targetFileSize() {
    return targetFileSize;
  }

  /** The compaction threshold, if set here. */
  public OptionalLong minFileSize() {
    return minFileSize;
  }
}
