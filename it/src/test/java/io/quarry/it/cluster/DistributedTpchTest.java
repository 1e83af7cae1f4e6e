package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.bench.TpchData;
import io.quarry.bench.TpchQueries;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.dist.FragmentService;
import io.quarry.node.dist.FragmentStats;
import io.quarry.node.dist.JoinRepartitioner;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 22 TPC-H queries at SF 0.01 over a three-process cluster (tables spread with two replicas per
 * shard) give the single-node answers, with the leaf fragments run on the holders, per-shard join
 * fragments included (their build sides broadcast as stored results). A coordinator that
 * repartitions every join gives the same answers for the queries with joins, their partitions
 * joined on several nodes.
 */
class DistributedTpchTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final long SHARD_ROWS = 10_000;

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private QuarryNode coordinator;

  @AfterEach
  void down() {
    pool.shutdownNow();
    if (coordinator != null) {
      coordinator.close();
    }
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void tpchThroughTheClusterEqualsOneNode() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    TpchData data = TpchData.prepare(0.01, dir.resolve("data"), 2, quiet);
    String[] lines =
        QuarryCli.run(
                "cluster",
                "up",
                "--nodes",
                "3",
                "--dir",
                dir.resolve("cluster").toString(),
                "--timeout",
                "120")
            .assertOk()
            .lines();
    List<NodeAddress> nodes =
        Arrays.stream(lines).map(l -> NodeAddress.parse(l.split(" ")[1])).toList();

    try (Store local = Store.open(dir.resolve("single"));
        QueryEngine single = new QueryEngine(local);
        ClusterClient client = new ClusterClient()) {
      int i = 0;
      for (Map.Entry<String, List<Path>> table : data.files().entrySet()) {
        DatasetImporter.run(
            local,
            table.getValue(),
            new ImportOptions(table.getKey(), false, SHARD_ROWS, Map.of()),
            ImportProgress.NONE);
        List<String> paths = table.getValue().stream().map(Path::toString).toList();
        client.importAndPlace(
            nodes.get(i++ % nodes.size()),
            new ImportRequest(paths, table.getKey(), false, SHARD_ROWS, 2),
            Duration.ofMinutes(5));
      }

      coordinator = coordinator("coordinator", nodes, local, data.files().keySet());

      int answered = 0;
      for (int q : TpchQueries.all()) {
        String sql = TpchQueries.sql(q);
        List<String> expected;
        try (QueryResult result = single.execute(sql, QueryOptions.DEFAULTS)) {
          expected = rows(result::next);
        }
        long joinsBefore = joinsServed(client, nodes);
        long bytesBefore = bytesSent(client, nodes);
        assertEquals(expected, distributed(sql), TpchQueries.name(q));
        if (q == 1) {
          // Compute went to the data: the holders sent partial aggregates, not lineitem.
          long sent = bytesSent(client, nodes) - bytesBefore;
          long table = 0;
          for (Path file : data.files().get("lineitem")) {
            table += Files.size(file);
          }
          assertTrue(sent > 0, "Q1's leaf fragments ran on the holders");
          assertTrue(
              sent * 20 < table,
              "Q1 sent " + sent + " bytes between nodes, lineitem is " + table + " bytes");
        }
        answered += expected.isEmpty() ? 0 : 1;
        if (q == 3 || q == 12) {
          // The coordinator holds no shard: every per-shard join fragment ran on another node.
          long joins = joinFragments(plan(sql), new HashSet<>());
          assertTrue(joins > 0, TpchQueries.name(q) + " has per-shard join fragments");
          assertEquals(
              joins,
              joinsServed(client, nodes) - joinsBefore,
              TpchQueries.name(q) + ": join fragments run on holders; coordinator log: " + log);
        }
      }
      assertTrue(
          log.stream().anyMatch(l -> l.contains(" (as ") && l.contains(" ran on ")),
          "join fragments were dispatched: " + log);
      assertTrue(answered >= 20, "queries with rows at SF 0.01: " + answered);
      long served = sum(client, nodes, FragmentStats.Snapshot::served);
      assertTrue(served >= TpchQueries.COUNT, "leaf fragments ran on holders: " + served);

      // A coordinator that repartitions every join it can: the joins run as hash partitions on
      // all four live nodes, with the same answers.
      coordinator.close();
      String previous = System.setProperty(JoinRepartitioner.MODE_PROPERTY, "always");
      try {
        coordinator = coordinator("repartitioning", nodes, local, data.files().keySet());
      } finally {
        if (previous == null) {
          System.clearProperty(JoinRepartitioner.MODE_PROPERTY);
        } else {
          System.setProperty(JoinRepartitioner.MODE_PROPERTY, previous);
        }
      }
      Bounded.await(
          "the repartitioning coordinator sees the three nodes alive",
          BOUND,
          () -> coordinator.members().stream().filter(m -> m.alive()).count() == 4);
      log.clear();
      for (int q : List.of(3, 5, 10, 12, 13, 18)) {
        String sql = TpchQueries.sql(q);
        List<String> expected;
        try (QueryResult result = single.execute(sql, QueryOptions.DEFAULTS)) {
          expected = rows(result::next);
        }
        long[] before = joinsServedPerNode(client, nodes);
        long partitionsBefore = partitionJoinsLogged();
        assertEquals(expected, distributed(sql), TpchQueries.name(q) + " repartitioned");
        assertTrue(
            partitionJoinsLogged() >= partitionsBefore + 2,
            TpchQueries.name(q) + ": partition joins were sent to nodes; log: " + log);
        long[] after = joinsServedPerNode(client, nodes);
        int ran = 0;
        for (int n = 0; n < nodes.size(); n++) {
          ran += after[n] > before[n] ? 1 : 0;
        }
        assertTrue(
            ran > 1,
            TpchQueries.name(q) + ": partition joins ran on " + ran + " nodes; log: " + log);
      }
      assertTrue(
          log.stream().noneMatch(l -> l.contains("computed here after")), log.toString());
    }
  }

  /**
   * Starts an in-process coordinator without data and waits until it has adopted every table (the
   * same roots as the single-node store) and knows two holders of every shard.
   */
  private QuarryNode coordinator(
      String name, List<NodeAddress> nodes, Store local, Set<String> tables) {
    QuarryNode node =
        QuarryNode.start(
            NodeConfig.of(dir.resolve(name), new NodeAddress("127.0.0.1", 0), nodes, "it"),
            log::add);
    for (String table : tables) {
      Bounded.await(
          name + " adopts " + table,
          BOUND,
          () -> node.store().datasets().latest(table).isPresent());
      Cid root = node.store().datasets().latest(table).orElseThrow().root();
      assertEquals(local.datasets().latest(table).orElseThrow().root(), root, table);
      for (ShardInfo shard : DatasetManifests.load(node.store(), root).shards()) {
        Bounded.await(
            name + " knows the holders of " + table + " " + shard.name(),
            BOUND,
            () -> node.placement().providers(shard.cid()).size() >= 2);
      }
    }
    return node;
  }

  /** How many partition join fragments the coordinator's log says it sent to other nodes. */
  private long partitionJoinsLogged() {
    synchronized (log) {
      return log.stream()
          .filter(l -> l.contains("join partition fragment ") && l.contains(" ran on "))
          .count();
    }
  }

  /** Join fragments each node ran for coordinators so far. */
  private static long[] joinsServedPerNode(ClusterClient client, List<NodeAddress> nodes) {
    long[] out = new long[nodes.size()];
    for (int n = 0; n < out.length; n++) {
      byte[] body =
          client.call(nodes.get(n), FragmentService.STATS, new byte[0], Duration.ofSeconds(5));
      out[n] = ClusterWire.read(body, new TypeReference<FragmentStats.Snapshot>() {}).joinsServed();
    }
    return out;
  }

  private PlanNode plan(String sql) {
    return new QueryPlanner(new StoreCatalog(coordinator.store())).plan(sql).root();
  }

  /** Join fragments the nodes ran for coordinators so far. */
  /** Bytes of fragment results the nodes have sent so far. */
  private static long bytesSent(ClusterClient client, List<NodeAddress> nodes) {
    return sum(client, nodes, FragmentStats.Snapshot::bytesSent);
  }

  private static long joinsServed(ClusterClient client, List<NodeAddress> nodes) {
    return sum(client, nodes, FragmentStats.Snapshot::joinsServed);
  }

  /** One of the nodes' fragment counters, summed over {@code nodes}. */
  private static long sum(
      ClusterClient client,
      List<NodeAddress> nodes,
      ToLongFunction<FragmentStats.Snapshot> counter) {
    long total = 0;
    for (NodeAddress node : nodes) {
      byte[] body = client.call(node, FragmentService.STATS, new byte[0], Duration.ofSeconds(5));
      total +=
          counter.applyAsLong(
              ClusterWire.read(body, new TypeReference<FragmentStats.Snapshot>() {}));
    }
    return total;
  }

  /**
   * The distinct exchange inputs anywhere in the plan that read another exchange: per-shard joins
   * (a build side shared by several fragments counts once, as it runs once).
   */
  private static long joinFragments(PlanNode plan, Set<PlanNode> seen) {
    if (!seen.add(plan)) {
      return 0;
    }
    long count = 0;
    if (plan instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        count += hasExchange(input) && !seen.contains(input) ? 1 : 0;
      }
    }
    for (PlanNode input : plan.inputs()) {
      count += joinFragments(input, seen);
    }
    return count;
  }

  private static boolean hasExchange(PlanNode plan) {
    return plan instanceof ExchangeNode
        || plan.inputs().stream().anyMatch(DistributedTpchTest::hasExchange);
  }

  /** Runs SQL on the coordinator: leaf fragments on holders, the rest here. */
  private List<String> distributed(String sql) {
    PlanNode plan = plan(sql);
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              coordinator.shardResolver(),
              pool,
              ExecContext.DEFAULT_BATCH_SIZE,
              coordinator.fragmentRunner());
      try (Operator op = Executor.build(plan, ctx)) {
        return rows(op::next);
      }
    }
  }

  /** Where batches come from: an operator's or a query result's next(). */
  interface Batches {
    VectorSchemaRoot next();
  }

  /** Every row as "a|b|…", doubles to 12 significant digits (partial sums may differ in order). */
  static List<String> rows(Batches batches) {
    List<String> out = new ArrayList<>();
    for (VectorSchemaRoot next = batches.next(); next != null; next = batches.next()) {
      try (VectorSchemaRoot batch = next) {
        for (int r = 0; r < batch.getRowCount(); r++) {
          List<String> cells = new ArrayList<>();
          for (FieldVector v : batch.getFieldVectors()) {
            Object value = v.getObject(r);
            if (value instanceof Double d) {
              value = new BigDecimal(d).round(new MathContext(12)).toString();
            }
            cells.add(String.valueOf(value));
          }
          out.add(String.join("|", cells));
        }
      }
    }
    return out;
  }
}
