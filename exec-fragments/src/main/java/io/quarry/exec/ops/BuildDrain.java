package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.KeyEncoder;
import io.quarry.exec.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Drains the inputs of a join's build side (the inputs of an exchange) on several threads at once.
 * Each participating thread claims inputs one at a time, appends their batches to a part of its
 * own and then encodes that part's keys, so copying and encoding run in parallel too. Participants
 * are the building thread, the joins waiting for the same shared build (which would otherwise hold
 * a pool thread idle) and tasks on the query's pool that start while inputs are left. The first
 * failure stops the others; {@link #run} rethrows it after every participant has left.
 */
final class BuildDrain {
  /** The rows one participant drained, and their encoded keys (null without keys). */
  static final class Part {
    final BatchCollector batches;
    KeyEncoder keys;

    private Part(BatchCollector batches) {
      this.batches = batches;
    }
  }

  private final List<Operator> inputs;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int[] keys;
  private final int[] keyScales;
  private final AtomicInteger nextInput = new AtomicInteger();
  private final Object lock = new Object();
  private final List<Part> parts = new ArrayList<>(); // guarded by lock
  private int active; // guarded by lock
  private boolean sealed; // guarded by lock
  private Throwable failure; // guarded by lock
  private volatile boolean cancelled;

  BuildDrain(
      List<Operator> inputs,
      Schema schema,
      BufferAllocator allocator,
      int[] keys,
      int[] keyScales) {
    this.inputs = List.copyOf(inputs);
    this.schema = schema;
    this.allocator = allocator;
    this.keys = keys.clone();
    this.keyScales = keyScales.clone();
  }

  /**
   * Drains every input, with {@code helpers} tasks on {@code pool} and any thread calling {@link
   * #help} joining in, and returns the non-empty parts (the caller owns them). On failure, or
   * when interrupted, closes every part and input and throws.
   */
  List<Part> run(ExecutorService pool, int helpers) {
    List<Future<?>> tasks = new ArrayList<>();
    try {
      for (int i = 0; i < helpers; i++) {
        tasks.add(pool.submit(this::help));
      }
    } catch (RejectedExecutionException e) {
      // A pool that is shutting down: the threads already here drain the inputs.
    }
    help();
    boolean interrupted = false;
    Throwable first;
    synchronized (lock) {
      while (active > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
          cancelled = true;
        }
      }
      sealed = true;
      first = failure;
    }
    for (Future<?> t : tasks) {
      t.cancel(false);
    }
    if (first == null && interrupted) {
      first =
          new QuarryException(
              ErrorCode.QUERY_CANCELLED, "query cancelled while a join was built");
    }
    for (int i = Math.min(nextInput.getAndSet(inputs.size()), inputs.size());
        i < inputs.size();
        i++) {
      first = closeInput(inputs.get(i), first);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (first != null) {
      parts.forEach(p -> p.batches.close());
      parts.clear();
      rethrow(first);
    }
    List<Part> out = new ArrayList<>();
    for (Part p : parts) {
      if (p.batches.rows() > 0) {
        out.add(p);
      } else {
        p.batches.close();
      }
    }
    return out;
  }

  /** Claims and drains inputs until none is left; returns at once if the drain is over. */
  void help() {
    synchronized (lock) {
      if (sealed || cancelled) {
        return;
      }
      active++;
    }
    try {
      Part part = null;
      while (!cancelled) {
        int i = nextInput.getAndIncrement();
        if (i >= inputs.size()) {
          break;
        }
        if (part == null) {
          part = new Part(new BatchCollector(allocator));
          synchronized (lock) {
            parts.add(part);
          }
        }
        drain(inputs.get(i), part.batches);
      }
      if (part != null && !cancelled && keys.length > 0 && part.batches.rows() > 0) {
        part.keys = encode(part.batches.root(), keys, keyScales);
      }
    } catch (Throwable t) {
      synchronized (lock) {
        if (failure == null) {
          failure = t;
        }
      }
      cancelled = true;
    } finally {
      synchronized (lock) {
        active--;
        lock.notifyAll();
      }
    }
  }

  /** The keys of every row of {@code root}, encoded for a join. */
  static KeyEncoder encode(VectorSchemaRoot root, int[] keys, int[] keyScales) {
    KeyEncoder enc = new KeyEncoder(keyScales, true);
    List<FieldVector> vectors = new ArrayList<>(keys.length);
    for (int k : keys) {
      vectors.add(root.getVector(k));
    }
    enc.encode(vectors, root.getRowCount());
    return enc;
  }

  private void drain(Operator input, BatchCollector into) {
    try {
      while (!cancelled) {
        VectorSchemaRoot b = input.next();
        if (b == null) {
          break;
        }
        VectorSchemaRoot relabelled;
        try {
          relabelled = Batches.withSchema(b, schema);
        } catch (RuntimeException | Error e) {
          b.close();
          throw e;
        }
        try (relabelled) {
          into.append(relabelled);
        }
      }
    } finally {
      input.close();
    }
  }

  private static Throwable closeInput(Operator input, Throwable first) {
    try {
      input.close();
    } catch (RuntimeException e) {
      return first == null ? e : first;
    }
    return first;
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw QuarryException.internal("join build input failed: " + t, t);
  }
}
