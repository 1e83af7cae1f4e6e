package io.quarry.exec.ops;

import static io.quarry.exec.ops.OpsTestSupport.BIGINT;
import static io.quarry.exec.ops.OpsTestSupport.INT;
import static io.quarry.exec.ops.OpsTestSupport.VARCHAR;
import static io.quarry.exec.ops.OpsTestSupport.columns;
import static io.quarry.exec.ops.OpsTestSupport.row;
import static io.quarry.exec.ops.OpsTestSupport.run;
import static io.quarry.exec.ops.OpsTestSupport.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The build side of a join over an exchange is drained by several threads: the results must equal
 * those of the serial build (a pool of one thread) for every join kind.
 */
class ParallelJoinBuildTest {
  private static final List<Column> LEFT = columns("id", INT, "lk", BIGINT, "ls", VARCHAR);
  private static final List<Column> RIGHT = columns("rk", BIGINT, "rs", VARCHAR, "rv", INT);

  private BufferAllocator allocator;
  private ExecutorService serialPool;
  private ExecutorService parallelPool;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    serialPool = Executors.newFixedThreadPool(1);
    parallelPool = Executors.newFixedThreadPool(3);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    serialPool.shutdownNow();
    parallelPool.shutdownNow();
    assertTrue(serialPool.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(parallelPool.awaitTermination(30, TimeUnit.SECONDS));
    allocator.close();
  }

  private ExecContext ctx(ExecutorService pool, int batchSize) {
    return new ExecContext(
        allocator,
        shard -> {
          throw new IllegalStateException("no shards in operator tests");
        },
        pool,
        batchSize);
  }

  /** Left rows: keys in 0..keys-1 or NULL, with duplicates. */
  private static List<List<Object>> leftRows(Random random, int n, int keys) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long key = random.nextInt(8) == 0 ? null : (long) random.nextInt(keys);
      rows.add(row(i, key, "l" + random.nextInt(5)));
    }
    return rows;
  }

  /** An exchange of {@code parts} inputs whose rows have keys in 0..keys-1 or NULL. */
  private static ExchangeNode rightExchange(Random random, int parts, int rowsPerPart, int keys) {
    List<PlanNode> inputs = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      List<List<Object>> rows = new ArrayList<>();
      int n = random.nextInt(rowsPerPart + 1);
      for (int i = 0; i < n; i++) {
        Long key = random.nextInt(6) == 0 ? null : (long) random.nextInt(keys);
        String s = random.nextInt(10) == 0 ? null : "r" + random.nextInt(3);
        rows.add(row(key, s, p * 1000 + i));
      }
      inputs.add(new ValuesNode(RIGHT, rows));
    }
    return new ExchangeNode(inputs);
  }

  private List<List<Object>> execute(PlanNode plan, ExecutorService pool, int batchSize) {
    return sorted(run(Executor.build(plan, ctx(pool, batchSize))));
  }

  @Test
  void everyKindEqualsTheSerialBuild() {
    Random random = new Random(42);
    for (int round = 0; round < 6; round++) {
      List<List<Object>> left = leftRows(random, 40 + random.nextInt(60), 12);
      ExchangeNode right = rightExchange(random, 2 + random.nextInt(6), 30, 12);
      for (JoinKind kind : JoinKind.values()) {
        for (List<Integer> keys : List.of(List.of(1), List.of(1, 2))) {
          List<Integer> rightKeys = keys.size() == 1 ? List.of(0) : List.of(0, 1);
          JoinNode join =
              new JoinNode(new ValuesNode(LEFT, left), right, kind, keys, rightKeys, null);
          for (int batchSize : new int[] {1, 2, 3, 64}) {
            List<List<Object>> serial = execute(join, serialPool, batchSize);
            List<List<Object>> parallel = execute(join, parallelPool, batchSize);
            assertEquals(
                serial, parallel, kind + " on " + keys + " with batches of " + batchSize);
          }
        }
      }
    }
  }

  @Test
  void joinWithoutKeysEqualsTheSerialBuild() {
    Random random = new Random(7);
    List<List<Object>> left = leftRows(random, 12, 4);
    ExchangeNode right = rightExchange(random, 4, 6, 4);
    for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.SEMI, JoinKind.ANTI)) {
      JoinNode join =
          new JoinNode(new ValuesNode(LEFT, left), right, kind, List.of(), List.of(), null);
      assertEquals(execute(join, serialPool, 2), execute(join, parallelPool, 2), kind.name());
    }
  }

  @Test
  void emptyInputsAndAnEmptyBuild() {
    Random random = new Random(3);
    List<List<Object>> left = leftRows(random, 20, 5);
    List<PlanNode> inputs = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      inputs.add(new ValuesNode(RIGHT, List.of()));
    }
    for (JoinKind kind : JoinKind.values()) {
      JoinNode join =
          new JoinNode(
              new ValuesNode(LEFT, left),
              new ExchangeNode(inputs),
              kind,
              List.of(1),
              List.of(0),
              null);
      List<List<Object>> parallel = execute(join, parallelPool, 3);
      assertEquals(execute(join, serialPool, 3), parallel, kind.name());
      boolean keepsLeft = kind == JoinKind.LEFT || kind == JoinKind.FULL || kind == JoinKind.ANTI;
      assertEquals(keepsLeft ? left.size() : 0, parallel.size(), kind.name());
    }
  }

  /**
   * The per-shard joins of an exchange share one build: while one of them drains it, the others
   * help instead of waiting, and every fragment's rows come out once.
   */
  @Test
  void sharedBuildOfManyFragmentsEqualsTheSerialBuild() {
    Random random = new Random(11);
    ExchangeNode right = rightExchange(random, 6, 50, 20);
    for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.SEMI, JoinKind.ANTI)) {
      List<PlanNode> fragments = new ArrayList<>();
      for (int f = 0; f < 5; f++) {
        fragments.add(
            new JoinNode(
                new ValuesNode(LEFT, leftRows(random, 30, 20)),
                right,
                kind,
                List.of(1),
                List.of(0),
                null));
      }
      ExchangeNode plan = new ExchangeNode(fragments);
      for (int batchSize : new int[] {1, 5, 100}) {
        assertEquals(
            execute(plan, serialPool, batchSize),
            execute(plan, parallelPool, batchSize),
            kind + " with batches of " + batchSize);
      }
    }
  }

  /** Two inputs of the build are drained at the same time, by different threads. */
  @Test
  void inputsAreDrainedOnSeveralThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Operator> inputs = new ArrayList<>();
    List<ValuesNode> nodes = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      ValuesNode node = new ValuesNode(RIGHT, List.of(row((long) p, "x", p)));
      nodes.add(node);
      inputs.add(meetingInput(node, threads, bothStarted));
    }
    ExecContext ctx = ctx(parallelPool, 16);
    ExchangeNode exchange = new ExchangeNode(List.copyOf(nodes));
    JoinNode node =
        new JoinNode(
            new ValuesNode(LEFT, List.of(row(1, 0L, "a"), row(2, 1L, "b"), row(3, 2L, "c"))),
            exchange,
            JoinKind.INNER,
            List.of(1),
            List.of(0),
            null);
    HashJoinOperator join =
        new HashJoinOperator(
            node,
            Executor.build(node.left(), ctx),
            new ExchangeOperator(exchange, inputs, ctx),
            ctx);
    assertEquals(
        List.of(row(1, 0L, "a", 0L, "x", 0), row(2, 1L, "b", 1L, "x", 1)), sorted(run(join)));
    assertEquals(2, threads.size(), "threads that drained the inputs: " + threads);
  }

  /** An input that records its thread and waits (up to a minute) until another input started. */
  private Operator meetingInput(ValuesNode node, Set<String> threads, CountDownLatch bothStarted) {
    Schema schema = ArrowTypes.toSchema(node.schema());
    return new Operator() {
      private boolean done;

      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public VectorSchemaRoot next() {
        if (done) {
          return null;
        }
        done = true;
        threads.add(Thread.currentThread().getName());
        bothStarted.countDown();
        try {
          bothStarted.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Batches.fromRows(node.schema(), node.rows(), allocator);
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void failingInputFailsTheJoinAndFreesEverything() {
    ExecContext ctx = ctx(parallelPool, 4);
    List<Operator> inputs = new ArrayList<>();
    List<PlanNode> nodes = new ArrayList<>();
    List<Boolean> closed = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        rows.add(row((long) i, "r", i));
      }
      ValuesNode values = new ValuesNode(RIGHT, rows);
      nodes.add(values);
      closed.add(false);
      Operator real = Executor.build(values, ctx);
      int index = p;
      inputs.add(
          new Operator() {
            private int batches;

            @Override
            public Schema schema() {
              return real.schema();
            }

            @Override
            public VectorSchemaRoot next() {
              if (index == 3 && ++batches == 3) {
                throw new QuarryException(ErrorCode.CORRUPT_DATA, "shard 3 is broken");
              }
              return real.next();
            }

            @Override
            public void close() {
              synchronized (closed) {
                closed.set(index, true);
              }
              real.close();
            }
          });
    }
    ExchangeNode exchange = new ExchangeNode(nodes);
    JoinNode node =
        new JoinNode(
            new ValuesNode(LEFT, List.of(row(1, 1L, "a"))),
            exchange,
            JoinKind.INNER,
            List.of(1),
            List.of(0),
            null);
    HashJoinOperator join =
        new HashJoinOperator(
            node,
            Executor.build(node.left(), ctx),
            new ExchangeOperator(exchange, inputs, ctx),
            ctx);
    QuarryException e = assertThrows(QuarryException.class, () -> run(join));
    assertEquals("shard 3 is broken", e.getMessage());
    synchronized (closed) {
      assertFalse(closed.contains(false), "every input is closed: " + closed);
    }
    assertEquals(0, allocator.getAllocatedMemory());
  }
}
