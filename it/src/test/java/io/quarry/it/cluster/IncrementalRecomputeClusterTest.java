package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recurring aggregate over a dataset that grows, on two node processes: after each append only
 * the new shard's fragment runs anywhere in the cluster; the old shards come from the cache, as
 * cached partials the first time and as the previous run's merge of them after that. Counted by
 * the coordinator's cache (a fragment is computed or dispatched exactly when L2 misses it) and by
 * both nodes' counts of fragments run for a peer.
 */
class IncrementalRecomputeClusterTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String SQL =
      "SELECT kind, count(*) AS n, sum(amount) AS total, avg(amount) AS mean, max(id) AS last"
          + " FROM events GROUP BY kind ORDER BY kind";

  @TempDir Path dir;

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void appendsRecomputeOnlyTheNewShards() throws Exception {
    List<NodeAddress> nodes = Nodes.up(dir.resolve("cluster"), 2);
    NodeAddress a = nodes.get(0);
    NodeAddress b = nodes.get(1);

    try (ClusterClient client = new ClusterClient()) {
      client.importAndPlace(
          a,
          new ImportRequest(List.of(events(1, 40_000).toString()), "events", false, 10_000, 1),
          Duration.ofMinutes(2));
      List<String> first = rows(a, SQL, true);
      assertEquals(rows(a, SQL, false), first);
      Map<String, Long> before = counters(a);
      assertEquals(4, before.get("L2|fragment|misses"), "four shards, four fragments: " + before);

      for (int append = 1; append <= 2; append++) {
        int from = 40_000 + (append - 1) * 5_000 + 1;
        client.importAndPlace(
            a,
            new ImportRequest(
                List.of(events(from, from + 4_999).toString()), "events", true, 10_000, 1),
            Duration.ofMinutes(2));
        long servedBefore = served(client, a) + served(client, b);
        List<String> rerun = rows(a, SQL, true);
        Map<String, Long> after = counters(a);
        long ranForPeers = served(client, a) + served(client, b) - servedBefore;

        assertEquals(rows(a, SQL, false), rerun, "append " + append);
        assertEquals(
            1, delta(after, before, "L2|fragment|misses"), "only the new shard's fragment ran");
        assertTrue(ranForPeers <= 1, "the new fragment ran once at most on a peer: " + ranForPeers);
        if (append == 1) {
          assertEquals(
              4, hits(after, "fragment") - hits(before, "fragment"), "the old partials were read");
          assertEquals(
              2, delta(after, before, "L2|merge|misses"), "merged: the old shards, then all");
        } else {
          assertEquals(
              0, hits(after, "fragment") - hits(before, "fragment"), "no old partial was read");
          assertEquals(1, hits(after, "merge") - hits(before, "merge"), "the previous merge was");
          assertEquals(1, delta(after, before, "L2|merge|misses"), "one new merge");
        }
        before = counters(a);
      }
    }
  }

  /** Rows {@code from} to {@code to} (ids) of a CSV of events. */
  private Path events(int from, int to) throws Exception {
    StringBuilder text = new StringBuilder("id,kind,amount\n");
    for (int i = from; i <= to; i++) {
      text.append(i).append(",k").append(i % 5).append(',').append((i * 37L) % 1000).append(".25\n");
    }
    return Files.writeString(dir.resolve("events-" + from + ".csv"), text.toString());
  }

  private static long delta(Map<String, Long> after, Map<String, Long> before, String counter) {
    return after.get(counter) - before.get(counter);
  }

  private static long hits(Map<String, Long> counters, String kind) {
    return counters.get("L1|" + kind + "|hits")
        + counters.get("L2|" + kind + "|hits")
        + counters.get("L3|" + kind + "|hits");
  }

  /** SHOW CACHE on {@code node} as "LEVEL|kind|hits" and "LEVEL|kind|misses" → count. */
  private static Map<String, Long> counters(NodeAddress node) {
    Map<String, Long> out = new HashMap<>();
    for (String row : rows(node, "SHOW CACHE", true)) {
      String[] cells = row.split("\\|");
      out.put(cells[0] + "|" + cells[1] + "|hits", Long.parseLong(cells[2]));
      out.put(cells[0] + "|" + cells[1] + "|misses", Long.parseLong(cells[3]));
    }
    return out;
  }

  private static long served(ClusterClient client, NodeAddress node) {
    return Nodes.stats(client, node).served();
  }

  private static List<String> rows(NodeAddress node, String sql, boolean cache) {
    return Nodes.rows("jdbc:quarry://" + node + ";cache=" + (cache ? "on" : "off"), sql);
  }
}
