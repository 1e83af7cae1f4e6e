package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writes run one at a time in order; flush and hurry wait for them (without their grace); a failing
 * one stops nothing.
 */
class BackgroundWritesTest {
  @Test
  void flushWaitsForEveryWriteInOrderAndFailuresStopNothing() {
    List<Integer> done = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 3 * BackgroundWrites.MAX_PENDING; i++) {
      int n = i;
      if (i == 5) {
        BackgroundWrites.submit(
            () -> {
              throw new IllegalStateException("disk full");
            });
      }
      BackgroundWrites.submit(() -> done.add(n));
    }
    BackgroundWrites.flush();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 3 * BackgroundWrites.MAX_PENDING; i++) {
      expected.add(i);
    }
    assertEquals(expected, done);
  }

  @Test
  void hurryingForOneWriteRunsItAndThoseBeforeIt() {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CompletableFuture<String> second =
        new java.util.concurrent.CompletableFuture<>();
    BackgroundWrites.submit(() -> done.add("first"));
    BackgroundWrites.submit(
        () -> {
          done.add("second");
          second.complete("written");
        });
    assertEquals("written", BackgroundWrites.hurry(second));
    assertEquals(List.of("first", "second"), done);
  }

  @Test
  void aWriterThatIsBusyKeepsLaterWritesWaiting() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    BackgroundWrites.submit(
        () -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          done.add("first");
        });
    BackgroundWrites.submit(() -> done.add("second"));
    assertEquals(List.of(), done);
    release.countDown();
    BackgroundWrites.flush();
    assertEquals(List.of("first", "second"), done);
  }
}
