package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A fragment computed ahead runs once, hands its batches to its reader without a copy, and its
 * reader waits only for work that has started; nothing it allocated outlives it.
 */
class AheadRunsTest {
  private static final List<Column> COLUMNS = List.of(new Column("v", DataType.of(TypeKind.BIGINT)));

  private static FragmentKey key(String s) {
    return new FragmentKey(
        Cid.v1(Multicodec.RAW, Multihash.sha256(s.getBytes(StandardCharsets.UTF_8))),
        FragmentKey.Kind.FRAGMENT);
  }

  private static AheadRuns.Output rows(BufferAllocator allocator, long... values) {
    List<List<Object>> rows = new java.util.ArrayList<>();
    for (long v : values) {
      rows.add(List.of(v));
    }
    return new AheadRuns.Output(List.of(Batches.fromRows(COLUMNS, rows, allocator)), null);
  }

  @Test
  void aReaderWaitsForARunThatStartedAndTakesItsBatches() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (RootAllocator root = new RootAllocator()) {
      BufferAllocator ahead = root.newChildAllocator("ahead", 0, Long.MAX_VALUE);
      BufferAllocator reader = root.newChildAllocator("reader", 0, Long.MAX_VALUE);
      AheadRuns runs = new AheadRuns();
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch cleanUp = new CountDownLatch(1);
      AtomicInteger ran = new AtomicInteger();
      AtomicInteger released = new AtomicInteger();
      assertTrue(
          runs.start(
              key("a"),
              pool,
              publish -> {
                started.countDown();
                await(release);
                ran.incrementAndGet();
                publish.accept(rows(ahead, 7, 8, 9));
                await(cleanUp); // the task goes on after its reader has the batches
              },
              () -> {
                released.incrementAndGet();
                ahead.close();
              }));
      assertFalse(
          runs.start(key("a"), pool, publish -> {}, released::incrementAndGet), "one run per key");
      assertEquals(1, released.get(), "a run not started releases at once");
      assertTrue(started.await(10, TimeUnit.SECONDS));
      assertTrue(runs.has(key("a")));
      Thread releaser = new Thread(release::countDown);
      releaser.start();
      AheadRuns.Claimed claimed = runs.claim(key("a"), reader);
      assertNotNull(claimed, "the reader waited for the run");
      assertEquals(1, ran.get());
      assertEquals(1, released.get(), "the run's allocator stays open while its task cleans up");
      cleanUp.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (released.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(2, released.get(), "closed once its batches moved and its task ended");
      VectorSchemaRoot batch = claimed.batches().get(0);
      assertEquals(List.of(List.of(7L), List.of(8L), List.of(9L)), Batches.toRows(batch));
      assertTrue(reader.getAllocatedMemory() > 0, "the batches are the reader's now");
      batch.close();
      assertFalse(runs.has(key("a")));
      assertNull(runs.claim(key("a"), reader), "a run is claimed once");
      releaser.join();
      reader.close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunStillWaitingForAThreadIsTakenOverAndNeverRuns() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (RootAllocator root = new RootAllocator()) {
      AheadRuns runs = new AheadRuns();
      CountDownLatch busy = new CountDownLatch(1);
      pool.execute(() -> await(busy)); // the only thread is busy
      AtomicInteger ran = new AtomicInteger();
      AtomicInteger released = new AtomicInteger();
      assertTrue(
          runs.start(
              key("b"),
              pool,
              publish -> ran.incrementAndGet(),
              released::incrementAndGet));
      assertNull(runs.claim(key("b"), root), "not started: the reader computes it itself");
      assertEquals(1, released.get());
      busy.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(0, ran.get());
      assertFalse(runs.has(key("b")));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runsNobodyReadAreReleasedWhenTheEngineCloses() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (RootAllocator root = new RootAllocator()) {
      BufferAllocator ahead = root.newChildAllocator("ahead", 0, Long.MAX_VALUE);
      AheadRuns runs = new AheadRuns();
      assertTrue(runs.start(key("c"), pool, publish -> publish.accept(rows(ahead, 1)), ahead::close));
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      runs.releaseEnded();
      assertFalse(runs.has(key("c")));
      assertEquals(0, root.getAllocatedMemory());
      assertTrue(root.getChildAllocators().isEmpty(), "the run's allocator is closed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noRunMeansNothingToWaitFor() {
    try (RootAllocator root = new RootAllocator()) {
      assertNull(new AheadRuns().claim(key("d"), root));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
