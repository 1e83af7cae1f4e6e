package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.TpchData;
import io.quarry.bench.TpchQueries;
import io.quarry.cid.Cid;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.dist.FragmentStats;
import io.quarry.node.dist.JoinRepartitioner;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.engine.TableInfo;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.server.JavaCommand;
import io.quarry.node.server.LocalCluster;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPC-H join queries at SF 0.01 on three node processes that all repartition every join ({@code
 * -Dquarry.repartition=always}, what {@code QUARRY_REPARTITION=always} sets): asked through one of
 * them, every answer equals the single-node engine's, the join inputs are hash-partitioned on the
 * nodes that hold their shards and the partitions joined on every node; after SIGKILL of a node
 * the answers are still right.
 */
class ShuffleJoinClusterTest {
  private static final long SHARD_ROWS = 10_000;
  private static final List<Integer> QUERIES = List.of(3, 5, 9, 18);
  private static final QueryOptions NO_CACHE = QueryOptions.DEFAULTS.withCache(false);

  @TempDir Path dir;

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void tpchJoinsShuffledAcrossNodeProcessesEqualOneNode() throws Exception {
    TpchData data =
        TpchData.prepare(
            0.01, dir.resolve("data"), 2, new PrintStream(OutputStream.nullOutputStream()));
    // The nodes' own JVM flags, as `quarry cluster up` passes them, plus the repartition mode.
    List<String> launcher =
        JavaCommand.of(
            "io.quarry.cli.Main",
            List.of(
                "-Xss4m",
                "-XX:MaxRAMPercentage=16",
                "-D" + JoinRepartitioner.MODE_PROPERTY + "=always"));
    List<LocalCluster.NodeHandle> started =
        new LocalCluster(dir.resolve("cluster"), launcher).up(3, Duration.ofSeconds(120));
    List<NodeAddress> nodes = started.stream().map(LocalCluster.NodeHandle::address).toList();

    try (Store local = Store.open(dir.resolve("single"));
        QueryEngine single = new QueryEngine(local);
        ClusterClient client = new ClusterClient();
        RemoteQueryClient first = new RemoteQueryClient(nodes.get(0))) {
      int i = 0;
      List<String> shards = new ArrayList<>();
      for (Map.Entry<String, List<Path>> table : data.files().entrySet()) {
        DatasetImporter.run(
            local,
            table.getValue(),
            new ImportOptions(table.getKey(), false, SHARD_ROWS, Map.of()),
            ImportProgress.NONE);
        ImportOutcome outcome =
            client.importAndPlace(
                nodes.get(i++ % nodes.size()),
                new ImportRequest(
                    table.getValue().stream().map(Path::toString).toList(),
                    table.getKey(),
                    false,
                    SHARD_ROWS,
                    2),
                Duration.ofMinutes(5));
        outcome.shards().forEach(shard -> shards.add(shard.cid()));
      }
      Bounded.await(
          "the first node adopts every table",
          Duration.ofSeconds(60),
          () ->
              first.tables().stream()
                  .map(TableInfo::name)
                  .toList()
                  .containsAll(data.files().keySet()));
      for (String shard : shards) {
        Bounded.await(
            "the first node knows both holders of " + shard,
            Duration.ofSeconds(60),
            () -> client.providers(nodes.get(0), Cid.parse(shard)).size() >= 2);
      }

      Map<Integer, List<String>> expected = new LinkedHashMap<>();
      for (int q : QUERIES) {
        try (QueryResult result = single.execute(TpchQueries.sql(q), QueryOptions.DEFAULTS)) {
          expected.put(q, DistributedTpchTest.rows(result::next));
        }
      }
      List<FragmentStats.Snapshot> start = stats(client, nodes);
      for (int q : QUERIES) {
        List<FragmentStats.Snapshot> before = stats(client, nodes);
        assertEquals(expected.get(q), query(first, q), TpchQueries.name(q) + "\n" + logs());
        List<FragmentStats.Snapshot> after = stats(client, nodes);
        long partitioned = 0;
        int joining = 0;
        for (int n = 0; n < nodes.size(); n++) {
          partitioned += work(after.get(n)) - work(before.get(n));
          joining += after.get(n).joinsServed() > before.get(n).joinsServed() ? 1 : 0;
        }
        // The node asked partitions the fragments of the shards it holds itself.
        assertTrue(partitioned > 0, TpchQueries.name(q) + ": leaf fragments partitioned");
        assertTrue(joining > 1, TpchQueries.name(q) + ": partitions joined on " + joining);
      }
      List<FragmentStats.Snapshot> end = stats(client, nodes);
      int partitioning = 0;
      for (int n = 0; n < nodes.size(); n++) {
        partitioning += work(end.get(n)) > work(start.get(n)) ? 1 : 0;
      }
      assertTrue(partitioning > 1, "leaf fragments partitioned on " + partitioning + " nodes");
      String log = Files.readString(dir.resolve("cluster/node-1/node.log"));
      assertTrue(log.contains(" join partition fragment "), log);
      assertTrue(log.contains("partitioned fragment "), log);

      // SIGKILL the third node, then ask at once: the other two still count it alive for a
      // while, and what it held or would have done is done elsewhere.
      ProcessHandle victim = ProcessHandle.of(started.get(2).pid()).orElseThrow();
      assertTrue(victim.destroyForcibly());
      Bounded.await("node 3 exits", Duration.ofSeconds(30), () -> !victim.isAlive());
      for (int q : QUERIES) {
        assertEquals(
            expected.get(q), query(first, q), TpchQueries.name(q) + " after a kill\n" + logs());
      }
    }
  }

  private static List<String> query(RemoteQueryClient node, int q) {
    try (QueryResult result = node.execute(TpchQueries.sql(q), NO_CACHE)) {
      return DistributedTpchTest.rows(result::next);
    } catch (Exception e) {
      throw new AssertionError(TpchQueries.name(q) + ": " + e.getMessage(), e);
    }
  }

  /** Leaf fragments a node partitioned, or answered with partitions stored before. */
  private static long work(FragmentStats.Snapshot s) {
    return s.partitioned() + s.partitionsReused();
  }

  private static List<FragmentStats.Snapshot> stats(ClusterClient client, List<NodeAddress> nodes) {
    List<FragmentStats.Snapshot> out = new ArrayList<>();
    for (NodeAddress node : nodes) {
      out.add(Nodes.stats(client, node));
    }
    return out;
  }

  /** The last lines of every node's log, for failure messages. */
  private String logs() {
    StringBuilder out = new StringBuilder();
    for (int n = 1; n <= 3; n++) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve("cluster/node-" + n + "/node.log"));
        out.append("node-").append(n).append(":\n");
        lines.subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("node-").append(n).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }
}
