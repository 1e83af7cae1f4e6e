package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.ShardResolver;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.vector.Batches;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import io.quarry.unixfs.ImportProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans run by the real executor over real Parquet shards, with the cache between. */
class CachedExecutionTest {
  static final DataType INT = DataType.of(TypeKind.INT).withNullable(false);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final List<Column> COLUMNS = List.of(new Column("k", INT), new Column("v", BIGINT));
  /** Small batches: a shard is many more batches than an exchange buffers. */
  static final int BATCH = 256;

  @TempDir Path home;
  @TempDir Path work;
  @TempDir Path otherHome;
  private final RootAllocator allocator = new RootAllocator();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private Store store;
  private final List<ShardRef> shards = new ArrayList<>();

  @BeforeEach
  void writeShards() throws Exception {
    store = Store.open(home);
    for (int s = 0; s < 3; s++) {
      Path file = work.resolve("part-" + s + ".parquet");
      try (ShardWriter w = new ShardWriter(file, COLUMNS)) {
        for (int r = 0; r < 5000; r++) {
          w.write(new Object[] {r % 10, r % 7 == 0 ? null : (long) (s * 100_000 + r)});
        }
      }
      Cid cid = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
      shards.add(new ShardRef(cid.toString(), 5000, Files.size(file)));
    }
  }

  @AfterEach
  void close() {
    // Results are written in the background: they reach the store before it is deleted.
    BackgroundWrites.flush();
    pool.shutdownNow();
    store.close();
    allocator.close();
  }

  private PlanNode sumByKey(List<ShardRef> inputs, String name) {
    List<AggCall> calls =
        List.of(
            new AggCall(AggFunction.SUM, List.of(1), BIGINT, name),
            new AggCall(AggFunction.COUNT_STAR, List.of(), DataType.of(TypeKind.BIGINT).withNullable(false), "n"));
    List<PlanNode> fragments = new ArrayList<>();
    for (ShardRef shard : inputs) {
      fragments.add(
          new AggregateNode(new ScanNode(shard, COLUMNS, null), List.of(0), calls, AggPhase.PARTIAL));
    }
    PlanNode finalAgg = new AggregateNode(new ExchangeNode(fragments), List.of(0), calls, AggPhase.FINAL);
    return new SortNode(finalAgg, List.of(new SortKey(0, false, false)), 0, -1);
  }

  private List<List<Object>> run(PlanNode plan, ResultCache cache, boolean wholeQuery, ShardResolver resolver) {
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      ExecContext ctx =
          cache == null
              ? new ExecContext(query, resolver, pool, BATCH)
              : new ExecContext(query, resolver, pool, BATCH, cache.fragmentRunner());
      Operator op =
          wholeQuery ? cache.query(plan, () -> Executor.build(plan, ctx), ctx) : Executor.build(plan, ctx);
      List<List<Object>> rows = new ArrayList<>();
      try (op) {
        rows.addAll(drain(op));
      }
      return rows;
    }
  }

  static List<List<Object>> drain(Operator op) {
    List<List<Object>> rows = new ArrayList<>();
    while (true) {
      try (VectorSchemaRoot b = op.next()) {
        if (b == null) {
          return rows;
        }
        rows.addAll(Batches.toRows(b));
      }
    }
  }

  private ShardResolver local() {
    return shard -> store.wholeFile(Cid.parse(shard.cid()));
  }

  /** Another node's results, as a node finds them: by announced key, fetched by result CID. */
  private static RemoteResults otherNode(ResultCache other, boolean corrupt) {
    return new RemoteResults() {
      @Override
      public java.util.Optional<Located> find(FragmentKey key) {
        return other.held(key);
      }

      @Override
      public java.util.Optional<byte[]> fetch(Located result) {
        byte[] ipc = other.read(result.result());
        if (corrupt) {
          ipc[ipc.length / 2] ^= 1;
        }
        return java.util.Optional.of(ipc);
      }

      @Override
      public long entries() {
        return other.heldKeys().size();
      }
    };
  }

  @Test
  void anotherNodesResultsAreFetchedStoredAndReplayedFromL3() {
    ResultCache a = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    List<List<Object>> expected = run(plan, a, true, local());
    assertEquals(3, a.computed(FragmentKey.Kind.FRAGMENT));

    ShardResolver unreachable =
        shard -> {
          throw new AssertionError("a fragment held elsewhere read its shard " + shard.cid());
        };
    try (Store otherStore = Store.open(otherHome)) {
      ResultCache b = ResultCache.open(otherStore, ResultCacheConfig.DEFAULTS);
      b.useRemote(otherNode(a, false));
      // Fragments: another query shape over the same fragments (the whole query is not shared).
      PlanNode renamed = sumByKey(shards, "renamed");
      assertEquals(expected, run(renamed, b, false, unreachable));
      assertEquals(0, b.computed(FragmentKey.Kind.FRAGMENT));
      CacheStats l3 = Stats.of(b, "L3", "fragment");
      assertEquals(new CacheStats("L3", "fragment", 3, 0, shards.stream().mapToLong(ShardRef::bytes).sum(), 4), l3);
      // Now in B's own store: a restarted B answers from L2 without asking anyone.
      ResultCache restarted = ResultCache.open(otherStore, ResultCacheConfig.DEFAULTS);
      assertEquals(expected, run(renamed, restarted, false, unreachable));
      assertEquals(3, Stats.of(restarted, "L2", "fragment").hits());

      // The whole query, through the operator that says where its rows came from.
      try (BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE)) {
        ExecContext ctx = new ExecContext(query, unreachable, pool, BATCH, b.fragmentRunner());
        CachedOperator op =
            (CachedOperator)
                b.query(
                    plan,
                    () -> {
                      throw new AssertionError("the whole query was computed");
                    },
                    ctx);
        try (op) {
          assertEquals(expected, drain(op));
        }
        assertEquals(java.util.Optional.of("L3"), op.level());
        assertEquals(a.resultOf(a.queryKey(plan)), op.resultCid());
      }
    }
  }

  @Test
  void aResultThatIsNotWhatWasAnnouncedIsComputedInstead() {
    ResultCache a = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    List<List<Object>> expected = run(plan, a, false, local());
    try (Store otherStore = Store.open(otherHome)) {
      ResultCache b = ResultCache.open(otherStore, ResultCacheConfig.DEFAULTS);
      b.useRemote(otherNode(a, true));
      assertEquals(expected, run(plan, b, false, shard -> store.wholeFile(Cid.parse(shard.cid()))));
      assertEquals(3, b.computed(FragmentKey.Kind.FRAGMENT));
      assertEquals(3, Stats.of(b, "L3", "fragment").misses());
      assertEquals(0, Stats.of(b, "L3", "fragment").hits());
    }
  }

  @Test
  void fragmentsComputeOnceThenReplay() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    List<List<Object>> expected = run(plan, null, false, local());
    assertEquals(10, expected.size());

    assertEquals(expected, run(plan, cache, false, local()));
    assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT));
    assertEquals(3, cache.stored());

    ShardResolver unreachable =
        shard -> {
          throw new AssertionError("a cached fragment read its shard " + shard.cid());
        };
    assertEquals(expected, run(sumByKey(shards, "renamed"), cache, false, unreachable));
    assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT));
    assertEquals(3, Stats.of(cache, "L1", "fragment").hits());

    ResultCache restarted = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    assertEquals(expected, run(plan, restarted, false, unreachable));
    assertEquals(0, restarted.computed(FragmentKey.Kind.FRAGMENT));
    assertEquals(3, Stats.of(restarted, "L2", "fragment").hits());
    long savedBytes = shards.stream().mapToLong(ShardRef::bytes).sum();
    assertEquals(savedBytes, Stats.of(restarted, "L2", "fragment").bytesSaved());
  }

  @Test
  void missesGoThroughTheNextRunnerAndHitsDoNot() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    java.util.concurrent.atomic.AtomicInteger dispatched = new java.util.concurrent.atomic.AtomicInteger();
    io.quarry.exec.FragmentRunner remote =
        (fragment, compute, ctx) -> {
          dispatched.incrementAndGet();
          return compute.get();
        };
    PlanNode plan = sumByKey(shards, "total");
    for (int i = 0; i < 2; i++) {
      try (BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE)) {
        ExecContext ctx = new ExecContext(query, local(), pool, BATCH, cache.fragmentRunner(remote));
        try (Operator op = Executor.build(plan, ctx)) {
          assertEquals(10, drain(op).size());
        }
      }
    }
    assertEquals(3, dispatched.get());
  }

  @Test
  void onlyNewShardsAreComputedAfterAnAppend() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    run(sumByKey(shards.subList(0, 2), "total"), cache, false, local());
    assertEquals(2, cache.computed(FragmentKey.Kind.FRAGMENT));
    List<List<Object>> all = run(sumByKey(shards, "total"), cache, false, local());
    assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT));
    assertEquals(run(sumByKey(shards, "total"), null, false, local()), all);
  }

  @Test
  void wholeQueriesAreAnsweredWithoutBuildingThePlan() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    List<List<Object>> expected = run(plan, null, false, local());
    assertEquals(expected, run(plan, cache, true, local()));
    assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));
    assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT));
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      ExecContext ctx = new ExecContext(query, local(), pool, BATCH, cache.fragmentRunner());
      CachedOperator op =
          (CachedOperator)
              cache.query(plan, () -> {
                throw new AssertionError("a cached query was built");
              }, ctx);
      List<List<Object>> rows = new ArrayList<>();
      try (op) {
        rows.addAll(drain(op));
        assertTrue(op.hit());
        assertEquals(cache.resultOf(cache.queryKey(plan)), op.resultCid());
      }
      assertEquals(expected, rows, "ORDER BY order is kept");
    }
    assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));
  }

  @Test
  void aPlanIsKeyedOncePerPlanObject() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    KeyedPlan keyed = cache.keyedQuery(plan).orElseThrow();
    assertTrue(keyed == cache.keyedQuery(plan).orElseThrow(), "kept with the plan object");
    assertEquals(FragmentKey.forQuery(plan, ResultCacheConfig.ENGINE_VERSION), keyed.key());
    assertEquals(keyed.key(), cache.queryKey(plan));
    assertEquals(plan.schema(), keyed.columns());
    assertEquals(shards.stream().mapToLong(ShardRef::bytes).sum(), keyed.inputBytes());
    // An equal plan built anew has the same key.
    assertEquals(keyed.key(), cache.keyedQuery(sumByKey(shards, "total")).orElseThrow().key());
    assertFalse(cache.keyedQuery(new LimitNode(plan, 0, 1)).orElseThrow().key().equals(keyed.key()));
    PlanNode noShard =
        new io.quarry.exec.plan.ValuesNode(COLUMNS, List.of(List.of(1, 2L)));
    assertTrue(cache.keyedQuery(noShard).isEmpty(), "a plan that reads no shard is not cached");
  }

  @Test
  void computedResultsAreServedAtOnceAndReachTheStoreInTheBackground() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    PlanNode plan = sumByKey(shards, "total");
    List<List<Object>> expected = run(plan, null, false, local());
    CachedOperator computed;
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      ExecContext ctx = new ExecContext(query, local(), pool, BATCH, cache.fragmentRunner());
      computed = (CachedOperator) cache.query(plan, () -> Executor.build(plan, ctx), ctx);
      try (computed) {
        assertEquals(expected, drain(computed));
      }
    }
    assertFalse(computed.hit());
    Cid result = computed.resultCid().orElseThrow();
    // Served from memory right away, whether or not the writer has finished.
    ShardResolver unreachable =
        shard -> {
          throw new AssertionError("a cached fragment read its shard " + shard.cid());
        };
    assertEquals(expected, run(plan, cache, true, unreachable));
    assertEquals(java.util.Optional.of(result), cache.resultOf(cache.queryKey(plan)));
    // Everything computed is in the store for the next cache on it, blocks before index entries.
    assertEquals(4, cache.stored());
    assertEquals(0, cache.storeFailures());
    ResultCache restarted = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    assertEquals(4, restarted.heldKeys().size());
    assertEquals(result, restarted.held(cache.queryKey(plan)).orElseThrow().result());
    assertEquals(expected, ResultEncoding.decode(restarted.read(result), allocator).rows());
  }

  @Test
  void failedOrUnfinishedFragmentsStoreNothing() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    ShardResolver failing =
        shard -> {
          throw new QuarryException(ErrorCode.NOT_FOUND, "shard " + shard.cid() + " is gone");
        };
    QuarryException e =
        assertThrows(QuarryException.class, () -> run(sumByKey(shards, "total"), cache, false, failing));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertEquals(0, cache.stored());

    List<PlanNode> scans = new ArrayList<>();
    for (ShardRef shard : shards) {
      scans.add(new ProjectNode(new ScanNode(shard, COLUMNS, null), List.of(new ColumnRef(1, BIGINT)), List.of("v")));
    }
    List<List<Object>> firstRows = run(new LimitNode(new ExchangeNode(scans), 0, 3), cache, false, local());
    assertEquals(3, firstRows.size());
    assertEquals(0, cache.stored(), "a fragment cut short by LIMIT is not a result");
  }

  @Test
  void resultsOverTheSizeLimitAreNotKept() {
    ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS.withMaxResultBytes(1000));
    List<PlanNode> scans = new ArrayList<>();
    for (ShardRef shard : shards) {
      scans.add(new ScanNode(shard, COLUMNS, null));
    }
    assertEquals(15_000, run(new ExchangeNode(scans), cache, false, local()).size());
    assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT));
    assertEquals(0, cache.stored());
    assertFalse(cache.stats().isEmpty());
    for (PlanNode scan : scans) {
      assertTrue(cache.knownTooLarge(scan), "remembered as too large to keep");
    }
    assertFalse(cache.knownTooLarge(new ScanNode(shards.get(0), COLUMNS.subList(0, 1), null)));
  }
}
