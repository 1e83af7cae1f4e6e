package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join whose probe side is sharded runs on the holders of the probe shards: the coordinator
 * computes the small build side once (its own fragment on its holder), stores it as a result, and
 * the holders fetch that result from it once and join their shards with it.
 */
class BroadcastJoinTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String SQL =
      "SELECT c.country, t.city, count(*) AS n, sum(t.fare) AS fares FROM trips t JOIN cities c"
          + " ON t.city = c.name WHERE t.id > 5 GROUP BY c.country, t.city ORDER BY t.city";

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<QuarryNode> nodes = new ArrayList<>();
  private QuarryNode a;
  private QuarryNode b;
  private QuarryNode coordinator;
  private List<ShardInfo> trips;

  @BeforeEach
  void start() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    TestCluster.importTrips(dir.resolve("single"), dir);
    importCities(dir.resolve("b"));
    importCities(dir.resolve("single"));
    a = started(TestCluster.start(dir.resolve("a"), List.of()));
    b = started(TestCluster.start(dir.resolve("b"), List.of(a.address())));
    coordinator = started(coordinator("c"));
    trips = awaitTables(coordinator);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    Collections.reverse(nodes);
    nodes.forEach(QuarryNode::close);
  }

  @Test
  void joinFragmentsRunOnTheHoldersOfTheProbeShards() {
    List<String> expected = run(dir.resolve("single"), FragmentRunner.LOCAL);
    assertEquals(2, expected.size(), expected.toString());
    List<PlanNode> joins = joinFragments(plan(coordinator.store()));
    assertEquals(trips.size(), joins.size(), "one join fragment per trips shard");
    for (PlanNode fragment : joins) {
      FragmentPlacement placement =
          coordinator.fragmentRunner().placementOf(fragment, coordinator.address());
      assertEquals(a.peerId(), placement.node(), placement.explain());
      assertFalse(placement.local(), placement.explain());
    }

    assertEquals(expected, runOn(coordinator));
    FragmentStats.Snapshot atA = a.fragmentStats().snapshot();
    assertEquals(trips.size(), atA.joinsServed(), "every join fragment ran on a: " + log);
    assertEquals(1, atA.resultsFetched(), "a fetched the build once for all its fragments");
    assertEquals(1, atA.resultsRead(), "a hashed the build once for all its fragments");
    assertEquals(1, b.fragmentStats().snapshot().served(), "the build's scan ran on b");
    for (ShardInfo shard : trips) {
      assertFalse(coordinator.store().blocks().has(shard.cid()), "the shard stayed on its holder");
    }
    assertTrue(
        log.stream().anyMatch(l -> l.contains(" (as ") && l.contains(" ran on " + a.peerId())),
        log.toString());

    // The next query computes its build again (this runner has no cache): the same rows are the
    // same result CID, which a holds already, hashed still.
    assertEquals(expected, runOn(coordinator));
    assertEquals(2L * trips.size(), a.fragmentStats().snapshot().joinsServed());
    assertEquals(1, a.fragmentStats().snapshot().resultsFetched());
    assertEquals(1, a.fragmentStats().snapshot().resultsRead());
    assertEquals(2, b.fragmentStats().snapshot().served());

    // On the holder of the probe shards the joins run as planned: only the build's scan is sent.
    assertEquals(expected, runOn(a));
    long sent = a.fragmentStats().snapshot().dispatched();
    assertTrue(sent >= 1);
    assertEquals(2 + sent, b.fragmentStats().snapshot().served(), "a sent b only build scans");
    assertEquals(0, b.fragmentStats().snapshot().joinsServed());
    assertEquals(2L * trips.size(), a.fragmentStats().snapshot().joinsServed());
  }

  @Test
  void buildsOverTheLimitJoinOnTheCoordinatorWhenNotRepartitioned() {
    List<String> expected = run(dir.resolve("single"), FragmentRunner.LOCAL);
    String previous = System.setProperty(BuildBroadcaster.LIMIT_PROPERTY, "1");
    String mode = System.setProperty(JoinRepartitioner.MODE_PROPERTY, "off");
    QuarryNode small;
    try {
      small = started(coordinator("d"));
    } finally {
      restore(BuildBroadcaster.LIMIT_PROPERTY, previous);
      restore(JoinRepartitioner.MODE_PROPERTY, mode);
    }
    awaitTables(small);
    assertEquals(expected, runOn(small));
    assertEquals(0, a.fragmentStats().snapshot().joinsServed());
    for (ShardInfo shard : trips) {
      assertTrue(small.store().blocks().has(shard.cid()), "the probe shards came to the join");
    }
    assertTrue(log.stream().anyMatch(l -> l.contains("larger than 1 bytes")), log.toString());
    for (PlanNode fragment : joinFragments(plan(small.store()))) {
      assertTrue(small.fragmentRunner().placementOf(fragment, small.address()).local());
    }
  }

  @Test
  void limitsAreSizes() {
    assertEquals(64L << 20, BuildBroadcaster.parseBytes("64m"));
    assertEquals(1L << 30, BuildBroadcaster.parseBytes("1G"));
    assertEquals(12345, BuildBroadcaster.parseBytes("12345"));
    QuarryException e =
        assertThrows(QuarryException.class, () -> BuildBroadcaster.parseBytes("lots"));
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  private QuarryNode coordinator(String name) {
    return QuarryNode.start(
        new io.quarry.node.server.NodeConfig(
            dir.resolve(name),
            new io.quarry.node.cluster.NodeAddress("127.0.0.1", 0),
            List.of(a.address()),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            "test",
            null),
        line -> log.add(name + ": " + line));
  }

  private QuarryNode started(QuarryNode node) {
    nodes.add(node);
    return node;
  }

  /** Waits until {@code node} knows both tables and a holder of every shard; trips' shards. */
  private static List<ShardInfo> awaitTables(QuarryNode node) {
    List<ShardInfo> out = null;
    for (String table : List.of("cities", "trips")) {
      out = TestCluster.awaitTable(node, table, 1, BOUND);
    }
    return out;
  }

  private static void importCities(Path home) throws IOException {
    Files.createDirectories(home);
    Path csv = home.resolve("cities.csv");
    Files.writeString(csv, "name,country\nOslo,Norway\nRome,Italy\nLima,Peru\n");
    try (Store store = Store.open(home)) {
      DatasetImporter.run(
          store,
          List.of(csv),
          new ImportOptions("cities", false, 30, Map.of()),
          ImportProgress.NONE);
    }
    Files.delete(csv);
  }

  private static PlanNode plan(Store store) {
    return new QueryPlanner(new StoreCatalog(store)).plan(SQL).root();
  }

  /** The exchange inputs that join a shard with a build side read through another exchange. */
  private static List<PlanNode> joinFragments(PlanNode plan) {
    List<PlanNode> out = new ArrayList<>();
    if (plan instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        if (ExchangeNode.within(input) && containsJoin(input)) {
          out.add(input);
        }
      }
    }
    for (PlanNode in : plan.inputs()) {
      out.addAll(joinFragments(in));
    }
    return out;
  }

  private static boolean containsJoin(PlanNode plan) {
    return plan instanceof JoinNode
        || plan.inputs().stream().anyMatch(BroadcastJoinTest::containsJoin);
  }

  private List<String> runOn(QuarryNode node) {
    return run(node.store(), node.fragmentRunner(), node);
  }

  private List<String> run(Path home, FragmentRunner runner) {
    try (Store store = Store.open(home)) {
      return run(store, runner, null);
    }
  }

  /** Plans SQL over {@code store}'s catalog and runs it with {@code runner}; rows as "a|b|…". */
  private List<String> run(Store store, FragmentRunner runner, QuarryNode node) {
    PlanNode plan = plan(store);
    List<String> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              node != null ? node.shardResolver() : s -> store.wholeFile(Cid.parse(s.cid())),
              pool,
              1024,
              runner);
      rows.addAll(TestCluster.rows(Executor.build(plan, ctx)));
    }
    return rows;
  }
}
