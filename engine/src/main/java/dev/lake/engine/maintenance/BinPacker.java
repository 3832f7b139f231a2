package dev.lake.engine.maintenance;

import dev.lake.engine.kernel.ScanFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups one partition's compaction candidates into bins of at most the target size, smallest
 * files first (Delta's OPTIMIZE does the same): a bin is closed when the next file would push it
 * past the target. Only bins worth rewriting are returned: two or more files, or a file with a
 * deletion vector (rewriting it purges the deleted rows for good).
 */
final class BinPacker {
  private BinPacker() {}

  static List<List<ScanFile>> pack(List<ScanFile> candidates, long targetSize) {
    List<ScanFile> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingLong(ScanFile::size).thenComparing(ScanFile::path));
    List<List<ScanFile>> bins = new ArrayList<>();
    List<ScanFile> bin = new ArrayList<>();
    long binSize = 0;
    for (ScanFile f : sorted) {
      if (!bin.isEmpty() && binSize + f.size() > targetSize) {
        bins.add(bin);
        bin = new ArrayList<>();
        binSize = 0;
      }
      bin.add(f);
      binSize += f.size();
    }
    if (!bin.isEmpty()) {
      bins.add(bin);
    }
    bins.removeIf(b -> b.size() < 2 && b.stream().noneMatch(ScanFile::hasDeletionVector));
    return bins;
  }
}
