package dev.lake.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws a progress bar on the terminal (stderr) for long operations; silent when stderr is not
 * a terminal, so scripts and pipes get clean output.
 */
final class ProgressReporter implements AutoCloseable {
  private final boolean enabled;
  private ProgressBar bar;
  private String phase;

  private ProgressReporter(boolean enabled) {
    this.enabled = enabled;
  }

  /** A reporter that draws only when wanted and a console is attached. */
  static ProgressReporter forTerminal(boolean wanted) {
    return new ProgressReporter(wanted && System.console() != null);
  }

  void update(String newPhase, long done, long total, long rows) {
    if (!enabled) {
      return;
    }
    if (bar == null || !newPhase.equals(phase)) {
      close();
      phase = newPhase;
      bar =
          new ProgressBarBuilder()
              .setTaskName(newPhase)
              .setInitialMax(Math.max(total, 1))
              .setUnit(" MiB", 1 << 20)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .continuousUpdate()
              .build();
    }
    bar.stepTo(Math.min(done, bar.getMax()));
    bar.setExtraMessage(rows + " rows");
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
