package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.schedule.Schedule;
import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cid.Cid;
import io.quarry.cli.ScheduledQueryExecutor;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.dist.FragmentStats;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute goes to the data: a coordinator holding no shard runs a query over a three-process
 * cluster; every leaf fragment runs on a holder, only partial aggregates travel, and after a holder
 * is killed with SIGKILL the query still returns the right answer from the other replicas.
 */
class DistributedQueryTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final int ROWS = 100_000;
  private static final String SQL =
      "SELECT kind, count(*) AS n, sum(amount) AS total FROM events GROUP BY kind ORDER BY kind";

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
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
  void fragmentsRunOnHoldersAndSurviveAKilledNode() throws Exception {
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
    List<Long> pids =
        Arrays.stream(lines).map(l -> Long.parseLong(l.split(" ")[2].substring(4))).toList();

    Path csv = dir.resolve("events.csv");
    StringBuilder text = new StringBuilder("id,kind,amount\n");
    Map<String, long[]> expected = new TreeMap<>();
    for (int i = 1; i <= ROWS; i++) {
      String kind = "k" + (i % 7);
      long amount = (i * 37L) % 1000;
      text.append(i).append(',').append(kind).append(',').append(amount).append('\n');
      long[] agg = expected.computeIfAbsent(kind, k -> new long[2]);
      agg[0]++;
      agg[1] += amount;
    }
    Files.writeString(csv, text.toString());
    List<String> want = new ArrayList<>();
    expected.forEach((kind, agg) -> want.add(kind + "|" + agg[0] + "|" + agg[1]));

    try (ClusterClient client = new ClusterClient()) {
      ImportOutcome outcome =
          client.importAndPlace(
              nodes.get(0),
              new ImportRequest(List.of(csv.toString()), "events", false, ROWS / 8, 2),
              Duration.ofMinutes(2));
      assertEquals(8, outcome.shards().size());

      coordinator =
          QuarryNode.start(
              NodeConfig.of(
                  dir.resolve("coordinator"), new NodeAddress("127.0.0.1", 0), nodes, "it"));
      Bounded.await(
          "the coordinator adopts events",
          BOUND,
          () -> coordinator.store().datasets().latest("events").isPresent());
      Cid root = coordinator.store().datasets().latest("events").orElseThrow().root();
      List<ShardInfo> shards = DatasetManifests.load(coordinator.store(), root).shards();
      Bounded.await(
          "the coordinator knows two holders of every shard",
          BOUND,
          () ->
              shards.stream()
                  .allMatch(s -> coordinator.placement().providers(s.cid()).size() >= 2));

      assertEquals(want, query());
      long served = 0;
      long bytesSent = 0;
      for (NodeAddress node : nodes) {
        FragmentStats.Snapshot stats = stats(client, node);
        served += stats.served();
        bytesSent += stats.bytesSent();
      }
      assertEquals(shards.size(), served, "every leaf fragment ran on a holder");
      long tableBytes = shards.stream().mapToLong(ShardInfo::bytes).sum();
      assertTrue(
          bytesSent * 10 < tableBytes, "sent " + bytesSent + " bytes for a table of " + tableBytes);
      for (ShardInfo shard : shards) {
        assertFalse(
            coordinator.store().blocks().has(shard.cid()), "no shard was moved to the coordinator");
      }

      assertEquals(
          want,
          jdbcQuery(coordinator.address()),
          "the Arrow Flight SQL JDBC driver on a node without data gets the direct answer");
      long servedAfterJdbc = 0;
      for (NodeAddress node : nodes) {
        servedAfterJdbc += stats(client, node).served();
      }
      assertEquals(
          served + shards.size(),
          servedAfterJdbc,
          "the driver's query ran every leaf fragment on a holder");
      for (ShardInfo shard : shards) {
        assertFalse(
            coordinator.store().blocks().has(shard.cid()),
            "no shard was moved to the coordinator for the driver's query");
      }

      ScheduleRun.Outcome scheduled =
          new ScheduledQueryExecutor(
                  coordinator.store(),
                  ResultCache.open(coordinator.store(), ResultCacheConfig.DEFAULTS),
                  coordinator.shardResolver(),
                  coordinator.fragmentRunner())
              .run(
                  new Schedule(
                      "kinds",
                      "* * * * *",
                      "SELECT count(*) AS n FROM events",
                      Optional.empty(),
                      Instant.now()));
      assertEquals(1, scheduled.rows());
      long servedAfterSchedule = 0;
      for (NodeAddress node : nodes) {
        servedAfterSchedule += stats(client, node).served();
      }
      assertEquals(
          servedAfterJdbc + shards.size(),
          servedAfterSchedule,
          "a node's scheduled query runs its leaf fragments on the holders");

      // kill -9 of a holder while a query streams: the fragments it had not sent run again on
      // the shards' other holders, and every row arrives exactly once.
      ProcessHandle victim = ProcessHandle.of(pids.get(1)).orElseThrow();
      long total = expected.values().stream().mapToLong(agg -> agg[1]).sum();
      assertArrayEquals(
          new long[] {ROWS, total},
          countAndSumKillingAfterTheFirstBatch(victim),
          "the rows survive a holder killed mid-query");
      Bounded.await("node 2 exits", BOUND, () -> !victim.isAlive());
      assertEquals(want, query(), "the answer survives the loss of a holder");
    }
  }

  private List<String> query() {
    PlanNode plan = new QueryPlanner(new StoreCatalog(coordinator.store())).plan(SQL).root();
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        Operator op =
            Executor.build(plan, onCoordinator(allocator, ExecContext.DEFAULT_BATCH_SIZE))) {
      return DistributedTpchTest.rows(op::next);
    }
  }

  /**
   * Streams every event's amount through the coordinator, killing {@code victim} (kill -9) once
   * the first batch has arrived; the number of rows and the sum of their amounts.
   */
  private long[] countAndSumKillingAfterTheFirstBatch(ProcessHandle victim) {
    PlanNode plan =
        new QueryPlanner(new StoreCatalog(coordinator.store()))
            .plan("SELECT id, amount FROM events")
            .root();
    long rows = 0;
    long sum = 0;
    try (RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        Operator op = Executor.build(plan, onCoordinator(allocator, 1024))) {
      for (VectorSchemaRoot next = op.next(); next != null; next = op.next()) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            sum += ((Number) batch.getVector(1).getObject(r)).longValue();
          }
          rows += batch.getRowCount();
        }
        if (victim.isAlive()) {
          assertTrue(victim.destroyForcibly());
        }
      }
    }
    return new long[] {rows, sum};
  }

  /** Runs a plan as the coordinator node would: its shards, its fragment runner. */
  private ExecContext onCoordinator(RootAllocator allocator, int batchSize) {
    return new ExecContext(
        allocator,
        s -> coordinator.store().wholeFile(Cid.parse(s.cid())),
        pool,
        batchSize,
        coordinator.fragmentRunner());
  }

  /** The rows of SQL through the official Arrow Flight SQL JDBC driver, as query() gives them. */
  private static List<String> jdbcQuery(NodeAddress node) {
    return Nodes.rows("jdbc:arrow-flight-sql://" + node + "/?useEncryption=false", SQL);
  }

  private static FragmentStats.Snapshot stats(ClusterClient client, NodeAddress node) {
    return Nodes.stats(client, node);
  }

}
