package io.quarry.exec.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ExchangeOperatorTest {
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final List<Column> COLS = List.of(new Column("v", BIGINT));

  static ValuesNode values(long from, int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(List.of(from + i));
    }
    return new ValuesNode(COLS, rows);
  }

  static ExecContext ctx(BufferAllocator a, ExecutorService pool, int batchSize) {
    return new ExecContext(
        a,
        shard -> {
          throw new IllegalStateException("no shards");
        },
        pool,
        batchSize);
  }

  @Test
  void deliversEveryRowOfEveryInput() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator a = new RootAllocator()) {
      List<PlanNode> inputs = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        inputs.add(values(i * 1000L, 100 + i));
      }
      long sum = 0;
      long rows = 0;
      try (Operator op = Executor.build(new ExchangeNode(inputs), ctx(a, pool, 7))) {
        for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
          for (List<Object> r : Batches.toRows(b)) {
            sum += (Long) r.get(0);
          }
          rows += b.getRowCount();
          b.close();
        }
      }
      long expectedSum = 0;
      long expectedRows = 0;
      for (int i = 0; i < 9; i++) {
        for (int k = 0; k < 100 + i; k++) {
          expectedSum += i * 1000L + k;
        }
        expectedRows += 100 + i;
      }
      assertEquals(expectedRows, rows);
      assertEquals(expectedSum, sum);
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void firstFailureReachesTheConsumerAndEverythingIsReleased() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger closed = new AtomicInteger();
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 5);
      List<Operator> inputs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Operator values = new ValuesOperator(values(0, 10_000), ctx);
        inputs.add(tracking(values, closed));
      }
      inputs.add(2, tracking(failing(new ValuesOperator(values(0, 12), ctx)), closed));
      List<PlanNode> nodes = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        nodes.add(values(0, 1));
      }
      ExchangeOperator ex = new ExchangeOperator(new ExchangeNode(nodes), inputs, ctx);
      QuarryException e = assertThrows(QuarryException.class, () -> Operator.drain(ex));
      assertEquals(ErrorCode.IO_ERROR, e.code());
      assertTrue(e.getMessage().contains("disk on fire"));
      ex.close();
      assertEquals(inputs.size(), closed.get());
      assertEquals(0, a.getAllocatedMemory());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "no worker may hang");
    }
  }

  @Test
  void closingEarlyStopsWorkersAndFreesQueuedBatches() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger closed = new AtomicInteger();
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 3);
      List<Operator> inputs = new ArrayList<>();
      List<PlanNode> nodes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inputs.add(tracking(new ValuesOperator(values(0, 100_000), ctx), closed));
        nodes.add(values(0, 1));
      }
      ExchangeOperator ex = new ExchangeOperator(new ExchangeNode(nodes), inputs, ctx);
      VectorSchemaRoot first = ex.next();
      first.close();
      ex.close();
      assertEquals(5, closed.get());
      assertEquals(0, a.getAllocatedMemory());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void nestedExchangesOnAOneThreadPoolDoNotDeadlock() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try (RootAllocator a = new RootAllocator()) {
      List<PlanNode> outer = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        outer.add(new ExchangeNode(List.of(values(0, 50), values(100, 50), values(200, 50))));
      }
      try (Operator op = Executor.build(new ExchangeNode(outer), ctx(a, pool, 8))) {
        assertEquals(450, Operator.drain(op));
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void memoryLimitHitInAWorkerIsAClearError() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator root = new RootAllocator();
        BufferAllocator query = root.newChildAllocator("query", 0, 3L << 20)) {
      List<PlanNode> inputs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        inputs.add(values(0, 200_000));
      }
      Operator op = Executor.build(new ExchangeNode(inputs), ctx(query, pool, 200_000));
      QuarryException e = assertThrows(QuarryException.class, () -> Operator.drain(op));
      op.close();
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code());
      assertTrue(e.getMessage().contains("memory limit of 3 MiB"), e.getMessage());
      assertEquals(0, query.getAllocatedMemory());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  static Operator tracking(Operator in, AtomicInteger closed) {
    return new Operator() {
      private boolean done;

      @Override
      public Schema schema() {
        return in.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        return in.next();
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          closed.incrementAndGet();
        }
        in.close();
      }
    };
  }

  /** Passes two batches, then fails. */
  static Operator failing(Operator in) {
    return new Operator() {
      private int batches;

      @Override
      public Schema schema() {
        return in.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        if (batches++ == 2) {
          throw new QuarryException(ErrorCode.IO_ERROR, "disk on fire");
        }
        return in.next();
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  @Test
  void inputsInMemoryAreReadOnTheConsumersThread()
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 50);
      Thread consumer = Thread.currentThread();
      List<Thread> computedOn = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> replayedOn = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Operator> inputs = new ArrayList<>();
      List<PlanNode> nodes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        boolean inMemory = i >= 2; // computed inputs come first, as a cached plan lists them
        Operator values = new ValuesOperator(values(i * 1000L, 120), ctx);
        inputs.add(recordingThread(values, inMemory, inMemory ? replayedOn : computedOn));
        nodes.add(values(0, 1));
      }
      ExchangeOperator ex = new ExchangeOperator(new ExchangeNode(nodes), inputs, ctx);
      assertEquals(8 * 120, Operator.drain(ex));
      ex.close();
      assertEquals(0, a.getAllocatedMemory());
      // Workers pass the in-memory inputs by (the consumer may run a computed one when no worker
      // got to start); the consumer does not wait idle while inputs in memory are left.
      assertTrue(replayedOn.stream().allMatch(t -> t == consumer), "in memory: " + replayedOn);
      assertTrue(computedOn.size() >= 2 * 3, "every computed input was read: " + computedOn);
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void onlyInputsInMemoryNeedNoWorkerAtAll() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 50);
      List<Thread> readOn = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Operator> inputs = new ArrayList<>();
      List<PlanNode> nodes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        inputs.add(recordingThread(new ValuesOperator(values(0, 70), ctx), true, readOn));
        nodes.add(values(0, 1));
      }
      ExchangeOperator ex = new ExchangeOperator(new ExchangeNode(nodes), inputs, ctx);
      assertEquals(5 * 70, Operator.drain(ex));
      ex.close();
      assertTrue(readOn.stream().allMatch(t -> t == Thread.currentThread()), readOn.toString());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aWorkerPassesByAnInputItsConsumerReadsAndTakesTheNext() throws InterruptedException {
    // The front input is one the consumer reads itself (as a fragment computed ahead of its query
    // is); it gives its rows only once the input behind it was read. A worker that took it would
    // wait for the consumer, which waits for the worker: the worker must take the second.
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 50);
      CountDownLatch secondRead = new CountDownLatch(1);
      List<Thread> firstOn = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> secondOn = java.util.Collections.synchronizedList(new ArrayList<>());
      Operator first = recordingThread(new ValuesOperator(values(0, 30), ctx), true, firstOn);
      Operator waiting = afterLatch(first, secondRead, false);
      Operator second = countingDown(new ValuesOperator(values(100, 40), ctx), secondRead, secondOn);
      ExchangeOperator ex =
          new ExchangeOperator(
              new ExchangeNode(List.of(values(0, 1), values(0, 1))), List.of(waiting, second), ctx);
      assertEquals(70, Operator.drain(ex));
      ex.close();
      assertTrue(firstOn.stream().allMatch(t -> t == Thread.currentThread()), firstOn.toString());
      assertTrue(secondOn.stream().noneMatch(t -> t == Thread.currentThread()), secondOn.toString());
      assertEquals(0, a.getAllocatedMemory());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void withThePoolBusyTheConsumerReadsTheOtherInputsBeforeOneThatWaits()
      throws InterruptedException {
    // As after a restart: the pool's only thread computes a fragment ahead (here: waits for the
    // test), the exchange's input for that fragment waits for it, and a stored input is left. The
    // consumer must read the stored input itself first, not sit waiting on the other.
    ExecutorService pool = Executors.newFixedThreadPool(1);
    CountDownLatch storedRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(
        () -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try (RootAllocator a = new RootAllocator()) {
      ExecContext ctx = ctx(a, pool, 50);
      Operator waiting = afterLatch(new ValuesOperator(values(0, 30), ctx), storedRead, true);
      List<Thread> storedOn = java.util.Collections.synchronizedList(new ArrayList<>());
      Operator stored = countingDown(new ValuesOperator(values(100, 40), ctx), storedRead, storedOn);
      ExchangeOperator ex =
          new ExchangeOperator(
              new ExchangeNode(List.of(values(0, 1), values(0, 1))), List.of(waiting, stored), ctx);
      assertEquals(70, Operator.drain(ex));
      ex.close();
      assertTrue(storedOn.stream().allMatch(t -> t == Thread.currentThread()), storedOn.toString());
      assertEquals(0, a.getAllocatedMemory());
    } finally {
      release.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /**
   * An input its consumer reads itself that gives {@code in}'s rows only once {@code latch} is
   * down; {@code waits}: it says it waits for another thread.
   */
  static Operator afterLatch(Operator in, CountDownLatch latch, boolean waits) {
    return new Operator() {
      @Override
      public Schema schema() {
        return in.schema();
      }

      @Override
      public boolean readByConsumer() {
        return true;
      }

      @Override
      public boolean waitsForOtherThread() {
        return waits;
      }

      @Override
      public VectorSchemaRoot next() {
        try {
          assertTrue(latch.await(10, TimeUnit.SECONDS), "the other input was read first");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return in.next();
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** {@code in}, counting {@code latch} down at its end and recording the thread of each read. */
  static Operator countingDown(Operator in, CountDownLatch latch, List<Thread> threads) {
    return new Operator() {
      @Override
      public Schema schema() {
        return in.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        threads.add(Thread.currentThread());
        VectorSchemaRoot b = in.next();
        if (b == null) {
          latch.countDown();
        }
        return b;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** Says whether it is in memory, and records the thread of each batch it hands out. */
  static Operator recordingThread(Operator in, boolean inMemory, List<Thread> threads) {
    return new Operator() {
      @Override
      public Schema schema() {
        return in.schema();
      }

      @Override
      public boolean readByConsumer() {
        return inMemory;
      }

      @Override
      public VectorSchemaRoot next() {
        threads.add(Thread.currentThread());
        return in.next();
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  @Test
  void parallelismFollowsThePool() {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertEquals(3, ExchangeOperator.parallelism(pool));
    } finally {
      pool.shutdownNow();
    }
  }
}
