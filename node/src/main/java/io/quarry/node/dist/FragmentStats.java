package io.quarry.node.dist;

import java.util.concurrent.atomic.AtomicLong;

/** What a node did for distributed queries: fragments it ran for others, rows and bytes it sent. */
public final class FragmentStats {
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong rowsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong dispatched = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong joinsServed = new AtomicLong();
  private final AtomicLong resultsFetched = new AtomicLong();
  private final AtomicLong resultsRead = new AtomicLong();

  /**
   * A snapshot, as the {@code quarry.stats} action reports it. {@code joinsServed}: served
   * fragments that joined a shard with a broadcast build side; {@code resultsFetched}: broadcast
   * results this node fetched from coordinators; {@code resultsRead}: broadcast results read to
   * hash a build (fragments that share a build read it once).
   */
  public record Snapshot(
      long served,
      long rowsSent,
      long bytesSent,
      long dispatched,
      long retried,
      long joinsServed,
      long resultsFetched,
      long resultsRead) {}

  void served(long rows, long bytes) {
    served.incrementAndGet();
    rowsSent.addAndGet(rows);
    bytesSent.addAndGet(bytes);
  }

  void joinServed() {
    joinsServed.incrementAndGet();
  }

  void resultFetched() {
    resultsFetched.incrementAndGet();
  }

  void resultRead() {
    resultsRead.incrementAndGet();
  }

  void dispatched() {
    dispatched.incrementAndGet();
  }

  void retried() {
    retried.incrementAndGet();
  }

  public Snapshot snapshot() {
    return new Snapshot(
        served.get(),
        rowsSent.get(),
        bytesSent.get(),
        dispatched.get(),
        retried.get(),
        joinsServed.get(),
        resultsFetched.get(),
        resultsRead.get());
  }
}
