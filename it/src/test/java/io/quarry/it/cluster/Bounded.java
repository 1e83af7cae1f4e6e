package io.quarry.it.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition, never longer than a bound; the failure says what was awaited. */
final class Bounded {
  private Bounded() {}

  static void await(String what, Duration bound, BooleanSupplier condition) {
    await(what, bound, condition, () -> "");
  }

  static void await(
      String what, Duration bound, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within " + bound.toSeconds() + " s: " + what + " " + state.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
