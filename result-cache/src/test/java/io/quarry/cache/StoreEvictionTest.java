package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored results evicted least recently used first, without losing a block anything else needs. */
class StoreEvictionTest {
  private static final List<Column> COLUMNS =
      List.of(
          new Column("k", DataType.of(TypeKind.INT)), new Column("total", DataType.decimal(12, 2)));

  @TempDir Path home;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private FragmentKey key(ResultCache cache, int threshold) {
    return cache.fragmentKey(ResultCacheTest.partialSum(ResultCacheTest.SHARD_A, threshold, "t"));
  }

  private Cid store(ResultCache cache, FragmentKey key, int rows) {
    List<List<Object>> data = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(List.of(i, new BigDecimal(i + ".25")));
    }
    return cache.store(key, COLUMNS, data, true, allocator).cid();
  }

  /** Lets the clock move on, so that entries written or read one after the other differ in time. */
  private static void tick() throws InterruptedException {
    Thread.sleep(25);
  }

  @Test
  void evictsTheLeastRecentlyUsedAndKeepsWhatOthersLinkTo() throws Exception {
    Cid pinned;
    Cid old;
    Cid shared;
    Cid recent;
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      pinned = store(cache, key(cache, 1), 10);
      tick();
      old = store(cache, key(cache, 2), 20);
      tick();
      shared = store(cache, key(cache, 3), 30);
      // Another key with the same rows: one result under two entries.
      assertEquals(shared, store(cache, key(cache, 4), 30));
      tick();
      recent = store(cache, key(cache, 5), 40);
      // A dataset version whose root is the first result: its blocks are the dataset's too.
      store.datasets().append("kept", pinned);
    }
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      tick();
      // Read from the store: the oldest result becomes the most recently used.
      assertTrue(cache.lookup(key(cache, 1), 0).isPresent());

      StoreEviction.Report dry = cache.evictStored(0, true);
      assertEquals(4, dry.results(), "four results under five entries");
      assertEquals(4, dry.evicted());
      assertEquals(3, dry.blocksDeleted(), "all but the dataset's");
      assertTrue(store.blocks().has(old), "a dry run deletes nothing");
      assertEquals(5, Stats.of(cache, "L2", "fragment").entries());

      long twoNewest = dry.resultBytes() - size(store, old) - size(store, shared);
      StoreEviction.Report r = cache.evictStored(twoNewest, false);
      assertEquals(2, r.evicted(), "the least recently used: the second and the shared one");
      assertEquals(2, r.blocksDeleted());
      assertEquals(r.evictedBytes(), r.bytesFreed());
      assertFalse(store.blocks().has(old));
      assertFalse(store.blocks().has(shared));
      assertTrue(store.blocks().has(recent));
      assertEquals(2, Stats.of(cache, "L2", "fragment").entries(), "three entries removed");
      assertTrue(cache.lookup(key(cache, 3), 0).isEmpty(), "evicted");
      assertTrue(cache.lookup(key(cache, 5), 0).isPresent());

      StoreEviction.Report all = cache.evictStored(0, false);
      assertEquals(2, all.evicted());
      assertEquals(1, all.blocksDeleted(), "the dataset's block stays");
      assertTrue(store.blocks().has(pinned));
      assertFalse(store.blocks().has(recent));
      assertEquals(0, cache.evictStored(0, false).results());
    }
    try (Store store = Store.open(home)) {
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      assertTrue(cache.lookup(key(cache, 1), 0).isEmpty(), "evicted: computed again next time");
      assertEquals(0, Stats.of(cache, "L2", "fragment").entries());
    }
  }

  private static long size(Store store, Cid block) throws Exception {
    return java.nio.file.Files.size(store.blocks().pathOf(block));
  }
}
