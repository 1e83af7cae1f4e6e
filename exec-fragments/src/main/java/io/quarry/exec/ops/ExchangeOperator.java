package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs its inputs in parallel on the context's pool (at most the pool's parallelism at once) and
 * hands on their batches, in no particular order, through a bounded queue. Inputs are claimed one
 * at a time by workers; when none of them has started (the pool is busy, e.g. with the exchange
 * that consumes this one) the consuming thread claims inputs itself, so nested exchanges on a small
 * pool cannot deadlock. Inputs the consumer should read itself ({@link Operator#readByConsumer}:
 * cached results in memory, a fragment another thread computes ahead) are read by the consuming
 * thread, from the back of the list; they start no worker and workers pass them by, so a worker
 * never waits for a fragment computed ahead while inputs it could read are left. The consumer takes
 * such an input that waits for another thread ({@link Operator#waitsForOtherThread}) last, and
 * when no worker got to start within a millisecond (the pool is busy) it reads the other inputs
 * itself too. After an append the consumer replays the cached partials while the new shard's
 * fragment computes, whether they are in memory or on disk. A single input is always read by the
 * consuming thread. The first failure
 * cancels the rest and is rethrown to the consumer; close() stops the workers, waits for them and
 * releases every batch and input.
 */
public final class ExchangeOperator implements Operator {
  private static final long POLL_MILLIS = 20;
  /** How long the consumer first waits for a worker to start before it takes inputs itself. */
  private static final long WORKER_START_MILLIS = 1;
  /**
   * Put on the queue when the last input finishes or one fails, so a consumer waiting for a batch
   * re-checks at once instead of at the end of its poll (cached inputs finish in microseconds).
   */
  private static final VectorSchemaRoot WAKE_UP = new VectorSchemaRoot(List.of());

  private final List<Operator> inputs;
  private final ExecContext ctx;
  private final Schema schema;
  private final BlockingQueue<VectorSchemaRoot> queue;
  private final AtomicInteger finishedInputs = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Future<?>> workers = new ArrayList<>();
  private final Object lock = new Object();
  private int running; // guarded by lock
  // Workers claim inputs from the front, skipping those the consumer reads itself, which it
  // claims from the back (a plan lists its computed inputs first, its cached ones last).
  private final boolean[] claimed; // guarded by lock
  private final boolean[] forConsumer; // set by start(), before any worker runs
  private final boolean[] waits; // set by start(): consumer inputs that wait for another thread
  private int unclaimed; // guarded by lock
  private volatile boolean cancelled;
  private boolean started;
  private boolean helping; // the consumer took an input no worker got to
  private boolean closed;
  private Operator local;

  public ExchangeOperator(ExchangeNode node, List<Operator> inputs, ExecContext ctx) {
    this.inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = ArrowTypes.toSchema(node.schema());
    this.queue = new ArrayBlockingQueue<>(Math.max(2, 2 * parallelism(ctx.pool())));
    this.claimed = new boolean[this.inputs.size()];
    this.forConsumer = new boolean[this.inputs.size()];
    this.waits = new boolean[this.inputs.size()];
    this.unclaimed = this.inputs.size();
  }

  /** How many tasks the pool runs at once. */
  static int parallelism(ExecutorService pool) {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (pool instanceof ThreadPoolExecutor t) {
      return Math.max(1, Math.min(t.getMaximumPoolSize(), Math.max(cpus, t.getCorePoolSize())));
    }
    if (pool instanceof ForkJoinPool f) {
      return f.getParallelism();
    }
    return cpus;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /**
   * Hands the inputs to the caller, who then runs and closes each of them (a join build drains
   * them on several threads at once); this exchange then yields no rows and closes none of them.
   * Null once the exchange has started or closed.
   */
  List<Operator> detachInputs() {
    if (started || closed) {
      return null;
    }
    started = true;
    synchronized (lock) {
      java.util.Arrays.fill(claimed, true);
      unclaimed = 0;
    }
    finishedInputs.set(inputs.size());
    return inputs;
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    if (!started) {
      start();
    }
    try {
      while (true) {
        rethrowFailure();
        VectorSchemaRoot b = queue.poll();
        if (b == WAKE_UP) {
          continue;
        }
        if (b != null) {
          return Batches.withSchema(b, schema);
        }
        if (local != null) {
          b = local.next();
          if (b != null) {
            return Batches.withSchema(b, schema);
          }
          Operator done = local;
          local = null;
          done.close();
          finishedInputs.incrementAndGet();
          continue;
        }
        if (finishedInputs.get() == inputs.size()) {
          b = queue.poll();
          while (b == WAKE_UP) {
            b = queue.poll();
          }
          if (b == null) {
            return null;
          }
          return Batches.withSchema(b, schema);
        }
        // The consumer's own inputs that are ready first; one that waits for another thread
        // (a fragment computed ahead) only when no input is left for a worker to read.
        int mine = claimForConsumer(false);
        if (mine < 0 && !workerInputsLeft()) {
          mine = claimForConsumer(true);
        }
        if (mine >= 0) {
          local = inputs.get(mine);
          continue;
        }
        // With no worker running (the pool may be busy, e.g. computing a fragment ahead), the
        // consumer gives workers a moment to start, then takes inputs itself without waiting.
        long wait = !noWorkerRunning() ? POLL_MILLIS : helping ? 0 : WORKER_START_MILLIS;
        b = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (b == WAKE_UP) {
          continue;
        }
        if (b != null) {
          return Batches.withSchema(b, schema);
        }
        if (noWorkerRunning()) {
          int idx = claimFront();
          if (idx >= 0) {
            local = inputs.get(idx);
            helping = true;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new QuarryException(ErrorCode.QUERY_CANCELLED, "query was interrupted"));
      rethrowFailure();
      throw new IllegalStateException("unreachable");
    } catch (RuntimeException | Error e) {
      fail(e);
      throw e;
    }
  }

  /** The first input left from the front that no consumer reads itself, or -1. */
  private int claimFront() {
    synchronized (lock) {
      return claim(unclaimed(false, i -> !forConsumer[i]));
    }
  }

  /** Whether an input that no consumer reads itself is left unclaimed. */
  private boolean workerInputsLeft() {
    synchronized (lock) {
      return unclaimed(false, i -> !forConsumer[i]) >= 0;
    }
  }

  /**
   * The last input left that the consumer reads itself and that waits for another thread ({@code
   * waiting}) or not, or -1.
   */
  private int claimForConsumer(boolean waiting) {
    synchronized (lock) {
      return claim(unclaimed(true, i -> forConsumer[i] && waits[i] == waiting));
    }
  }

  /**
   * The first unclaimed input {@code wanted} accepts, from the front or {@code fromBack}, or -1.
   * Called holding the lock.
   */
  private int unclaimed(boolean fromBack, IntPredicate wanted) {
    for (int k = 0; unclaimed > 0 && k < claimed.length; k++) {
      int i = fromBack ? claimed.length - 1 - k : k;
      if (!claimed[i] && wanted.test(i)) {
        return i;
      }
    }
    return -1;
  }

  /** Marks input {@code i} claimed (-1: none) and returns it. Called holding the lock. */
  private int claim(int i) {
    if (i >= 0) {
      claimed[i] = true;
      unclaimed--;
    }
    return i;
  }

  private boolean noWorkerRunning() {
    synchronized (lock) {
      return running == 0;
    }
  }

  private void start() {
    started = true;
    int computed = 0;
    for (int i = 0; i < forConsumer.length; i++) {
      // A lone input too: a worker would only hand its batches over, and keep a pool thread that
      // the input may use to split its own work (a shard read in ranges, a nested exchange).
      forConsumer[i] = inputs.size() == 1 || inputs.get(i).readByConsumer();
      waits[i] = forConsumer[i] && inputs.get(i).waitsForOtherThread();
      computed += forConsumer[i] ? 0 : 1;
    }
    // Inputs the consumer reads itself (cached results in memory) get no worker.
    int n = Math.min(parallelism(ctx.pool()), computed);
    for (int i = 0; i < n; i++) {
      workers.add(ctx.pool().submit(this::work));
    }
  }

  private void work() {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      running++;
    }
    try {
      while (!cancelled) {
        int idx = claimFront();
        if (idx < 0) {
          break;
        }
        Operator in = inputs.get(idx);
        try {
          for (VectorSchemaRoot b = in.next(); b != null; b = in.next()) {
            if (!offer(b)) {
              b.close();
              break;
            }
          }
        } finally {
          in.close();
        }
        if (finishedInputs.incrementAndGet() == inputs.size()) {
          queue.offer(WAKE_UP);
        }
      }
    } catch (Throwable t) {
      fail(t);
    } finally {
      synchronized (lock) {
        running--;
        lock.notifyAll();
      }
    }
  }

  private boolean offer(VectorSchemaRoot b) throws InterruptedException {
    while (!cancelled) {
      if (queue.offer(b, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  private void fail(Throwable t) {
    failure.compareAndSet(null, t);
    cancelled = true;
    queue.offer(WAKE_UP);
  }

  private void rethrowFailure() {
    Throwable t = failure.get();
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw QuarryException.internal("exchange input failed: " + t, t);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cancelled = true;
    for (Future<?> f : workers) {
      f.cancel(false);
    }
    boolean interrupted = false;
    synchronized (lock) {
      while (running > 0) {
        try {
          lock.wait(POLL_MILLIS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
        drainQueue();
      }
    }
    drainQueue();
    RuntimeException first = null;
    if (local != null) {
      first = closeQuietly(local, first);
      local = null;
    }
    List<Operator> left = new ArrayList<>();
    synchronized (lock) {
      for (int i = 0; i < claimed.length; i++) {
        if (!claimed[i]) {
          left.add(inputs.get(claim(i)));
        }
      }
    }
    for (Operator in : left) {
      first = closeQuietly(in, first);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (first != null) {
      throw first;
    }
  }

  private void drainQueue() {
    for (VectorSchemaRoot b = queue.poll(); b != null; b = queue.poll()) {
      if (b != WAKE_UP) {
        b.close();
      }
    }
  }

  private static RuntimeException closeQuietly(Operator op, RuntimeException first) {
    try {
      op.close();
    } catch (RuntimeException e) {
      return first == null ? e : first;
    }
    return first;
  }
}
