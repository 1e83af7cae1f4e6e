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
  private final AtomicLong partitioned = new AtomicLong();
  private final AtomicLong partitionsReused = new AtomicLong();
  private final AtomicLong partitionRows = new AtomicLong();
  private final AtomicLong partitionBytes = new AtomicLong();
  private final AtomicLong relayedBytes = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong resultBytesFetched = new AtomicLong();

  /**
   * A snapshot, as the {@code quarry.stats} action reports it. {@code joinsServed}: served
   * fragments that joined stored results (a broadcast build side, or the partitions of a
   * repartitioned join); {@code resultsFetched} and {@code resultBytesFetched}: stored results
   * this node fetched from other nodes, and their bytes; {@code resultsRead}: results read to
   * hash a build (fragments that share a build read it once). {@code partitioned}: leaf fragments
   * this node ran and hash-partitioned into stored results for a repartitioned join (for another
   * coordinator or for itself), with their rows and Arrow bytes; {@code partitionsReused}:
   * requests answered with partitions stored before. As a coordinator: {@code relayedBytes}, the
   * Arrow bytes of join inputs it computed and partitioned itself because they were not leaf
   * fragments; {@code bytesReceived}, the Arrow bytes of fragment streams it received.
   */
  public record Snapshot(
      long served,
      long rowsSent,
      long bytesSent,
      long dispatched,
      long retried,
      long joinsServed,
      long resultsFetched,
      long resultsRead,
      long partitioned,
      long partitionsReused,
      long partitionRows,
      long partitionBytes,
      long relayedBytes,
      long bytesReceived,
      long resultBytesFetched) {}

  void served(long rows, long bytes) {
    served.incrementAndGet();
    rowsSent.addAndGet(rows);
    bytesSent.addAndGet(bytes);
  }

  void joinServed() {
    joinsServed.incrementAndGet();
  }

  void resultFetched(long bytes) {
    resultsFetched.incrementAndGet();
    resultBytesFetched.addAndGet(bytes);
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

  void partitioned(long rows, long bytes) {
    partitioned.incrementAndGet();
    partitionRows.addAndGet(rows);
    partitionBytes.addAndGet(bytes);
  }

  void partitionsReused() {
    partitionsReused.incrementAndGet();
  }

  void relayed(long bytes) {
    relayedBytes.addAndGet(bytes);
  }

  void received(long bytes) {
    bytesReceived.addAndGet(bytes);
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
        resultsRead.get(),
        partitioned.get(),
        partitionsReused.get(),
        partitionRows.get(),
        partitionBytes.get(),
        relayedBytes.get(),
        bytesReceived.get(),
        resultBytesFetched.get());
  }
}
