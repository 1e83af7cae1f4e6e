package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** system.cache and system.datasets: live engine state, usable like any table. */
class SystemTablesTest {
  private static final String AGG = "SELECT emp_id, sum(qty) AS q FROM sales GROUP BY emp_id";

  @TempDir Path dir;

  private static List<List<Object>> read(QueryEngine engine, String sql) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS)) {
      return Rows.read(result);
    }
  }

  private static long number(Object value) {
    return ((BigDecimal) value).longValueExact();
  }

  @Test
  void systemCacheShowsTheLiveCountersEveryTime() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      String hits =
          "SELECT kind, hits, misses, entries FROM system.cache WHERE level = 'L1' ORDER BY kind";
      List<List<Object>> before = read(engine, hits);
      assertEquals(3, before.size(), before.toString());
      assertEquals(
          List.of("fragment", "merge", "query"),
          List.of(before.get(0).get(0), before.get(1).get(0), before.get(2).get(0)));
      assertEquals(0, number(before.get(0).get(3)));

      read(engine, AGG);
      List<List<Object>> afterOne = read(engine, hits);
      assertEquals(4, number(afterOne.get(0).get(3)), "four fragments are held in L1");
      assertTrue(number(afterOne.get(0).get(2)) >= 4, afterOne.toString());

      read(engine, AGG);
      List<List<Object>> afterTwo = read(engine, hits);
      assertEquals(
          1, number(afterTwo.get(2).get(1)) - number(afterOne.get(2).get(1)), "one query hit");
      assertEquals(read(engine, "SHOW CACHE"), read(engine, "SELECT * FROM system.cache"));
    }
  }

  @Test
  void aggregatesJoinsAndDescribeWork() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      read(engine, AGG);
      read(engine, AGG);
      List<List<Object>> levels =
          read(
              engine,
              "SELECT level, sum(hits) AS hits, sum(entries) AS e FROM SYSTEM.CACHE GROUP BY level"
                  + " ORDER BY level");
      assertEquals(
          List.of("L1", "L2"),
          levels.stream().map(r -> r.get(0)).filter(l -> !l.equals("L3")).toList(),
          levels.toString());
      assertEquals(1, number(levels.get(0).get(1)), "the repeated query hit L1");
      assertEquals(5, number(levels.get(0).get(2)), "4 fragments and 1 query in L1");

      List<List<Object>> joined =
          read(
              engine,
              "SELECT d.name, d.shards, count(*) AS n FROM system.datasets d JOIN sales s ON s.id <"
                  + " d.shards GROUP BY d.name, d.shards ORDER BY d.name");
      assertEquals(3, joined.size(), joined.toString());
      assertEquals(List.of("dept", new BigDecimal(2), new BigDecimal(1)), joined.get(0));

      List<List<Object>> datasets = read(engine, "SELECT * FROM system.datasets ORDER BY name");
      List<List<Object>> show = read(engine, "SHOW DATASETS");
      assertEquals(show.size(), datasets.size());
      for (int i = 0; i < show.size(); i++) {
        assertEquals(show.get(i).subList(0, 5), datasets.get(i).subList(0, 5));
      }

      List<List<Object>> columns = read(engine, "DESCRIBE system.cache");
      assertEquals(
          List.of("level", "kind", "hits", "misses", "bytes_saved", "entries"),
          columns.stream().map(r -> r.get(0)).toList());
      assertEquals("BIGINT", columns.get(2).get(1));
    }
  }

  @Test
  void queriesOverSystemTablesAreNeitherPlannedFromCacheNorKept() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      String misses = "SELECT sum(misses) AS m FROM system.cache";
      long first = number(read(engine, misses).get(0).get(0));
      read(engine, AGG);
      long second = number(read(engine, misses).get(0).get(0));
      assertTrue(second > first, first + " then " + second);
      long entries =
          number(
              read(engine, "SELECT sum(entries) FROM system.cache WHERE kind = 'query'")
                  .get(0)
                  .get(0));
      read(engine, "SELECT s.id, c.hits FROM sales s, system.cache c WHERE s.id = 1");
      read(engine, "SELECT s.id, c.hits FROM sales s, system.cache c WHERE s.id = 1");
      assertEquals(
          entries,
          number(
              read(engine, "SELECT sum(entries) FROM system.cache WHERE kind = 'query'")
                  .get(0)
                  .get(0)),
          "a query over a system table is never kept");
    }
  }
}
