package io.quarry.node.engine;

import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;

/** Closing allocators that streams served on other threads may still be using. */
public final class Allocators {
  private Allocators() {}

  /**
   * Closes {@code allocator} once its buffers and child allocators are released: a stream served
   * to a client is closed by the thread serving it, shortly after the server stops. After 5 s it is
   * closed anyway, and reports what was not released.
   */
  public static void closeWhenReleased(BufferAllocator allocator) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while ((allocator.getAllocatedMemory() > 0 || !allocator.getChildAllocators().isEmpty())
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    allocator.close();
  }
}
