package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator that holds no shard runs a query's leaf fragments on the nodes that hold them, and
 * when a holder is gone, on the next one; the answer equals the one computed where the data is.
 */
class DistributedExecutionTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String SQL =
      "SELECT city, count(*) AS n, sum(fare) AS fares, max(id) AS top FROM trips WHERE id > 5 GROUP BY city ORDER BY city";

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private QuarryNode a;
  private QuarryNode b;
  private QuarryNode coordinator;
  private List<ShardInfo> shards;

  @BeforeEach
  void start() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    a = TestCluster.start(dir.resolve("a"), List.of());
    b = TestCluster.start(dir.resolve("b"), List.of(a.address()));
    coordinator = TestCluster.start(dir.resolve("c"), List.of(a.address()));
    TestCluster.await("the coordinator adopts trips", BOUND, () -> coordinator.store().datasets().latest("trips").isPresent());
    Cid root = coordinator.store().datasets().latest("trips").orElseThrow().root();
    shards = DatasetManifests.load(coordinator.store(), root).shards();
    TestCluster.await(
        "the coordinator learns the holders",
        BOUND,
        () -> shards.stream().allMatch(s -> !coordinator.placement().providers(s.cid()).isEmpty()));
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    for (QuarryNode node : new QuarryNode[] {coordinator, b, a}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void leafFragmentsRunOnTheHolder() {
    List<String> expected = run(a.store(), FragmentRunner.LOCAL);
    assertEquals(2, expected.size());
    List<String> distributed = run(coordinator.store(), coordinator.fragmentRunner());
    assertEquals(expected, distributed);
    assertEquals(shards.size(), a.fragmentStats().snapshot().served());
    assertEquals(shards.size(), coordinator.fragmentStats().snapshot().dispatched());
    for (ShardInfo shard : shards) {
      assertFalse(coordinator.store().blocks().has(shard.cid()), "the shard stayed on its holder");
    }
  }

  @Test
  void aDeadHolderIsReplacedByAnother() {
    List<String> expected = run(a.store(), FragmentRunner.LOCAL);
    for (ShardInfo shard : shards) {
      b.placement().ensureLocal(shard.cid());
    }
    TestCluster.await(
        "the coordinator learns that b holds every shard",
        BOUND,
        () -> shards.stream().allMatch(s -> coordinator.placement().providers(s.cid()).size() == 2));
    a.close();
    a = null;
    assertEquals(expected, run(coordinator.store(), coordinator.fragmentRunner()));
    assertEquals(shards.size(), b.fragmentStats().snapshot().served());
  }

  /** Plans SQL over {@code store}'s catalog and runs it with {@code runner}; rows as "a|b|…". */
  private List<String> run(Store store, FragmentRunner runner) {
    PlanNode plan = new QueryPlanner(new StoreCatalog(store)).plan(SQL).root();
    assertTrue(hasExchange(plan), "the plan has per-shard fragments");
    List<String> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(allocator, s -> store.wholeFile(Cid.parse(s.cid())), pool, 1024, runner);
      try (Operator op = Executor.build(plan, ctx)) {
        for (VectorSchemaRoot batch = op.next(); batch != null; batch = op.next()) {
          try (batch) {
            for (int r = 0; r < batch.getRowCount(); r++) {
              List<String> cells = new ArrayList<>();
              for (var v : batch.getFieldVectors()) {
                cells.add(String.valueOf(v.getObject(r)));
              }
              rows.add(String.join("|", cells));
            }
          }
        }
      }
    }
    return rows;
  }

  private static boolean hasExchange(PlanNode plan) {
    return plan instanceof ExchangeNode || plan.inputs().stream().anyMatch(DistributedExecutionTest::hasExchange);
  }
}
