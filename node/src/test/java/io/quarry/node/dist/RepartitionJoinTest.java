package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.io.IOException;
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
 * Joins of two sharded tables held by different nodes, repartitioned over the three live nodes:
 * every join kind gives the single-node answer, the holders partition their tables' fragments,
 * and the partitions' joins run on the other nodes, which fetch their inputs from the holders.
 */
class RepartitionJoinTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  /** Each query, and the kind of join node it must plan (the join that is repartitioned). */
  private static final List<List<Object>> QUERIES =
      List.of(
          List.of(
              "SELECT o.id, c.name FROM orders o JOIN custs c ON o.cust = c.id", JoinKind.INNER),
          List.of(
              "SELECT o.id, c.name FROM orders o LEFT JOIN custs c ON o.cust = c.id",
              JoinKind.LEFT),
          List.of(
              "SELECT c.name, o.id FROM custs c LEFT JOIN orders o ON o.cust = c.id",
              JoinKind.RIGHT),
          List.of(
              "SELECT o.id, c.name FROM orders o FULL JOIN custs c ON o.cust = c.id",
              JoinKind.FULL),
          List.of(
              "SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM custs c WHERE c.id = o.cust)",
              JoinKind.SEMI),
          List.of(
              "SELECT o.id FROM orders o WHERE NOT EXISTS"
                  + " (SELECT 1 FROM custs c WHERE c.id = o.cust AND c.credit > 100)",
              JoinKind.ANTI),
          List.of(
              "SELECT o.id, c.name FROM orders o JOIN custs c ON o.cust = c.id AND o.id > c.id * 3",
              JoinKind.INNER),
          List.of(
              "SELECT o.id, c.name FROM orders o FULL JOIN custs c ON o.amount = c.credit",
              JoinKind.FULL),
          List.of(
              "SELECT c.name, count(*) AS n, sum(o.amount) AS total FROM orders o JOIN custs c"
                  + " ON o.cust = c.id GROUP BY c.name",
              JoinKind.INNER));

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<QuarryNode> nodes = new ArrayList<>();
  private QuarryNode a;
  private QuarryNode b;

  @BeforeEach
  void start() throws Exception {
    importOrders(dir.resolve("a"));
    importOrders(dir.resolve("single"));
    importCusts(dir.resolve("b"));
    importCusts(dir.resolve("single"));
    a = started(TestCluster.start(dir.resolve("a"), List.of()));
    b = started(TestCluster.start(dir.resolve("b"), List.of(a.address())));
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    Collections.reverse(nodes);
    nodes.forEach(QuarryNode::close);
  }

  @Test
  void everyJoinKindRepartitionedGivesTheSingleNodeAnswer() {
    QuarryNode coordinator = coordinator("c", Map.of(JoinRepartitioner.MODE_PROPERTY, "always"));
    awaitCluster(coordinator);
    for (List<Object> query : QUERIES) {
      String sql = (String) query.get(0);
      PlanNode plan = plan(coordinator.store(), sql);
      assertTrue(hasJoin(plan, (JoinKind) query.get(1)), query.get(1) + " join in " + plan);
      List<String> expected = run(dir.resolve("single"), sql);
      assertFalse(expected.isEmpty(), sql);
      long atA = a.fragmentStats().snapshot().joinsServed();
      long atB = b.fragmentStats().snapshot().joinsServed();
      int partitioned = count("join partition fragment ");
      assertEquals(expected, run(coordinator, sql), sql + "\n" + log);
      assertTrue(a.fragmentStats().snapshot().joinsServed() > atA, "a joined a partition: " + sql);
      assertTrue(b.fragmentStats().snapshot().joinsServed() > atB, "b joined a partition: " + sql);
      assertTrue(count("join partition fragment ") >= partitioned + 2, sql + "\n" + log);
    }
    // The planner makes no semi or anti joins of SQL: the inner join's plan with their kind, per
    // probe shard and as one join of two exchanges.
    String innerSql = "SELECT o.id, o.cust FROM orders o JOIN custs c ON o.cust = c.id";
    PlanNode inner = plan(coordinator.store(), innerSql);
    for (JoinKind kind : List.of(JoinKind.SEMI, JoinKind.ANTI)) {
      for (PlanNode plan : List.of(withKind(inner, kind), oneJoin(inner, kind))) {
        List<String> expected;
        try (Store single = Store.open(dir.resolve("single"))) {
          expected = run(single, FragmentRunner.LOCAL, null, plan);
        }
        assertFalse(expected.isEmpty(), kind.toString());
        long atA = a.fragmentStats().snapshot().joinsServed();
        long atB = b.fragmentStats().snapshot().joinsServed();
        assertEquals(
            expected, run(coordinator.store(), coordinator.fragmentRunner(), coordinator, plan));
        assertTrue(a.fragmentStats().snapshot().joinsServed() > atA, kind + " on a");
        assertTrue(b.fragmentStats().snapshot().joinsServed() > atB, kind + " on b");
      }
    }
    assertFalse(log.stream().anyMatch(l -> l.contains("computed here after")), log.toString());
    assertTrue(a.fragmentStats().snapshot().resultsFetched() > 0, "a fetched its partitions");
    assertTrue(b.fragmentStats().snapshot().resultsFetched() > 0, "b fetched its partitions");
    // The holders partitioned their tables' fragments, the coordinator none (it only partitions
    // sides that are no leaf fragments, such as the distinct keys of the EXISTS query).
    assertTrue(a.fragmentStats().snapshot().partitioned() > 0, "a partitioned orders");
    assertTrue(b.fragmentStats().snapshot().partitioned() > 0, "b partitioned custs");
    assertEquals(0, coordinator.fragmentStats().snapshot().partitioned());

    // EXPLAIN's placement of a repartitioned join fragment names the nodes of its partitions.
    PlanNode plan = plan(coordinator.store(), (String) QUERIES.get(3).get(0));
    List<PlanNode> joins = joinFragments(plan);
    assertEquals(1, joins.size(), plan.toString());
    FragmentPlacement placement =
        coordinator.fragmentRunner().placementOf(joins.get(0), coordinator.address());
    assertEquals(3, placement.partitions().size(), placement.explain());
    for (QuarryNode node : List.of(a, b, coordinator)) {
      assertTrue(
          placement.explain().contains(node.peerId() + "@" + node.address()),
          placement.explain());
    }
    assertTrue(placement.explain().contains(" repartitioned=3 "), placement.explain());
  }

  @Test
  void buildsOverTheBroadcastLimitAreRepartitioned() {
    QuarryNode coordinator =
        coordinator(
            "d",
            Map.of(BuildBroadcaster.LIMIT_PROPERTY, "1", JoinRepartitioner.MODE_PROPERTY, "auto"));
    awaitCluster(coordinator);
    for (List<Object> query : List.of(QUERIES.get(0), QUERIES.get(3))) {
      String sql = (String) query.get(0);
      long atA = a.fragmentStats().snapshot().joinsServed();
      assertEquals(run(dir.resolve("single"), sql), run(coordinator, sql), sql + "\n" + log);
      assertTrue(a.fragmentStats().snapshot().joinsServed() > atA, "a joined a partition: " + sql);
    }
    assertTrue(log.stream().anyMatch(l -> l.contains("larger than 1 bytes")), log.toString());
  }

  @Test
  void offKeepsJoinsOnTheCoordinator() {
    QuarryNode coordinator = coordinator("e", Map.of(JoinRepartitioner.MODE_PROPERTY, "off"));
    awaitCluster(coordinator);
    String sql = (String) QUERIES.get(3).get(0);
    assertEquals(run(dir.resolve("single"), sql), run(coordinator, sql));
    assertEquals(0, a.fragmentStats().snapshot().joinsServed());
    assertEquals(0, b.fragmentStats().snapshot().joinsServed());
    assertEquals(0, count("join partition fragment "));
  }

  @Test
  void modesAreNamed() {
    String previous = System.setProperty(JoinRepartitioner.MODE_PROPERTY, "sometimes");
    try {
      QuarryException e =
          assertThrows(QuarryException.class, JoinRepartitioner::configuredMode);
      assertTrue(e.getMessage().contains("'sometimes'"), e.getMessage());
      System.setProperty(JoinRepartitioner.MODE_PROPERTY, "Always");
      assertEquals(JoinRepartitioner.Mode.ALWAYS, JoinRepartitioner.configuredMode());
    } finally {
      restore(JoinRepartitioner.MODE_PROPERTY, previous);
    }
  }

  private int count(String text) {
    synchronized (log) {
      return (int) log.stream().filter(l -> l.contains(text)).count();
    }
  }

  /** Starts a coordinator without data, with {@code properties} set while it starts. */
  private QuarryNode coordinator(String name, Map<String, String> properties) {
    Map<String, String> previous = new java.util.HashMap<>();
    properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return started(
          QuarryNode.start(
              new NodeConfig(
                  dir.resolve(name),
                  new NodeAddress("127.0.0.1", 0),
                  List.of(a.address()),
                  Duration.ofMillis(200),
                  Duration.ofSeconds(2),
                  "test",
                  null),
              line -> log.add(name + ": " + line)));
    } finally {
      properties.keySet().forEach(k -> restore(k, previous.get(k)));
    }
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  private QuarryNode started(QuarryNode node) {
    nodes.add(node);
    return node;
  }

  /** Waits until {@code node} sees the other two alive and knows both tables and their holders. */
  private void awaitCluster(QuarryNode node) {
    TestCluster.await(
        node.address() + " sees three live nodes",
        BOUND,
        () -> node.members().stream().filter(m -> m.alive()).count() == 3);
    for (String table : List.of("orders", "custs")) {
      TestCluster.awaitTable(node, table, 1, BOUND);
    }
  }

  /** 300 orders in 5 shards: customers 0..36, some NULL, some that do not exist. */
  private static void importOrders(Path home) throws IOException {
    StringBuilder csv = new StringBuilder("id,cust,amount\n");
    for (int i = 1; i <= 300; i++) {
      String cust = i % 17 == 0 ? "" : i % 11 == 0 ? String.valueOf(1000 + i) : "" + i % 37;
      csv.append(i).append(',').append(cust).append(',').append(i % 50).append(".25\n");
    }
    TestCluster.importCsv(
        home,
        "orders",
        csv.toString(),
        60,
        Map.of("cust", DataType.of(TypeKind.BIGINT), "amount", DataType.decimal(10, 2)));
  }

  /** 90 customers in 3 shards: ids 0..59 and some NULL ids, credits at another scale. */
  private static void importCusts(Path home) throws IOException {
    StringBuilder csv = new StringBuilder("id,name,credit\n");
    for (int i = 0; i < 90; i++) {
      String id = i >= 60 ? "" : String.valueOf(i);
      csv.append(id).append(",name-").append(i % 45).append(',').append(i * 2).append(".2500\n");
    }
    TestCluster.importCsv(
        home,
        "custs",
        csv.toString(),
        30,
        Map.of("id", DataType.of(TypeKind.INT), "credit", DataType.decimal(12, 4)));
  }


  private static PlanNode plan(Store store, String sql) {
    return new QueryPlanner(new StoreCatalog(store)).plan(sql).root();
  }

  /** {@code plan} with every join of kind {@code kind}. */
  private static PlanNode withKind(PlanNode plan, JoinKind kind) {
    if (plan instanceof JoinNode j) {
      return new JoinNode(j.left(), j.right(), kind, j.leftKeys(), j.rightKeys(), j.residual());
    } else if (plan instanceof ProjectNode p) {
      return new ProjectNode(withKind(p.input(), kind), p.exprs(), p.names());
    } else if (plan instanceof ExchangeNode x) {
      return new ExchangeNode(x.inputs().stream().map(in -> withKind(in, kind)).toList());
    }
    throw new IllegalArgumentException("unexpected plan node " + plan);
  }

  /**
   * The per-shard join {@code Exchange(Project(Join(probe shard i, build)) …)} as one join of the
   * probe shards' exchange with the build, itself an exchange's only input.
   */
  private static PlanNode oneJoin(PlanNode plan, JoinKind kind) {
    ExchangeNode exchange = (ExchangeNode) plan;
    List<PlanNode> probes = new ArrayList<>();
    ProjectNode project = null;
    JoinNode join = null;
    for (PlanNode fragment : exchange.inputs()) {
      project = (ProjectNode) fragment;
      join = (JoinNode) project.input();
      probes.add(join.left());
    }
    JoinNode one =
        new JoinNode(
            new ExchangeNode(probes),
            join.right(),
            kind,
            join.leftKeys(),
            join.rightKeys(),
            join.residual());
    return new ProjectNode(new ExchangeNode(List.of(one)), project.exprs(), project.names());
  }

  private static boolean hasJoin(PlanNode plan, JoinKind kind) {
    return plan instanceof JoinNode j && j.kind() == kind
        || plan.inputs().stream().anyMatch(in -> hasJoin(in, kind));
  }

  /** The exchange inputs that contain a join whose build side reads through an exchange. */
  private static List<PlanNode> joinFragments(PlanNode plan) {
    List<PlanNode> out = new ArrayList<>();
    if (plan instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        if (JoinRepartitioner.target(input) != null) {
          out.add(input);
        }
      }
    }
    for (PlanNode in : plan.inputs()) {
      out.addAll(joinFragments(in));
    }
    return out;
  }

  private List<String> run(QuarryNode node, String sql) {
    return run(node.store(), node.fragmentRunner(), node, plan(node.store(), sql));
  }

  private List<String> run(Path home, String sql) {
    try (Store store = Store.open(home)) {
      return run(store, FragmentRunner.LOCAL, null, plan(store, sql));
    }
  }

  /** Runs {@code plan} over {@code store} with {@code runner}; sorted "a|b|…" rows. */
  private List<String> run(Store store, FragmentRunner runner, QuarryNode node, PlanNode plan) {
    List<String> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              node != null ? node.shardResolver() : s -> store.wholeFile(Cid.parse(s.cid())),
              pool,
              64,
              runner);
      rows.addAll(TestCluster.rows(Executor.build(plan, ctx)));
    }
    Collections.sort(rows);
    return rows;
  }
}
