package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes that a query does not wait for: a computed result's encoding, blocks and index entry, a
 * plan kept on disk. They run one at a time, in the order they were handed in, on one daemon
 * thread of the process, each no sooner than {@value #GRACE_MILLIS} ms after it was handed in, so
 * that a short query finishes before the writes it caused compete with it for the cores (on two
 * cores, encoding a plan or a result while the query runs slows the query down). Whoever needs a
 * write done sooner says so: {@link #flush()} waits for every write handed in so far (called before
 * anything reads the store's cache state — a new cache on the store, counters, announced keys —
 * and when an engine closes), {@link #hurry} for one. What is written is only a copy of what the
 * cache can compute again, so a write that is lost (the process is killed first) costs a
 * recomputation, never a wrong answer. A process that exits normally waits for the writes.
 */
public final class BackgroundWrites {
  /** How long a write waits before it runs, unless someone waits for it. */
  static final long GRACE_MILLIS = 25;

  /** Writes waiting beyond which a caller waits for them before handing in another. */
  static final int MAX_PENDING = 64;

  /** The longest a process that is exiting waits for the writes still pending. */
  private static final long EXIT_WAIT_SECONDS = 30;

  private static final String THREAD_NAME = "quarry-cache-writer";

  /** A write and the earliest time it may run ({@link System#nanoTime()}). */
  private record Write(Runnable run, long notBefore, CompletableFuture<Void> done) {}

  private static final LinkedBlockingQueue<Write> QUEUE = new LinkedBlockingQueue<>();

  /** How many callers wait for writes now: while any does, nothing waits out its grace. */
  private static final AtomicInteger HURRYING = new AtomicInteger();

  private static final Thread WRITER = new Thread(BackgroundWrites::runWrites, THREAD_NAME);

  static {
    WRITER.setDaemon(true);
    WRITER.start();
    // A process that exits normally (a CLI command) keeps what it computed.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> await(EXIT_WAIT_SECONDS), "quarry-cache-writer-exit"));
  }

  private BackgroundWrites() {}

  /**
   * Runs {@code write} after the writes handed in before it; its failure is its own to handle.
   * When {@value #MAX_PENDING} writes are already waiting, the caller first waits for them, so
   * results waiting to be written never pile up in memory.
   */
  public static void submit(Runnable write) {
    requireNonNull(write, "write is null");
    if (QUEUE.size() >= MAX_PENDING) {
      flush();
    }
    long notBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    QUEUE.add(new Write(write, notBefore, null));
  }

  /** Waits until every write handed in before this call has finished. */
  public static void flush() {
    await(Long.MAX_VALUE);
  }

  /**
   * Waits for {@code pending} (the outcome of a write handed in earlier), running the writes
   * before it without their grace.
   */
  static <T> T hurry(CompletableFuture<T> pending) {
    if (pending.isDone() || Thread.currentThread() == WRITER) {
      return pending.join();
    }
    HURRYING.incrementAndGet();
    try {
      LockSupport.unpark(WRITER);
      return pending.join();
    } finally {
      HURRYING.decrementAndGet();
    }
  }

  private static void await(long seconds) {
    if (Thread.currentThread() == WRITER) {
      return;
    }
    CompletableFuture<Void> marker = new CompletableFuture<>();
    QUEUE.add(new Write(() -> {}, 0, marker));
    HURRYING.incrementAndGet();
    boolean interrupted = false;
    try {
      LockSupport.unpark(WRITER);
      while (true) {
        try {
          marker.get(seconds, TimeUnit.SECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
          break;
        }
      }
    } finally {
      HURRYING.decrementAndGet();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runWrites() {
    while (true) {
      Write write;
      try {
        write = QUEUE.take();
      } catch (InterruptedException e) {
        continue; // nothing interrupts the writer on purpose; keep writing
      }
      for (long wait = write.notBefore() - System.nanoTime();
          wait > 0 && HURRYING.get() == 0;
          wait = write.notBefore() - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      try {
        write.run().run();
      } catch (RuntimeException | Error e) {
        // Writes report their own failures; nothing else may stop the writer.
      }
      if (write.done() != null) {
        write.done().complete(null);
      }
    }
  }
}
