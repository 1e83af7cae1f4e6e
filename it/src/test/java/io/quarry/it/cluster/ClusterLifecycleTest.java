package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real three-node cluster on loopback: each node its own JVM process and store. A node killed
 * with SIGKILL is noticed by the others; restarted on its store it rejoins under the same PeerId.
 */
class ClusterLifecycleTest {
  private static final Duration NOTICE = Duration.ofSeconds(30);

  @TempDir Path dir;

  record Node(String peerId, NodeAddress address, long pid) {
    static Node parse(String line) {
      String[] parts = line.strip().split(" ");
      assertEquals(3, parts.length, line);
      assertTrue(parts[0].startsWith("12D3KooW"), line);
      assertTrue(parts[2].startsWith("pid="), line);
      return new Node(parts[0], NodeAddress.parse(parts[1]), Long.parseLong(parts[2].substring(4)));
    }
  }

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.toString());
  }

  @Test
  void upStatusKillRejoinDown() throws Exception {
    List<Node> nodes = up();
    assertEquals(3, nodes.size());
    assertEquals(3, nodes.stream().map(Node::peerId).distinct().count());
    for (Node node : nodes) {
      assertEquals("127.0.0.1", node.address().host());
      assertTrue(
          ProcessHandle.of(node.pid()).map(ProcessHandle::isAlive).orElse(false), node.toString());
    }

    String[] status =
        QuarryCli.run("cluster", "status", "--dir", dir.toString()).assertOk().lines();
    assertEquals(3, status.length, String.join("\n", status));
    for (int i = 0; i < 3; i++) {
      assertTrue(
          status[i].startsWith(nodes.get(i).peerId() + " " + nodes.get(i).address()), status[i]);
      assertTrue(status[i].endsWith("running members=3/3"), status[i]);
    }

    Node victim = nodes.get(1);
    ProcessHandle process = ProcessHandle.of(victim.pid()).orElseThrow();
    assertTrue(process.destroyForcibly(), "SIGKILL sent");
    Bounded.await("node 2 exits", NOTICE, () -> !process.isAlive());

    try (ClusterClient client = new ClusterClient()) {
      for (Node survivor : List.of(nodes.get(0), nodes.get(2))) {
        Bounded.await(
            survivor.address() + " notices that node 2 is dead",
            NOTICE,
            () ->
                alive(client, survivor)
                    .equals(Set.of(nodes.get(0).peerId(), nodes.get(2).peerId())),
            () -> "sees " + alive(client, survivor));
      }
      Path log = dir.resolve("node-1").resolve("node.log");
      Bounded.await(
          "node 1 logs the death of node 2",
          NOTICE,
          () ->
              readLog(log).contains("member " + victim.peerId() + " " + victim.address() + " dead"),
          () -> readLog(log));
      String stopped =
          QuarryCli.run("cluster", "status", "--dir", dir.toString()).assertOk().lines()[1];
      assertTrue(stopped.endsWith(" stopped"), stopped);

      List<Node> again = up();
      assertEquals(nodes.get(0), again.get(0));
      assertEquals(nodes.get(2), again.get(2));
      assertEquals(victim.peerId(), again.get(1).peerId());
      assertEquals(victim.address(), again.get(1).address());
      assertNotEquals(victim.pid(), again.get(1).pid());
      Set<String> everyone = nodes.stream().map(Node::peerId).collect(Collectors.toSet());
      for (Node node : again) {
        assertEquals(everyone, alive(client, node), node + " sees everyone again");
      }
    }

    String[] stopped = QuarryCli.run("cluster", "down", "--dir", dir.toString()).assertOk().lines();
    assertEquals(3, stopped.length, String.join("\n", stopped));
    for (Node node : stoppedNodes(stopped)) {
      Optional<ProcessHandle> handle = ProcessHandle.of(node.pid());
      Bounded.await(node + " exits", NOTICE, () -> handle.map(h -> !h.isAlive()).orElse(true));
    }
  }

  private List<Node> up() {
    String[] lines =
        QuarryCli.run("cluster", "up", "--nodes", "3", "--dir", dir.toString(), "--timeout", "120")
            .assertOk()
            .lines();
    return Arrays.stream(lines).map(Node::parse).toList();
  }

  private static List<Node> stoppedNodes(String[] stoppedLines) {
    return Arrays.stream(stoppedLines)
        .map(line -> Node.parse(line.substring("stopped ".length())))
        .toList();
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  private static Set<String> alive(ClusterClient client, Node node) {
    try {
      return client.members(node.address(), Duration.ofSeconds(2)).stream()
          .filter(Member::alive)
          .map(m -> m.peerId().text())
          .collect(Collectors.toSet());
    } catch (QuarryException e) {
      return Set.of();
    }
  }
}
