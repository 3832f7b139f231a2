package dev.lake.engine.imports;

/** Receives progress of an import, e.g. to draw a progress bar. Called from the importing thread. */
@FunctionalInterface
public interface ImportProgress {
  /**
   * @param phase what is happening ("inferring schema", "loading")
   * @param done bytes of input consumed in this phase
   * @param total bytes of input in all (-1 if unknown)
   * @param rows rows read so far in this phase
   */
  void update(String phase, long done, long total, long rows);

  /** Progress that goes nowhere. */
  ImportProgress NONE = (phase, done, total, rows) -> {};
}
