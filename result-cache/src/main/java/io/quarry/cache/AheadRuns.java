package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fragments computed ahead of the query that will read them, by key, until that query claims
 * them. A reader that reaches one waits for it only if it has started (it depends on nothing but
 * its shards, so it ends on its own); one still waiting for a thread is taken over, never run, and
 * the reader computes it itself, so nobody waits for work that waits for a thread. A run nobody
 * claimed is forgotten a while after it ended.
 */
final class AheadRuns {
  private static final long FORGET_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Map<FragmentKey, Run> runs = new ConcurrentHashMap<>();

  private static final class Run {
    final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile long endedAt;
  }

  /** Hands {@code task} to {@code pool} under {@code key}; false if there is a run under it. */
  boolean start(FragmentKey key, Executor pool, Runnable task) {
    requireNonNull(task, "task is null");
    forgetOld();
    Run run = new Run();
    if (runs.putIfAbsent(key, run) != null) {
      return false;
    }
    try {
      pool.execute(
          () -> {
            if (!run.claimed.compareAndSet(false, true)) {
              return; // taken over by a reader
            }
            try {
              task.run();
            } finally {
              run.endedAt = System.nanoTime();
              run.done.complete(null);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      runs.remove(key, run);
      return false;
    }
  }

  /** Whether there is a run under {@code key} that no reader has claimed yet. */
  boolean has(FragmentKey key) {
    return runs.containsKey(key);
  }

  /**
   * Claims the run under {@code key}: waits for it if it started and says so (true); a run not
   * started yet is cancelled (false), as is the answer when there is none.
   */
  boolean claim(FragmentKey key) {
    Run run = runs.remove(key);
    if (run == null) {
      return false;
    }
    if (run.claimed.compareAndSet(false, true)) {
      return false;
    }
    run.done.join();
    return true;
  }

  private void forgetOld() {
    long now = System.nanoTime();
    runs.values()
        .removeIf(r -> r.done.isDone() && now - r.endedAt > FORGET_NANOS);
  }
}
