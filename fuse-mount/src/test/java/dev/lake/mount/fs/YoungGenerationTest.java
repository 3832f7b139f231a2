package dev.lake.mount.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class YoungGenerationTest {
  @Test
  void fillingTheYoungGenerationEndsRightAfterACollection() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    long eden = YoungGeneration.edenBytes();
    assertThat(eden).as("the test JVM's collector has an eden").isPositive();
    long before = YoungGeneration.collections(collectors);

    long allocated = YoungGeneration.fillOnce();

    assertThat(YoungGeneration.collections(collectors)).isGreaterThan(before);
    assertThat(allocated).isPositive().isLessThanOrEqualTo(2 * eden + (1 << 20));
  }

  @Test
  void anEdenLargerThanTheLimitIsLeftAlone() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    long before = YoungGeneration.collections(collectors);

    assertThat(YoungGeneration.edenBytes()).as("the test JVM's collector has an eden").isPositive();
    assertThat(YoungGeneration.fillOnce(0)).isZero();

    assertThat(YoungGeneration.collections(collectors)).as("no collection forced").isEqualTo(before);
  }
}
