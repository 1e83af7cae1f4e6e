package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A fragment computed ahead runs once, and its reader waits only for work that has started. */
class AheadRunsTest {
  private static FragmentKey key(String s) {
    return new FragmentKey(
        Cid.v1(Multicodec.RAW, Multihash.sha256(s.getBytes(StandardCharsets.UTF_8))),
        FragmentKey.Kind.FRAGMENT);
  }

  @Test
  void aReaderWaitsForARunThatStartedAndClaimsItOnce() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AheadRuns runs = new AheadRuns();
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger ran = new AtomicInteger();
      assertTrue(
          runs.start(
              key("a"),
              pool,
              () -> {
                started.countDown();
                await(release);
                ran.incrementAndGet();
              }));
      assertFalse(runs.start(key("a"), pool, ran::incrementAndGet), "one run per key");
      assertTrue(started.await(10, TimeUnit.SECONDS));
      assertTrue(runs.has(key("a")));
      Thread releaser = new Thread(release::countDown);
      releaser.start();
      assertTrue(runs.claim(key("a")), "the reader waited for the run");
      assertEquals(1, ran.get());
      assertFalse(runs.has(key("a")));
      assertFalse(runs.claim(key("a")), "a run is claimed once");
      releaser.join();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunStillWaitingForAThreadIsTakenOverAndNeverRuns() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AheadRuns runs = new AheadRuns();
      CountDownLatch busy = new CountDownLatch(1);
      pool.execute(() -> await(busy)); // the only thread is busy
      AtomicInteger ran = new AtomicInteger();
      assertTrue(runs.start(key("b"), pool, ran::incrementAndGet));
      assertFalse(runs.claim(key("b")), "not started: the reader computes it itself");
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
  void noRunMeansNothingToWaitFor() {
    assertFalse(new AheadRuns().claim(key("c")));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
