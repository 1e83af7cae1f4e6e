package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarry.cache.FragmentKey;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.planner.PlannedQuery;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repeated query may reuse its plan, but never across a new version of a dataset it names. */
class PlanCacheTest {
  @TempDir Path dir;

  private static List<List<Object>> run(QueryEngine engine, String sql) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS)) {
      return Rows.read(result);
    }
  }

  @Test
  void newVersionIsSeenByTheSameQueryText() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      String sql = "SELECT count(*), max(id) FROM dept";
      assertEquals(List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))), run(engine, sql));
      assertEquals(List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))), run(engine, sql));
      TestStore.appendDept(store, dir);
      assertEquals(List.of(List.of(BigDecimal.valueOf(5), BigDecimal.valueOf(6))), run(engine, sql));
      assertEquals(
          List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))),
          run(engine, "SELECT count(*), max(id) FROM \"dept@1\""));
    }
  }

  private static Map<String, String> roots(Store store) {
    Map<String, String> roots = new HashMap<>();
    for (String name : store.datasets().names()) {
      roots.put(name, store.datasets().latest(name).orElseThrow().root().toString());
    }
    return roots;
  }

  /** The plan from the cache, counting how often the planner had to run. */
  private static PlannedQuery plan(
      PlanCache plans, Store store, StoreCatalog catalog, String sql, AtomicInteger planned) {
    return plans.get(
        sql,
        roots(store),
        catalog,
        () -> {
          planned.incrementAndGet();
          return new QueryPlanner(catalog).plan(sql);
        });
  }

  /**
   * What an extended plan of a grouped aggregate is: the plan made again, with the fan-out of
   * partial aggregates under its final aggregation merged into one node whose first {@code prefix}
   * shards (those of the previous version) are one part.
   */
  private static PlanNode mergedForm(PlanNode planned, int prefix) {
    AggregateNode fin = (AggregateNode) planned;
    List<PlanNode> partials = fin.input().inputs();
    List<ShardRef> shards = new ArrayList<>();
    for (PlanNode p : partials) {
      shards.add(FragmentKey.shards(p).get(0));
    }
    MergedPartialsNode merge =
        new MergedPartialsNode((AggregateNode) partials.get(0), shards, prefix);
    return new AggregateNode(
        new ExchangeNode(List.of(merge)), fin.groupKeys(), fin.calls(), fin.phase());
  }

  @Test
  void appendedShardsExtendThePlanAsPlanningAgainWould() throws Exception {
    try (Store store = TestStore.create(dir)) {
      StoreCatalog catalog = new StoreCatalog(store);
      PlanCache plans = new PlanCache(new PlanStore(dir.resolve("plans")));
      String grouped = "SELECT region, count(*) AS n, max(name) FROM dept GROUP BY region";
      List<String> extendable =
          List.of(
              grouped,
              "SELECT name FROM dept WHERE id >= 2 ORDER BY name LIMIT 3",
              // The new shard (id 6) is pruned by its statistics, as the planner prunes it.
              "SELECT count(*) FROM dept WHERE id < 4");
      List<String> others =
          List.of(
              "SELECT count(*) FROM \"dept@1\"",
              "SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept_id = d.id");
      AtomicInteger planned = new AtomicInteger();
      Map<String, PlannedQuery> before = new HashMap<>();
      for (String sql : extendable) {
        before.put(sql, plan(plans, store, catalog, sql, planned));
      }
      for (String sql : others) {
        plan(plans, store, catalog, sql, planned);
      }
      assertEquals(extendable.size() + others.size(), planned.get());

      TestStore.appendDept(store, dir);
      planned.set(0);
      for (String sql : extendable) {
        PlannedQuery extended = plan(plans, store, catalog, sql, planned);
        PlanNode again = new QueryPlanner(catalog).plan(sql).root();
        assertEquals(sql == grouped ? mergedForm(again, 2) : again, extended.root(), sql);
        assertEquals(again, MergeChoice.perShard(extended.root()), "without the cache: " + sql);
      }
      assertEquals(0, planned.get(), "an append needs no planning");
      assertNotEquals(before.get(extendable.get(0)).root(), plan(plans, store, catalog, extendable.get(0), planned).root());
      for (String sql : others) {
        assertEquals(
            new QueryPlanner(catalog).plan(sql).root(), plan(plans, store, catalog, sql, planned).root(), sql);
      }

      // A restarted engine finds the plans in the store and extends them to the next append.
      Path csv = dir.resolve("inputs").resolve("dept2.csv");
      java.nio.file.Files.writeString(csv, "id,name,region\n7,Finance,EU\n");
      TestStore.appendDept(store, dir);
      PlanCache restarted = new PlanCache(new PlanStore(dir.resolve("plans")));
      planned.set(0);
      for (String sql : extendable) {
        PlanNode again = new QueryPlanner(catalog).plan(sql).root();
        assertEquals(
            sql == grouped ? mergedForm(again, 3) : again,
            plan(restarted, store, catalog, sql, planned).root(),
            sql);
      }
      assertEquals(0, planned.get(), "a restart needs no planning either");
    }
  }
}
