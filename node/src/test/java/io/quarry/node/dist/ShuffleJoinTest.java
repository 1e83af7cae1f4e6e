package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repartitioned join is a shuffle: the holders of the join's inputs partition their leaf
 * fragments' rows where they run and the nodes that join a partition fetch it from them, so the
 * rows of the two sides never pass through the coordinator; the partitions are found again by a
 * repeated query; a holder that stops after partitioning costs a recomputation, not the answer;
 * only members that sign their requests get partitions made or joined.
 */
class ShuffleJoinTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String AGGREGATE =
      "SELECT c.name, count(*) AS n, sum(o.amount) AS total FROM orders o JOIN custs c"
          + " ON o.cust = c.id GROUP BY c.name";
  private static final String FULL =
      "SELECT c.name, count(*) AS n, count(o.id) AS matched FROM orders o FULL JOIN custs c"
          + " ON o.cust = c.id GROUP BY c.name";

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<QuarryNode> nodes = new ArrayList<>();
  private final List<QuarryNode> stopped = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    pool.shutdownNow();
    Collections.reverse(nodes);
    for (QuarryNode node : nodes) {
      if (!stopped.contains(node)) {
        node.close();
      }
    }
  }

  @Test
  void rowsGoFromTheHoldersToTheJoiningNodesNotThroughTheCoordinator() throws Exception {
    List<QuarryNode> cluster = ordersOnACustsOnB();
    QuarryNode a = cluster.get(0);
    QuarryNode b = cluster.get(1);
    QuarryNode c = cluster.get(2);

    for (String sql : List.of(AGGREGATE, FULL)) {
      List<String> expected = run(dir.resolve("single"), sql);
      assertFalse(expected.isEmpty(), sql);
      FragmentStats.Snapshot atA = a.fragmentStats().snapshot();
      FragmentStats.Snapshot atB = b.fragmentStats().snapshot();
      FragmentStats.Snapshot atC = c.fragmentStats().snapshot();
      assertEquals(expected, run(c, sql), sql + "\n" + log);
      FragmentStats.Snapshot afterA = a.fragmentStats().snapshot();
      FragmentStats.Snapshot afterB = b.fragmentStats().snapshot();
      FragmentStats.Snapshot afterC = c.fragmentStats().snapshot();

      // Each holder partitioned its own table's fragments (or found them partitioned by the
      // query before); the coordinator partitioned none, nor any rows it received.
      assertTrue(work(afterA) > work(atA), "a partitioned orders: " + sql);
      assertTrue(work(afterB) > work(atB), "b partitioned custs: " + sql);
      assertEquals(atC.partitioned(), afterC.partitioned(), sql);
      assertEquals(atC.relayedBytes(), afterC.relayedBytes(), sql);
      assertTrue(afterA.joinsServed() > atA.joinsServed(), "a joined partitions: " + sql);
      assertTrue(afterB.joinsServed() > atB.joinsServed(), "b joined partitions: " + sql);
      if (sql.equals(AGGREGATE)) {
        // The joining nodes fetched the other holder's partitions directly (a later query finds
        // those of the same fragments already there).
        assertTrue(afterA.resultsFetched() > atA.resultsFetched(), "a fetched from b");
        assertTrue(afterB.resultsFetched() > atB.resultsFetched(), "b fetched from a");
        // Both sides were partitioned for this query: their bytes are the measure.
        long sides =
            afterA.partitionBytes() - atA.partitionBytes() + afterB.partitionBytes()
                - atB.partitionBytes();
        long streams = afterC.bytesReceived() - atC.bytesReceived();
        long fetched = afterC.resultBytesFetched() - atC.resultBytesFetched();
        log.add("sides " + sides + " bytes; coordinator received " + streams + " in streams, "
            + fetched + " in results for its own partition");
        // What reaches the coordinator: the partial aggregates of the partitions' joins
        // (streams), and the inputs of the one partition of three it joins itself.
        assertTrue(streams * 10 < sides, "streams " + streams + " of " + sides);
        assertTrue(fetched * 2 < sides, "own partition " + fetched + " of " + sides);
      }
    }

    // The same query again finds each fragment's partitions where they were stored.
    FragmentStats.Snapshot atA = a.fragmentStats().snapshot();
    FragmentStats.Snapshot atB = b.fragmentStats().snapshot();
    assertEquals(run(dir.resolve("single"), AGGREGATE), run(c, AGGREGATE));
    assertEquals(atA.partitioned(), a.fragmentStats().snapshot().partitioned());
    assertEquals(atB.partitioned(), b.fragmentStats().snapshot().partitioned());
    assertTrue(a.fragmentStats().snapshot().partitionsReused() > atA.partitionsReused());
    assertTrue(b.fragmentStats().snapshot().partitionsReused() > atB.partitionsReused());
    assertFalse(log.stream().anyMatch(l -> l.contains("computed here after")), log.toString());

    // EXPLAIN ANALYZE names the node each partition's join ran on.
    try (RemoteQueryClient client = new RemoteQueryClient(c.address())) {
      List<String> lines = lines(client.execute("EXPLAIN ANALYZE " + FULL));
      for (QuarryNode node : List.of(a, b)) {
        assertTrue(
            lines.stream()
                .anyMatch(
                    l ->
                        l.startsWith("fragment=")
                            && l.contains(" node=" + node.peerId() + " address=" + node.address())),
            node.address() + " in " + lines);
        // ... and where the sides' leaf fragments were partitioned: by their holders (a's orders,
        // b's custs), stored there since the queries above.
        assertTrue(
            lines.stream()
                .anyMatch(
                    l ->
                        l.startsWith("  partitioned fragment=")
                            && l.contains(" node=" + node.peerId() + " address=" + node.address())
                            && l.contains(" stored_before=true")),
            node.address() + " partitioned in " + lines);
      }
    }
  }

  @Test
  void sidesThatAreNotLeafFragmentsGiveTheSingleNodeAnswer() throws Exception {
    List<QuarryNode> cluster = ordersOnACustsOnB();
    QuarryNode a = cluster.get(0);
    QuarryNode c = cluster.get(2);
    // A side joined with a broadcast build of its own: the holder of each probe shard fetches
    // that build from the coordinator and partitions the joined rows.
    String twoJoins =
        "SELECT c.name, count(*) AS n, sum(o2.amount) AS total FROM orders o"
            + " JOIN orders o2 ON o.id = o2.id JOIN custs c ON o.cust = c.id GROUP BY c.name";
    FragmentStats.Snapshot atA = a.fragmentStats().snapshot();
    assertEquals(run(dir.resolve("single"), twoJoins), run(c, twoJoins), log.toString());
    assertTrue(a.fragmentStats().snapshot().partitioned() > atA.partitioned());
    assertTrue(a.fragmentStats().snapshot().resultsFetched() > atA.resultsFetched());
    assertEquals(0, c.fragmentStats().snapshot().relayedBytes(), log.toString());

    // Without broadcasting, that side is no leaf fragment: computed and partitioned here.
    QuarryNode d =
        coordinator(
            "d",
            a.address(),
            Map.of(
                JoinRepartitioner.MODE_PROPERTY, "always", BuildBroadcaster.LIMIT_PROPERTY, "0"),
            line -> {});
    awaitCluster(d, 4, 1);
    assertEquals(run(dir.resolve("single"), twoJoins), run(d, twoJoins), log.toString());
    assertTrue(d.fragmentStats().snapshot().relayedBytes() > 0, log.toString());
    assertFalse(log.stream().anyMatch(l -> l.contains("computed here after")), log.toString());
  }

  @Test
  void aHolderThatStopsAfterPartitioningCostsARecomputationNotTheAnswer() throws Exception {
    for (String node : List.of("a", "b", "single")) {
      importOrders(dir.resolve(node));
      importCusts(dir.resolve(node));
    }
    QuarryNode a = started(TestCluster.start(dir.resolve("a"), List.of()));
    QuarryNode b = started(TestCluster.start(dir.resolve("b"), List.of(a.address())));
    // Stops the first holder the coordinator learns stored partitions of a fragment: its
    // partitions are then lost to the joins that need them, and its own joins fail.
    List<QuarryNode> holders = List.of(a, b);
    AtomicBoolean stopOne = new AtomicBoolean(true);
    QuarryNode c =
        coordinator(
            "c",
            a.address(),
            Map.of(JoinRepartitioner.MODE_PROPERTY, "always"),
            line -> {
              for (QuarryNode holder : holders) {
                if (line.startsWith("partitioned fragment ")
                    && line.contains(" on " + holder.peerId())
                    && stopOne.getAndSet(false)) {
                  stopped.add(holder);
                  holder.close();
                }
              }
            });
    awaitCluster(c, 3, 2);
    List<String> expected = run(dir.resolve("single"), FULL);
    assertEquals(expected, run(c, FULL), log.toString());
    assertFalse(stopOne.get(), "a holder partitioned a fragment before it stopped: " + log);
    assertTrue(
        log.stream().anyMatch(l -> l.contains("computed here after")),
        "the work b could not do was done elsewhere: " + log);
    // And once the coordinator sees the holder gone, the same query again.
    TestCluster.await(
        "the coordinator sees the holder dead",
        BOUND,
        () -> c.members().stream().filter(m -> m.alive()).count() == 2);
    assertEquals(expected, run(c, FULL), log.toString());
  }

  @Test
  void partitionsAreMadeOnlyForSignedMembers() throws Exception {
    importOrders(dir.resolve("a"));
    QuarryNode a = started(TestCluster.start(dir.resolve("a"), List.of()));
    PlanNode leaf = firstLeaf(plan(a.store(), "SELECT id, cust FROM orders"));
    byte[] request =
        ClusterWire.write(
            new FragmentService.PartitionRequest(
                new String(PlanCodec.encode(leaf), StandardCharsets.UTF_8),
                List.of(1),
                List.of(-1),
                3,
                false));
    byte[] join =
        ClusterWire.write(
            new FragmentService.SourcedFragment(
                new String(PlanCodec.encode(leaf), StandardCharsets.UTF_8), Map.of()));
    Ticket ticket =
        NodeTicket.ticket(FragmentService.PARTITION_JOIN, new String(join, StandardCharsets.UTF_8));
    NodeIdentity stranger = NodeIdentity.generate();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        FlightClient client =
            FlightClient.builder(
                    allocator, Location.forGrpcInsecure("127.0.0.1", a.address().port()))
                .build()) {
      assertEquals(FlightStatusCode.UNAUTHENTICATED, partitionStatus(client, request));
      assertEquals(
          FlightStatusCode.UNAUTHORIZED,
          partitionStatus(client, request, FragmentSignature.sign(stranger, request)));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, TestCluster.streamStatus(client, ticket));
      assertEquals(
          FlightStatusCode.UNAUTHORIZED,
          TestCluster.streamStatus(client, ticket, FragmentSignature.sign(stranger, join)));
    }
    assertEquals(0, a.fragmentStats().snapshot().partitioned());
    assertEquals(0, a.fragmentStats().snapshot().served());
  }

  private static FlightStatusCode partitionStatus(
      FlightClient client, byte[] body, CallOption... options) {
    try {
      client
          .doAction(new Action(FragmentService.PARTITION, body), options)
          .forEachRemaining(r -> {});
      return FlightStatusCode.OK;
    } catch (FlightRuntimeException e) {
      return e.status().code();
    }
  }

  /** The first exchange input of {@code plan}. */
  private static PlanNode firstLeaf(PlanNode plan) {
    if (plan instanceof ExchangeNode x) {
      return x.inputs().get(0);
    }
    for (PlanNode in : plan.inputs()) {
      PlanNode leaf = firstLeaf(in);
      if (leaf != null) {
        return leaf;
      }
    }
    return null;
  }

  /** a holds orders, b custs, c (returned third) is a coordinator without data. */
  private List<QuarryNode> ordersOnACustsOnB() throws IOException {
    importOrders(dir.resolve("a"));
    importOrders(dir.resolve("single"));
    importCusts(dir.resolve("b"));
    importCusts(dir.resolve("single"));
    QuarryNode a = started(TestCluster.start(dir.resolve("a"), List.of()));
    QuarryNode b = started(TestCluster.start(dir.resolve("b"), List.of(a.address())));
    QuarryNode c =
        coordinator("c", a.address(), Map.of(JoinRepartitioner.MODE_PROPERTY, "always"), l -> {});
    awaitCluster(c, 3, 1);
    return List.of(a, b, c);
  }

  /** Fragments partitioned, or answered with partitions stored before. */
  private static long work(FragmentStats.Snapshot s) {
    return s.partitioned() + s.partitionsReused();
  }

  private QuarryNode started(QuarryNode node) {
    nodes.add(node);
    return node;
  }

  /**
   * A coordinator without data started with the system properties {@code properties}; {@code
   * hook} sees its log too.
   */
  private QuarryNode coordinator(
      String name, NodeAddress seed, Map<String, String> properties, Consumer<String> hook) {
    Map<String, String> previous = new HashMap<>();
    properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return started(
          QuarryNode.start(
              new NodeConfig(
                  dir.resolve(name),
                  new NodeAddress("127.0.0.1", 0),
                  List.of(seed),
                  Duration.ofMillis(200),
                  Duration.ofSeconds(2),
                  "test",
                  null),
              line -> {
                log.add(name + ": " + line);
                hook.accept(line);
              }));
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  /**
   * Waits until {@code node} sees {@code live} nodes and knows both tables and {@code holders}
   * holders of each of their shards.
   */
  private static void awaitCluster(QuarryNode node, int live, int holders) {
    TestCluster.await(
        node.address() + " sees " + live + " live nodes",
        BOUND,
        () -> node.members().stream().filter(m -> m.alive()).count() == live);
    for (String table : List.of("orders", "custs")) {
      TestCluster.awaitTable(node, table, holders, BOUND);
    }
  }

  /** 20,000 orders in 4 shards over 3,000 customers, some NULL or unknown. */
  private static void importOrders(Path home) throws IOException {
    StringBuilder csv = new StringBuilder("id,cust,amount\n");
    for (int i = 1; i <= 20_000; i++) {
      String cust = i % 97 == 0 ? "" : String.valueOf((i * 7919L) % 3_100);
      csv.append(i).append(',').append(cust).append(',').append(i % 500).append(".25\n");
    }
    TestCluster.importCsv(
        home,
        "orders",
        csv.toString(),
        5_000,
        Map.of("cust", DataType.of(TypeKind.BIGINT), "amount", DataType.decimal(10, 2)));
  }

  /** 3,000 customers in 2 shards, named by 100 names. */
  private static void importCusts(Path home) throws IOException {
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 0; i < 3_000; i++) {
      csv.append(i).append(",name-").append(i % 100).append('\n');
    }
    TestCluster.importCsv(
        home, "custs", csv.toString(), 1_500, Map.of("id", DataType.of(TypeKind.INT)));
  }


  private List<String> run(QuarryNode node, String sql) {
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              node.shardResolver(),
              pool,
              ExecContext.DEFAULT_BATCH_SIZE,
              node.fragmentRunner());
      return rows(Executor.build(plan(node.store(), sql), ctx));
    }
  }

  private List<String> run(Path home, String sql) {
    try (Store store = Store.open(home);
        RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              s -> store.wholeFile(Cid.parse(s.cid())),
              pool,
              ExecContext.DEFAULT_BATCH_SIZE,
              FragmentRunner.LOCAL);
      return rows(Executor.build(plan(store, sql), ctx));
    }
  }

  private static PlanNode plan(Store store, String sql) {
    return new QueryPlanner(new StoreCatalog(store)).plan(sql).root();
  }

  /** Sorted "a|b|…" rows. */
  private static List<String> rows(Operator operator) {
    List<String> rows = new ArrayList<>(TestCluster.rows(operator));
    Collections.sort(rows);
    return rows;
  }

  private static List<String> lines(QueryResult result) throws Exception {
    List<String> lines = new ArrayList<>();
    try (result) {
      for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
        try (VectorSchemaRoot batch = next) {
          VarCharVector plan = (VarCharVector) batch.getVector(0);
          for (int r = 0; r < batch.getRowCount(); r++) {
            lines.add(plan.getObject(r).toString());
          }
        }
      }
    }
    return lines;
  }
}
