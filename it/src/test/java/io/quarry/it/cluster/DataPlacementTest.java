package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.error.QuarryException;
import io.quarry.cid.Cid;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.placement.PlacementService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import through one node of a real three-node cluster: every shard lands on two nodes chosen by
 * rendezvous hashing, every node learns the holders from gossip, and the dataset's history reaches
 * every member.
 */
class DataPlacementTest {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void shardsArePlacedOnReplicasAndAnnounced() throws Exception {
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
    List<String> peerIds = Arrays.stream(lines).map(l -> l.split(" ")[0]).toList();

    Path csv = dir.resolve("events.csv");
    StringBuilder text = new StringBuilder("id,kind,amount\n");
    for (int i = 1; i <= 2000; i++) {
      text.append(i).append(',').append("k").append(i % 7).append(',').append(i * 3).append('\n');
    }
    Files.writeString(csv, text.toString());

    try (ClusterClient client = new ClusterClient()) {
      QuarryException tooMany =
          assertThrows(
              QuarryException.class,
              () ->
                  client.importAndPlace(
                      nodes.get(0),
                      new ImportRequest(List.of(csv.toString()), "events", false, 250, 4),
                      BOUND));
      assertTrue(tooMany.getMessage().contains("--replicas 4"), tooMany.getMessage());

      ImportOutcome outcome =
          client.importAndPlace(
              nodes.get(0),
              new ImportRequest(List.of(csv.toString()), "events", false, 250, 2),
              Duration.ofMinutes(2));
      assertEquals(2000, outcome.rows());
      assertEquals(8, outcome.shards().size());
      Set<String> used = new HashSet<>();
      for (ImportOutcome.PlacedShard shard : outcome.shards()) {
        assertEquals(2, shard.holders().size(), shard.toString());
        assertTrue(peerIds.containsAll(shard.holders()), shard.toString());
        used.addAll(shard.holders());
      }
      assertEquals(3, used.size(), "eight shards spread over all three nodes");

      for (ImportOutcome.PlacedShard shard : outcome.shards()) {
        for (NodeAddress node : nodes) {
          // Exactly the chosen holders: the importing node keeps only the shards chosen for it.
          Bounded.await(
              node + " knows the holders of " + shard.cid(),
              BOUND,
              () -> Set.copyOf(providers(node, shard.cid())).equals(Set.copyOf(shard.holders())),
              () -> "knows " + providers(node, shard.cid()));
        }
      }

      for (NodeAddress node : nodes) {
        Bounded.await(
            node + " has the history of events",
            BOUND,
            () -> List.of(outcome.root()).equals(histories(client, node).get("events")));
        List<String> rootHolders = providers(node, outcome.root());
        assertEquals(3, rootHolders.size(), "every node holds the dataset root: " + rootHolders);
      }

      QuarryCli.Run cliImport =
          QuarryCli.run(
              "import",
              csv.toString(),
              "--name",
              "more_events",
              "--shard-rows",
              "500",
              "--replicas",
              "2",
              "--connect",
              nodes.get(1).toString());
      cliImport.assertOk();
      String[] cliLines = cliImport.lines();
      String cliRoot = cliLines[cliLines.length - 1];
      assertEquals(Cid.parse(cliRoot).toString(), cliRoot, "the root CID is the last line");
      assertTrue(
          cliImport.err().contains("2000 rows, 4 shards, 2 copies each"), cliImport.err());
      for (NodeAddress node : nodes) {
        Bounded.await(
            node + " has the history of more_events",
            BOUND,
            () -> List.of(cliRoot).equals(histories(client, node).get("more_events")));
      }
      QuarryCli.Run tooManyCli =
          QuarryCli.run(
              "import",
              csv.toString(),
              "--name",
              "too_many",
              "--replicas",
              "4",
              "--connect",
              nodes.get(0).toString());
      assertTrue(tooManyCli.status() != 0, tooManyCli.err());
      assertTrue(tooManyCli.err().contains("--replicas 4"), tooManyCli.err());

      // ls and car act on a node too. A CAR exported through one node holds every shard, though
      // the shards lie on two of three nodes: the node gathers them first.
      String listed = QuarryCli.run("ls", "--connect", nodes.get(2).toString()).assertOk().out();
      assertTrue(listed.contains(outcome.root()), listed);
      assertTrue(listed.matches("(?s).*events +\\| +1 \\| \\S+ \\| 2000 \\| +8 \\|.*"), listed);
      String detail =
          QuarryCli.run("ls", "events", "--connect", nodes.get(2).toString()).assertOk().out();
      for (ImportOutcome.PlacedShard shard : outcome.shards()) {
        assertTrue(detail.contains(shard.cid()), detail);
      }
      QuarryCli.Run unknown = QuarryCli.run("ls", "nope", "--connect", nodes.get(2).toString());
      assertEquals(1, unknown.status(), unknown.err());
      assertTrue(unknown.err().contains("no dataset named 'nope'"), unknown.err());

      Path car = dir.resolve("events.car");
      QuarryCli.run(
              "--home", dir.resolve("exporter").toString(),
              "car", "export", outcome.root(), "-o", car.toString(),
              "--connect", nodes.get(2).toString())
          .assertOk();
      Path fresh = dir.resolve("fresh");
      QuarryCli.run("--home", fresh.toString(), "car", "import", car.toString(), "--name", "copy")
          .assertOk();
      assertEquals(
          List.of("n", "2000"),
          List.of(
              QuarryCli.run(
                      "--home", fresh.toString(), "sql", "--format", "csv",
                      "-e", "SELECT count(*) AS n FROM copy")
                  .assertOk()
                  .lines()));

      QuarryCli.Run sent =
          QuarryCli.run(
                  "car", "import", car.toString(), "--name", "sent",
                  "--connect", nodes.get(1).toString())
              .assertOk();
      assertEquals(outcome.root(), sent.lines()[sent.lines().length - 1]);
      assertTrue(sent.err().contains("version 1 of sent"), sent.err());
      Bounded.await(
          nodes.get(0) + " learns of sent",
          BOUND,
          () -> List.of(outcome.root()).equals(histories(client, nodes.get(0)).get("sent")));
    }
  }

  private static List<String> providers(NodeAddress node, String cid) {
    QuarryCli.Run run = QuarryCli.run("providers", cid, "--connect", node.toString());
    return Arrays.stream(run.lines()).map(l -> l.split(" ")[0]).toList();
  }

  private static Map<String, List<String>> histories(ClusterClient client, NodeAddress node) {
    byte[] body = client.call(node, PlacementService.DATASETS, new byte[0], Duration.ofSeconds(5));
    return ClusterWire.read(body, new TypeReference<Map<String, List<String>>>() {});
  }
}
