package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes that a query does not wait for: a computed result's blocks and index entry, a plan kept
 * on disk. They run one at a time, in the order they were handed in, on one daemon thread of the
 * process (started when needed, gone when idle). What is written is only a copy of what the cache
 * already holds in memory, so a write that is lost (the process ends first) costs a recomputation,
 * never a wrong answer; {@link #flush()} waits for every write handed in so far, and is called
 * before anything reads the store's cache state (a new cache on the store, counters, announced
 * keys) and when an engine closes. A process that exits normally waits for them too.
 */
public final class BackgroundWrites {
  private static final ThreadPoolExecutor WRITER =
      new ThreadPoolExecutor(
          1,
          1,
          10,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "quarry-cache-writer");
            t.setDaemon(true);
            return t;
          });

  /** Writes waiting beyond which a caller waits for them before handing in another. */
  static final int MAX_PENDING = 64;

  /** The longest a process that is exiting waits for the writes still pending. */
  private static final long EXIT_WAIT_SECONDS = 30;

  static {
    WRITER.allowCoreThreadTimeOut(true);
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
    if (WRITER.getQueue().size() >= MAX_PENDING) {
      flush();
    }
    WRITER.execute(
        () -> {
          try {
            write.run();
          } catch (RuntimeException | Error e) {
            // Writes report their own failures; nothing else may stop the writer.
          }
        });
  }

  /** Waits until every write handed in before this call has finished. */
  public static void flush() {
    await(Long.MAX_VALUE);
  }

  private static void await(long seconds) {
    if (Thread.currentThread().getName().equals("quarry-cache-writer")) {
      return;
    }
    Future<?> marker;
    try {
      marker = WRITER.submit(() -> {});
    } catch (RejectedExecutionException e) {
      return;
    }
    boolean interrupted = false;
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
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
