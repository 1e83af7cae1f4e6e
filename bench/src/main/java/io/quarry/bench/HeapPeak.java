package io.quarry.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * How far the JVM heap grew over a stretch of time: the sum of each heap pool's peak since the last
 * reset, less what the pools held at the reset (an upper bound, as pools peak at different moments
 * and garbage not yet collected counts). Arrow buffers live off-heap and are not included.
 */
final class HeapPeak {
  private final List<MemoryPoolMXBean> pools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
          .toList();

  private long baseline;

  void reset() {
    long used = 0;
    for (MemoryPoolMXBean p : pools) {
      p.resetPeakUsage();
      used += p.getUsage().getUsed();
    }
    baseline = used;
  }

  long peakBytes() {
    long total = 0;
    for (MemoryPoolMXBean p : pools) {
      total += p.getPeakUsage().getUsed();
    }
    return Math.max(0, total - baseline);
  }
}
