package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Fragments computed ahead of the query that will read them, by key, until that query claims
 * them. A run hands its reader the batches it computed (moved into the reader's allocator, no
 * copy), so the reader does not wait for them to be encoded. A reader that reaches a run waits for
 * it only if it has started (it depends on nothing but its shards, so it ends on its own); one
 * still waiting for a thread is taken over, never run, and the reader computes it itself, so
 * nobody waits for work that waits for a thread. A run nobody claimed is released a while after it
 * ended, and when the engine closes.
 */
final class AheadRuns {
  private static final long FORGET_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Map<FragmentKey, Run> runs = new ConcurrentHashMap<>();

  /** What a run left for its reader: its batches, and their stored form if they are stored. */
  record Output(List<VectorSchemaRoot> batches, CompletableFuture<StoredResult> stored) {
    Output {
      requireNonNull(batches, "batches is null");
    }
  }

  /** What a reader got from a claimed run: the batches (in its allocator) and their stored form. */
  record Claimed(List<VectorSchemaRoot> batches, CompletableFuture<StoredResult> stored) {}

  /**
   * A computation ahead. It publishes its output as soon as it has it (not at all if it fails),
   * so its reader need not wait while it cleans up (closing its shard readers) after that.
   */
  interface Task {
    void run(Consumer<Output> publish);
  }

  private static final class Run {
    final AtomicBoolean claimed = new AtomicBoolean();
    final CompletableFuture<Output> done = new CompletableFuture<>();
    final Runnable release;
    /** A started run's release waits for both its task's end and its output's discard. */
    final AtomicInteger holds = new AtomicInteger(2);
    volatile long endedAt;

    Run(Runnable release) {
      this.release = release;
    }

    void publish(Output out) {
      endedAt = System.nanoTime();
      done.complete(out);
    }

    /** Closes what the run left (its output's batches); releases once its task ended too. */
    void discard() {
      Output out = done.getNow(null);
      if (out != null) {
        out.batches().forEach(VectorSchemaRoot::close);
      }
      drop();
    }

    void drop() {
      if (holds.decrementAndGet() == 0) {
        release.run();
      }
    }
  }

  /**
   * Hands {@code task} to {@code pool} under {@code key}; false (and {@code release} has run) if
   * there is a run under it already. The task's output (none: it failed) waits for the reader;
   * {@code release} runs once the task ended and its output is closed or moved, or once the task
   * is taken over unstarted.
   */
  boolean start(FragmentKey key, Executor pool, Task task, Runnable release) {
    requireNonNull(task, "task is null");
    requireNonNull(release, "release is null");
    forgetOld();
    Run run = new Run(release);
    if (runs.putIfAbsent(key, run) != null) {
      release.run();
      return false;
    }
    try {
      pool.execute(
          () -> {
            if (!run.claimed.compareAndSet(false, true)) {
              return; // taken over by a reader
            }
            try {
              task.run(run::publish);
            } finally {
              if (!run.done.isDone()) {
                run.publish(null);
              }
              run.drop();
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      runs.remove(key, run);
      release.run();
      return false;
    }
  }

  /** Whether there is a run under {@code key} that no reader has claimed yet. */
  boolean has(FragmentKey key) {
    return runs.containsKey(key);
  }

  /**
   * Claims the run under {@code key}: waits for it if it started and gives its batches, moved into
   * {@code allocator}; null when there is none, it had not started (then it never will), or it
   * failed.
   */
  Claimed claim(FragmentKey key, BufferAllocator allocator) {
    Run run = runs.remove(key);
    if (run == null) {
      return null;
    }
    if (run.claimed.compareAndSet(false, true)) {
      run.release.run(); // never started, never will
      return null;
    }
    Output out = run.done.join();
    if (out == null) {
      run.discard();
      return null;
    }
    List<VectorSchemaRoot> moved = new ArrayList<>(out.batches().size());
    try {
      for (VectorSchemaRoot batch : out.batches()) {
        moved.add(move(batch, allocator));
      }
    } catch (RuntimeException e) {
      moved.forEach(VectorSchemaRoot::close);
      throw e;
    } finally {
      run.discard();
    }
    return new Claimed(moved, out.stored());
  }

  /** Releases every run that ended and that no reader claimed (an engine that closes). */
  void releaseEnded() {
    for (Map.Entry<FragmentKey, Run> e : runs.entrySet()) {
      Run run = e.getValue();
      if (run.done.isDone() && runs.remove(e.getKey(), run)) {
        run.discard();
      }
    }
  }

  private void forgetOld() {
    long now = System.nanoTime();
    for (Map.Entry<FragmentKey, Run> e : runs.entrySet()) {
      Run run = e.getValue();
      if (run.done.isDone() && now - run.endedAt > FORGET_NANOS && runs.remove(e.getKey(), run)) {
        run.discard();
      }
    }
  }

  /** {@code batch}'s buffers owned by {@code allocator} (same root allocator: no copy). */
  private static VectorSchemaRoot move(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>(batch.getFieldVectors().size());
    try {
      for (FieldVector v : batch.getFieldVectors()) {
        TransferPair pair = v.getTransferPair(allocator);
        pair.transfer();
        out.add((FieldVector) pair.getTo());
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(batch.getSchema().getFields(), out, batch.getRowCount());
  }
}
