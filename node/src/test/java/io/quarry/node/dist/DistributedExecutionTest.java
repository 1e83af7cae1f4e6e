package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
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
      "SELECT city, count(*) AS n, sum(fare) AS fares, max(id) AS top FROM trips WHERE id > 5 GROUP"
          + " BY city ORDER BY city";

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
    TestCluster.await(
        "the coordinator adopts trips",
        BOUND,
        () -> coordinator.store().datasets().latest("trips").isPresent());
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
    PlanNode plan = new QueryPlanner(new StoreCatalog(coordinator.store())).plan(SQL).root();
    assertEquals(shards.size(), exchangeInputs(plan).size());
    for (PlanNode fragment : exchangeInputs(plan)) {
      FragmentPlacement placement =
          coordinator.fragmentRunner().placementOf(fragment, coordinator.address());
      assertEquals(a.peerId(), placement.node(), placement.explain());
      assertFalse(placement.local());
      assertTrue(placement.explain().startsWith("fragment=bafk"), placement.explain());
    }
    List<String> distributed = run(coordinator.store(), coordinator.fragmentRunner());
    assertEquals(expected, distributed);
    assertEquals(shards.size(), a.fragmentStats().snapshot().served());
    assertEquals(shards.size(), coordinator.fragmentStats().snapshot().dispatched());
    for (ShardInfo shard : shards) {
      assertFalse(coordinator.store().blocks().has(shard.cid()), "the shard stayed on its holder");
    }
  }

  @Test
  void theNodesEngineServesClientsFromTheHoldersAndExplainsPlacement() {
    List<String> expected = run(a.store(), FragmentRunner.LOCAL);
    try (RemoteQueryClient client = new RemoteQueryClient(coordinator.address())) {
      assertEquals(expected, rows(client.execute(SQL)));
      assertEquals(shards.size(), a.fragmentStats().snapshot().served());
      for (ShardInfo shard : shards) {
        assertFalse(coordinator.store().blocks().has(shard.cid()), "the shard stayed on its holder");
      }
      assertEquals(expected, rows(client.execute(SQL)), "the second run is answered by the cache");
      assertEquals(shards.size(), a.fragmentStats().snapshot().served());

      List<String> placements =
          rows(client.execute("EXPLAIN " + SQL)).stream()
              .filter(line -> line.startsWith("placement: "))
              .toList();
      assertEquals(shards.size(), placements.size(), placements.toString());
      for (String line : placements) {
        assertTrue(line.contains(" node=" + a.peerId() + " address=" + a.address()), line);
      }
    }
  }

  private static List<String> rows(QueryResult result) {
    List<String> rows = new ArrayList<>();
    try (result) {
      for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (var v : batch.getFieldVectors()) {
              cells.add(String.valueOf(v.getObject(r)));
            }
            rows.add(String.join("|", cells));
          }
        }
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return rows;
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
        () ->
            shards.stream().allMatch(s -> coordinator.placement().providers(s.cid()).size() == 2));
    a.close();
    a = null;
    assertEquals(expected, run(coordinator.store(), coordinator.fragmentRunner()));
    assertEquals(shards.size(), b.fragmentStats().snapshot().served());
  }

  @Test
  void runsFragmentsOnlyForSignedMembers() throws Exception {
    PlanNode plan = new QueryPlanner(new StoreCatalog(coordinator.store())).plan(SQL).root();
    byte[] fragment = PlanCodec.encode(exchangeInputs(plan).get(0));
    Ticket ticket =
        NodeTicket.ticket(FragmentService.KIND, new String(fragment, StandardCharsets.UTF_8));
    NodeIdentity stranger = NodeIdentity.generate();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        FlightClient client =
            FlightClient.builder(
                    allocator, Location.forGrpcInsecure("127.0.0.1", a.address().port()))
                .build()) {
      assertEquals(FlightStatusCode.UNAUTHENTICATED, TestCluster.streamStatus(client, ticket));
      assertEquals(
          FlightStatusCode.UNAUTHENTICATED,
          TestCluster.streamStatus(
              client,
              ticket,
              FragmentSignature.sign(stranger, "another plan".getBytes(StandardCharsets.UTF_8))));
      assertEquals(
          FlightStatusCode.UNAUTHORIZED,
          TestCluster.streamStatus(client, ticket, FragmentSignature.sign(stranger, fragment)));
    }
    assertEquals(0, a.fragmentStats().snapshot().served());
  }

  /** Plans SQL over {@code store}'s catalog and runs it with {@code runner}; rows as "a|b|…". */
  /**
   * A dispatched fragment runs under the memory limit of the query it is part of: under a tiny
   * one it fails on the holder (which serves nothing), where the node's default would have let it
   * run.
   */
  @Test
  void dispatchedFragmentsRunUnderTheQuerysMemoryLimit() {
    PlanNode plan = new QueryPlanner(new StoreCatalog(coordinator.store())).plan(SQL).root();
    try (RootAllocator root = new RootAllocator(Long.MAX_VALUE);
        BufferAllocator query = root.newChildAllocator("query", 0, 4096)) {
      ExecContext ctx =
          new ExecContext(
              query,
              s -> coordinator.store().wholeFile(Cid.parse(s.cid())),
              pool,
              1024,
              coordinator.fragmentRunner());
      QuarryException e =
          assertThrows(
              QuarryException.class, () -> TestCluster.rows(Executor.build(plan, ctx)));
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code(), e.getMessage());
    }
    assertEquals(0, a.fragmentStats().snapshot().served(), "the holder ran out of the 4 KiB");
  }

  private List<String> run(Store store, FragmentRunner runner) {
    PlanNode plan = new QueryPlanner(new StoreCatalog(store)).plan(SQL).root();
    assertTrue(hasExchange(plan), "the plan has per-shard fragments");
    List<String> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(allocator, s -> store.wholeFile(Cid.parse(s.cid())), pool, 1024, runner);
      rows.addAll(TestCluster.rows(Executor.build(plan, ctx)));
    }
    return rows;
  }

  private static List<PlanNode> exchangeInputs(PlanNode plan) {
    List<PlanNode> out = new ArrayList<>();
    if (plan instanceof ExchangeNode exchange) {
      out.addAll(exchange.inputs());
    }
    for (PlanNode in : plan.inputs()) {
      if (!(plan instanceof ExchangeNode)) {
        out.addAll(exchangeInputs(in));
      }
    }
    return out;
  }

  private static boolean hasExchange(PlanNode plan) {
    return plan instanceof ExchangeNode
        || plan.inputs().stream().anyMatch(DistributedExecutionTest::hasExchange);
  }
}
