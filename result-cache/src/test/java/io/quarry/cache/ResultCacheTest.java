package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {
  static final String SHARD_A = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final String SHARD_B = "bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq";
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType DEC = DataType.decimal(12, 2);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT).withNullable(false);

  @TempDir Path home;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static PlanNode partialSum(String shard, int threshold, String name) {
    ScanNode scan =
        new ScanNode(
            new ShardRef(shard, 1000, 20_000),
            List.of(new Column("k", INT), new Column("v", DEC)),
            new Call(Op.GT, DataType.of(TypeKind.BOOLEAN), new ColumnRef(0, INT), new Literal(threshold, INT)));
    return new AggregateNode(
        scan, List.of(0), List.of(new AggCall(AggFunction.SUM, List.of(1), DEC, name)), AggPhase.PARTIAL);
  }

  @Test
  void sameFragmentSameKeyAndEveryInputChangesIt() {
    String v = ResultCacheConfig.ENGINE_VERSION;
    FragmentKey key = FragmentKey.forFragment(partialSum(SHARD_A, 5, "total"), v);
    assertEquals(key, FragmentKey.forFragment(partialSum(SHARD_A, 5, "total"), v));
    assertEquals(key, FragmentKey.forFragment(partialSum(SHARD_A, 5, "renamed"), v));
    assertNotEquals(key, FragmentKey.forFragment(partialSum(SHARD_B, 5, "total"), v));
    assertNotEquals(key, FragmentKey.forFragment(partialSum(SHARD_A, 6, "total"), v));
    assertNotEquals(key, FragmentKey.forFragment(partialSum(SHARD_A, 5, "total"), v + "-next"));
    assertNotEquals(key.cid(), FragmentKey.forQuery(partialSum(SHARD_A, 5, "total"), v).cid());
    assertNotEquals(
        FragmentKey.forQuery(partialSum(SHARD_A, 5, "total"), v),
        FragmentKey.forQuery(partialSum(SHARD_A, 5, "renamed"), v));
    assertEquals(0x55, key.cid().codec());
  }

  @Test
  void shardCidsAreSortedAndDistinct() {
    PlanNode twice =
        new io.quarry.exec.plan.UnionNode(
            List.of(partialSum(SHARD_B, 1, "x"), partialSum(SHARD_A, 1, "x"), partialSum(SHARD_B, 2, "x")));
    assertEquals(List.of(SHARD_B, SHARD_A).stream().sorted().toList(), FragmentKey.shardCids(twice));
    assertEquals(40_000, FragmentKey.inputBytes(twice));
  }

  @Test
  void storedResultSurvivesARestart() {
    List<Column> columns = List.of(new Column("k", INT), new Column("total", DEC));
    List<List<Object>> rows = List.of(List.of(2, new BigDecimal("3.50")), Arrays.asList(1, null));
    FragmentKey key;
    StoredResult first;
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      key = cache.fragmentKey(partialSum(SHARD_A, 5, "total"));
      assertTrue(cache.lookup(key, 0).isEmpty());
      first = cache.store(key, columns, rows, true, allocator);
      assertEquals(first.cid(), cache.lookup(key, 7).orElseThrow().cid());
      assertEquals(new CacheStats("L1", "fragment", 1, 1, 7, 1), Stats.of(cache, "L1", "fragment"));
    }
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      assertEquals(Optional.of(first.cid()), cache.resultOf(key));
      StoredResult again = cache.lookup(key, 11).orElseThrow();
      assertEquals(first.cid(), again.cid());
      assertEquals(2, again.rows());
      List<CacheStats> stats = cache.stats();
      assertEquals(new CacheStats("L1", "fragment", 0, 1, 0, 1), Stats.of(stats, "L1", "fragment"));
      assertEquals(new CacheStats("L2", "fragment", 1, 0, 11, 1), Stats.of(stats, "L2", "fragment"));
      ResultEncoding.Decoded decoded = ResultEncoding.decode(cache.read(again.cid()), allocator);
      assertEquals(List.of(Arrays.asList(1, null), List.of(2, new BigDecimal("3.50"))), decoded.rows());
    }
  }

  @Test
  void canonicalOrderMakesTheResultCidIndependentOfRowOrder() {
    List<Column> columns =
        List.of(new Column("k", INT), new Column("d", DataType.of(TypeKind.DOUBLE)), new Column("s", DataType.of(TypeKind.VARCHAR)));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      rows.add(Arrays.asList(i % 7 == 0 ? null : i % 100, (double) (i % 13) / 3, "s" + (i % 11)));
    }
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      FragmentKey key = cache.fragmentKey(partialSum(SHARD_A, 1, "x"));
      StoredResult a = cache.store(key, columns, rows, true, allocator);
      List<List<Object>> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new java.util.Random(42));
      StoredResult b = cache.store(key, columns, shuffled, true, allocator);
      assertEquals(a.cid(), b.cid());
      StoredResult unsorted = cache.store(key, columns, shuffled, false, allocator);
      assertNotEquals(a.cid(), unsorted.cid());
      List<List<Object>> decoded = ResultEncoding.decode(a.ipc(), allocator).rows();
      List<List<Object>> expected = new ArrayList<>(rows);
      expected.sort(ResultEncoding.CANONICAL_ORDER);
      assertEquals(expected, decoded);
    }
  }

  @Test
  void l1EvictsBySizeAndL2StillAnswers() {
    List<Column> columns = List.of(new Column("k", BIGINT));
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS.withL1MaxBytes(20_000));
      List<FragmentKey> keys = new ArrayList<>();
      long size = 0;
      for (int i = 0; i < 5; i++) {
        FragmentKey key = cache.fragmentKey(partialSum(SHARD_A, i, "x"));
        keys.add(key);
        List<List<Object>> rows = new ArrayList<>();
        for (long r = 0; r < 1000; r++) {
          rows.add(List.of(r * i));
        }
        size = cache.store(key, columns, rows, true, allocator).ipc().length;
      }
      assertTrue(size > 5000, "each result is about 8 KB: " + size);
      assertTrue(cache.l1Bytes() <= 20_000, "L1 holds " + cache.l1Bytes());
      CacheStats l1 = Stats.of(cache, "L1", "fragment");
      assertTrue(l1.entries() < 5, "L1 kept " + l1.entries());
      assertEquals(5, Stats.of(cache, "L2", "fragment").entries());
      for (FragmentKey key : keys) {
        assertTrue(cache.lookup(key, 1).isPresent());
      }
      assertTrue(Stats.of(cache, "L2", "fragment").hits() > 0, "evicted results come from L2");
      assertEquals(5, Stats.of(cache, "L1", "fragment").hits() + Stats.of(cache, "L2", "fragment").hits());
    }
  }
}
