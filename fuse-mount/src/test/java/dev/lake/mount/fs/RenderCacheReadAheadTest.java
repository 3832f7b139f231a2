package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which data files the mount reads ahead when a version is first read: those of the segments not
 * begun yet, in rendering order, up to {@link RenderCache#READ_AHEAD_BYTES} of them at first and
 * one more each time a renderer takes up a job, and none that a renderer has begun by the time
 * the read-ahead thread comes to it.
 */
class RenderCacheReadAheadTest {
  private static final long MB = 1L << 20;

  private final List<String> readAhead = new ArrayList<>();

  private RenderCache.SegmentJob job(String name, long bytes) {
    return new RenderCache.SegmentJob(
        name, name, bytes, () -> new RenderCache.Segment(name, Path.of(name), 0), () -> readAhead.add(name));
  }

  @Test
  void filesAreReadAheadInRenderingOrderUpToTheLimitThenOneForEachJobBegun() {
    RenderCache.SegmentJob begun = job("begun", 10 * MB);
    begun.get(); // a reader rendered it already
    List<RenderCache.SegmentJob> jobs =
        List.of(begun, job("a", 100 * MB), job("b", 100 * MB), job("c", 100 * MB), job("d", MB), job("e", MB));
    List<Runnable> rendering = new ArrayList<>();
    List<Runnable> reading = new ArrayList<>();

    RenderCache.startRendering(jobs, rendering::add, reading::add);

    assertThat(rendering).hasSize(5); // every job not begun, in order
    assertThat(reading).hasSize(3); // a, b and c at once: 300 MB reach the 256 MB limit
    rendering.get(0).run(); // a renderer takes up a: d is queued
    assertThat(reading).hasSize(4);
    jobs.get(2).get(); // b begun by a reader before the read-ahead thread comes to it
    reading.forEach(Runnable::run);
    assertThat(readAhead).containsExactly("c", "d"); // a and b were begun by then
    rendering.get(1).run(); // a renderer takes up b (a reader rendered it): e is queued all the same
    assertThat(reading).hasSize(5);
    rendering.get(2).run(); // c taken up: nothing left to queue
    assertThat(reading).hasSize(5);
    reading.get(4).run();
    assertThat(readAhead).containsExactly("c", "d", "e");
    assertThat(RenderCache.READ_AHEAD_BYTES).isEqualTo(256 * MB);
  }

  @Test
  void aSkippedSegmentIsNotReadAhead() {
    RenderCache.SegmentJob dropped = job("dropped", MB);
    List<Runnable> reading = new ArrayList<>();
    RenderCache.startRendering(List.of(dropped), r -> {}, reading::add);
    dropped.skip(); // no version kept needs it any more
    reading.forEach(Runnable::run);
    assertThat(readAhead).isEmpty();
  }
}
