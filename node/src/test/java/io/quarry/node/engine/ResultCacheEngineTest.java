package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.FragmentKey;
import io.quarry.cache.ResultCache;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with its result cache: the real importer, planner and executor, counted fragments. */
class ResultCacheEngineTest {
  private static final String SQL =
      "SELECT emp_id, sum(amount) AS total, count(*) AS n FROM sales GROUP BY emp_id ORDER BY emp_id";

  @TempDir Path dir;

  private static List<List<Object>> read(QueryEngine engine, String sql, QueryOptions options) {
    try (QueryResult result = engine.execute(sql, options)) {
      return Rows.read(result);
    }
  }

  private static long fragments(ResultCache cache) {
    return cache.computed(FragmentKey.Kind.FRAGMENT);
  }

  @Test
  void repeatsHitAppendsRecomputeOnlyNewShardsAndCacheOffBypasses() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      ResultCache cache = engine.cache();
      List<List<Object>> cold = read(engine, SQL, QueryOptions.DEFAULTS);
      assertEquals(4, fragments(cache), "30 sales in shards of 8: one partial aggregate each");
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));

      assertEquals(cold, read(engine, SQL, QueryOptions.DEFAULTS));
      assertEquals(4, fragments(cache));
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY), "the repeat is answered whole");

      assertEquals(cold, read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)));
      assertEquals(4, fragments(cache));
      assertEquals(1, cache.computed(FragmentKey.Kind.QUERY));
      long lookups = cache.stats().stream().mapToLong(s -> s.hits() + s.misses()).sum();

      Path more = Files.writeString(dir.resolve("more.csv"), "id,emp_id,sale_day,amount,qty\n31,1,2024-05-30,10.50,2\n32,2,2024-06-01,3.25,1\n");
      DatasetImporter.run(
          store,
          List.of(more),
          new ImportOptions(
              "sales",
              true,
              8,
              Map.of(
                  "id", DataType.of(TypeKind.BIGINT),
                  "emp_id", DataType.of(TypeKind.INT),
                  "sale_day", DataType.of(TypeKind.DATE),
                  "amount", DataType.decimal(12, 2),
                  "qty", DataType.of(TypeKind.INT))),
          ImportProgress.NONE);
      List<List<Object>> after = read(engine, SQL, QueryOptions.DEFAULTS);
      assertEquals(5, fragments(cache), "only the appended shard's fragment ran");
      assertEquals(read(engine, SQL, QueryOptions.DEFAULTS.withCache(false)), after);
      assertEquals(5, fragments(cache));
      assertTrue(cache.stats().stream().mapToLong(s -> s.hits() + s.misses()).sum() > lookups);

      List<List<Object>> show = read(engine, "SHOW CACHE", QueryOptions.DEFAULTS);
      assertEquals(6, show.size(), show.toString());
      assertEquals("[L3, fragment, 0, 0, 0, 0]", show.get(4).toString(), "an embedded engine has no L3");
      assertEquals("L1", show.get(0).get(0));
      assertEquals("fragment", show.get(0).get(1));
      assertTrue(((Number) show.get(0).get(2)).longValue() >= 4, show.toString());

      String explain = String.valueOf(read(engine, "EXPLAIN " + SQL, QueryOptions.DEFAULTS));
      assertTrue(explain.contains("cache: query cached"), explain);
      assertTrue(explain.contains("fragments cached 5 of 5"), explain);
    }
  }
}
