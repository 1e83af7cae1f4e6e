package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN ANALYZE through a node of a real three-process cluster, by the Arrow Flight SQL JDBC
 * driver and by {@code quarry sql --connect}: the coordinator holds no shard, so every fragment
 * line names the node process that ran it; a repeat is answered from the query result cache.
 */
class ExplainAnalyzeClusterTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final int ROWS = 40_000;
  private static final String SQL =
      "SELECT kind, count(*) AS n, sum(amount) AS total FROM events GROUP BY kind ORDER BY kind";
  private static final Pattern FRAGMENT =
      Pattern.compile(
          "fragment=(bafk\\S+) cache=computed node=(12D3KooW\\S+) address=(\\S+) rows=(\\d+)"
              + " bytes=(\\d+) time_ms=\\d+\\.\\d result=(bafk\\S+)");

  @TempDir Path dir;

  private QuarryNode coordinator;

  @AfterEach
  void down() {
    if (coordinator != null) {
      coordinator.close();
    }
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void fragmentLinesNameTheNodesThatRanThem() throws Exception {
    String[] up =
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
    Map<String, String> addressOf = new HashMap<>();
    for (String line : up) {
      String[] parts = line.split(" ");
      addressOf.put(parts[0], parts[1]);
    }
    List<NodeAddress> nodes =
        Arrays.stream(up).map(l -> NodeAddress.parse(l.split(" ")[1])).toList();

    Path csv = dir.resolve("events.csv");
    StringBuilder text = new StringBuilder("id,kind,amount\n");
    for (int i = 1; i <= ROWS; i++) {
      text.append(i).append(",k").append(i % 5).append(',').append((i * 37L) % 1000).append('\n');
    }
    Files.writeString(csv, text.toString());

    try (ClusterClient client = new ClusterClient()) {
      ImportOutcome outcome =
          client.importAndPlace(
              nodes.get(0),
              new ImportRequest(List.of(csv.toString()), "events", false, ROWS / 4, 1),
              Duration.ofMinutes(2));
      assertEquals(4, outcome.shards().size());
    }
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
        "the coordinator knows a holder of every shard",
        BOUND,
        () -> shards.stream().allMatch(s -> !coordinator.placement().providers(s.cid()).isEmpty()));

    List<String> cold = jdbcLines(coordinator.address(), "EXPLAIN ANALYZE " + SQL);
    long rows = 0;
    int fragments = 0;
    for (String line : cold) {
      if (!line.startsWith("fragment=")) {
        continue;
      }
      Matcher m = FRAGMENT.matcher(line);
      assertTrue(m.matches(), line);
      String peer = m.group(2);
      assertTrue(addressOf.containsKey(peer), "ran on a cluster node: " + line);
      assertEquals(addressOf.get(peer), m.group(3), line);
      assertTrue(!peer.equals(coordinator.peerId().toString()), line);
      rows += Long.parseLong(m.group(4));
      fragments++;
    }
    assertEquals(shards.size(), fragments, cold.toString());
    assertEquals(shards.size() * 5L, rows, "one partial row per kind per shard");
    String total = cold.stream().filter(l -> l.startsWith("total: ")).findFirst().orElseThrow();
    assertTrue(
        total.matches(
            "total: rows=5 time_ms=\\d+\\.\\d query_cache=computed result=bafk\\S+ fragments=4"
                + " computed=4 L1=0 L2=0 L3=0 bytes_saved=0"),
        total);

    QuarryCli.Run repeat =
        QuarryCli.run(
                "sql",
                "--connect",
                coordinator.address().toString(),
                "-e",
                "EXPLAIN ANALYZE " + SQL)
            .assertOk();
    assertTrue(
        repeat.out().contains("answered from the query result cache (L1): no fragment ran"),
        repeat.out());
    assertTrue(!repeat.out().contains("fragment="), repeat.out());
  }

  private static List<String> jdbcLines(NodeAddress node, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    String url = "jdbc:arrow-flight-sql://" + node + "/?useEncryption=false";
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        lines.add(result.getString(1));
      }
    }
    return lines;
  }
}
