package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L3 of the result cache on two node processes: a query through node A computes and stores its
 * fragments; node B, whose own cache is cold, finds them announced by A, fetches them and runs
 * none of them, here or anywhere.
 */
class ResultCacheL3Test {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Pattern FRAGMENT = Pattern.compile("fragment=(\\S+)");
  private static final String ON_A =
      "SELECT kind, count(*) AS n, sum(amount) AS total FROM events GROUP BY kind ORDER BY kind";
  // Other names and order, the same per-shard fragments: the whole query is not shared, they are.
  private static final String ON_B =
      "SELECT kind, count(*) AS c, sum(amount) AS s FROM events GROUP BY kind ORDER BY kind DESC";

  @TempDir Path dir;

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void fragmentsComputedOnOneNodeAreFetchedByAnother() throws Exception {
    String[] lines =
        QuarryCli.run(
                "cluster", "up", "--nodes", "2", "--dir", dir.resolve("cluster").toString(),
                "--timeout", "120")
            .assertOk()
            .lines();
    List<NodeAddress> nodes =
        Arrays.stream(lines).map(l -> NodeAddress.parse(l.split(" ")[1])).toList();
    NodeAddress a = nodes.get(0);
    NodeAddress b = nodes.get(1);
    Path csv = dir.resolve("events.csv");
    // Every 10,000-row shard holds the same (kind, amount) pairs, so the four fragments have equal
    // results under one result CID, looked up and fetched by B's threads at once.
    StringBuilder text = new StringBuilder("id,kind,amount\n");
    for (int i = 1; i <= 40_000; i++) {
      text.append(i).append(",k").append(i % 5).append(',').append((i * 37L) % 1000).append('\n');
    }
    Files.writeString(csv, text.toString());

    try (ClusterClient client = new ClusterClient()) {
      client.importAndPlace(
          a,
          new ImportRequest(List.of(csv.toString()), "events", false, 10_000, 1),
          Duration.ofMinutes(2));
      Bounded.await("node B adopts events", BOUND, () -> !rows(b, "SHOW DATASETS").isEmpty());

      List<String> fragments = new ArrayList<>();
      for (String line : rows(a, "EXPLAIN " + ON_A)) {
        Matcher m = FRAGMENT.matcher(line);
        if (line.startsWith("placement:") && m.find()) {
          fragments.add(m.group(1));
        }
      }
      assertEquals(4, fragments.size(), "one leaf fragment per shard");
      List<String> answer = rows(a, ON_A);
      assertEquals(5, answer.size());
      String peerA = lines[0].split(" ")[0];
      for (String key : fragments) {
        Bounded.await(
            "node B learns that node A holds the result of " + key,
            BOUND,
            () ->
                client.providers(b, Cid.parse(key)).stream()
                    .anyMatch(p -> p.peerId().equals(peerA)));
      }
      long servedBefore = served(client, a) + served(client, b);

      List<String> fromB = rows(b, ON_B);
      List<String> reversed = new ArrayList<>(answer);
      Collections.reverse(reversed);
      assertEquals(reversed, fromB);

      assertEquals(servedBefore, served(client, a) + served(client, b), "no fragment ran for a peer");
      List<String> cache = rows(b, "SHOW CACHE");
      assertTrue(cache.contains("L3|fragment|4|0|" + bytesSaved(cache) + "|0"), String.join("\n", cache));
      assertTrue(cache.stream().anyMatch(l -> l.startsWith("L2|fragment|0|4|")), String.join("\n", cache));
      // Fetched results are B's own now: the same query again needs nobody.
      assertEquals(reversed, rows(b, ON_B));
      assertFalse(rows(b, "SHOW CACHE").contains("L3|fragment|5|"));
    }
  }

  private static String bytesSaved(List<String> cache) {
    for (String line : cache) {
      if (line.startsWith("L3|fragment|")) {
        String saved = line.split("\\|")[4];
        assertTrue(Long.parseLong(saved) > 0, "L3 hits saved reading the shards: " + line);
        return saved;
      }
    }
    throw new AssertionError("no L3 row in SHOW CACHE: " + cache);
  }

  private static long served(ClusterClient client, NodeAddress node) {
    return Nodes.stats(client, node).served();
  }

  private static List<String> rows(NodeAddress node, String sql) {
    return Nodes.rows("jdbc:quarry://" + node, sql);
  }
}
