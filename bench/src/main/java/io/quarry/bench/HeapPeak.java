package io.quarry.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The JVM heap's peak use over a stretch of time: the sum of each heap pool's peak since the last
 * reset (an upper bound, as pools peak at different moments). Arrow buffers live off-heap and are
 * not included.
 */
final class HeapPeak {
  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
          .toList();

  void reset() {
    for (MemoryPoolMXBean p : pools) {
      p.resetPeakUsage();
    }
  }

  long peakBytes() {
    long total = 0;
    for (MemoryPoolMXBean p : pools) {
      total += p.getPeakUsage().getUsed();
    }
    return total;
  }
}
