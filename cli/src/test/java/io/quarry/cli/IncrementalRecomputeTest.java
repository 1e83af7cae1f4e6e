package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.FragmentKey;
import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.exec.vector.Batches;
import io.quarry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an append, an aggregate recomputes only the new shards' fragments: the real importer, the
 * real planner and executor, and the cache's count of fragments computed.
 */
class IncrementalRecomputeTest {
  private static final String SQL = "SELECT k, sum(v) AS s, count(*) AS n FROM t GROUP BY k ORDER BY k";

  @TempDir Path dir;

  private Path csv(String name, int from, int to) throws Exception {
    StringBuilder text = new StringBuilder("k,v\n");
    for (int i = from; i < to; i++) {
      text.append("k").append(i % 4).append(',').append(i).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<List<Object>> expected(int rows) {
    Map<String, long[]> groups = new TreeMap<>();
    for (int i = 0; i < rows; i++) {
      long[] g = groups.computeIfAbsent("k" + (i % 4), k -> new long[2]);
      g[0] += i;
      g[1]++;
    }
    List<List<Object>> out = new ArrayList<>();
    groups.forEach((k, g) -> out.add(List.of(k, g[0], g[1])));
    return out;
  }

  private static List<List<Object>> run(Store store, ResultCache cache, List<CachedQuery.Outcome> outcomes) {
    List<List<Object>> rows = new ArrayList<>();
    outcomes.add(CachedQuery.run(store, cache, SQL, c -> { }, b -> rows.addAll(Batches.toRows(b))));
    List<List<Object>> normalized = new ArrayList<>();
    for (List<Object> r : rows) {
      normalized.add(List.of(r.get(0), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue()));
    }
    return normalized;
  }

  @Test
  void onlyAppendedShardsAreRecomputed() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportOptions options = ImportOptions.create("t").withShardRows(10);
      DatasetImporter.run(store, List.of(csv("a.csv", 0, 30)), options, ImportProgress.NONE);
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      List<CachedQuery.Outcome> outcomes = new ArrayList<>();

      assertEquals(expected(30), run(store, cache, outcomes));
      assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT), "one leaf fragment per shard");
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));

      assertEquals(expected(30), run(store, cache, outcomes));
      assertEquals(3, cache.computed(FragmentKey.Kind.FRAGMENT), "a repeated query computes nothing");
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));
      assertTrue(outcomes.get(1).hit());
      assertEquals(outcomes.get(0).resultCid(), outcomes.get(1).resultCid());

      DatasetImporter.run(store, List.of(csv("b.csv", 30, 40)), options.withAppend(true), ImportProgress.NONE);
      assertEquals(expected(40), run(store, cache, outcomes));
      assertEquals(4, cache.computed(FragmentKey.Kind.FRAGMENT), "only the appended shard ran");
      assertEquals(2, cache.computed(FragmentKey.Kind.QUERY));
      assertNotEquals(outcomes.get(0).resultCid(), outcomes.get(2).resultCid());

      ResultCache restarted = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      assertEquals(expected(40), run(store, restarted, outcomes));
      assertEquals(0, restarted.computed(FragmentKey.Kind.QUERY), "the store answers after a restart");
    }
  }
}
