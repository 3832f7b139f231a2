package dev.lake.engine.maintenance;

import dev.lake.engine.error.InvalidInputException;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code Table.vacuum} does. Immutable.
 *
 * <ul>
 *   <li>{@link #retain}: how long removed files stay for time travel and for readers of older
 *       versions. Default: the table property {@code delta.deletedFileRetentionDuration} when set
 *       (Delta's {@code interval N days|hours|...} syntax), else 168 hours (Delta's default).
 *   <li>{@link #allowShortRetention}: a retention shorter than the table's is refused (as Delta's
 *       {@code spark.databricks.delta.retentionDurationCheck.enabled} does) unless this is true:
 *       a short retention can delete files that a running reader or writer still needs.
 *   <li>{@link #dryRun}: list what would be deleted, delete nothing.
 * </ul>
 */
public final class VacuumOptions {
  /** Delta's default {@code delta.deletedFileRetentionDuration}: 7 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(168);
  /** Paths listed in a {@link VacuumResult} at most (the counts always cover every file). */
  public static final int MAX_LISTED_PATHS = 10_000;

  private static final VacuumOptions DEFAULTS = new VacuumOptions(Optional.empty(), false, false);

  private final Optional<Duration> retain;
  private final boolean dryRun;
  private final boolean allowShortRetention;

  private VacuumOptions(Optional<Duration> retain, boolean dryRun, boolean allowShortRetention) {
    this.retain = retain;
    this.dryRun = dryRun;
    this.allowShortRetention = allowShortRetention;
  }

  /** The table's retention, deleting for real, with the retention check on. */
  public static VacuumOptions defaults() {
    return DEFAULTS;
  }

  /** Keeps files removed less than {@code retention} ago (zero or positive). */
  public VacuumOptions retain(Duration retention) {
    if (retention == null || retention.isNegative()) {
      throw new InvalidInputException("VACUUM: retain must be zero or positive, got " + retention);
    }
    return new VacuumOptions(Optional.of(retention), dryRun, allowShortRetention);
  }

  /** True to list the files without deleting them. */
  public VacuumOptions dryRun(boolean dryRun) {
    return new VacuumOptions(retain, dryRun, allowShortRetention);
  }

  /** True to allow a retention below the table's {@code delta.deletedFileRetentionDuration}. */
  public VacuumOptions allowShortRetention(boolean allow) {
    return new VacuumOptions(retain, dryRun, allow);
  }

  /** The retention, if set here. */
  public Optional<Duration> retain() {
    return retain;
  }

  /** Whether this is a dry run. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Whether a retention below the table's is allowed. */
  public boolean allowShortRetention() {
    return allowShortRetention;
  }
}
