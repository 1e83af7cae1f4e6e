package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN ANALYZE through a node that holds no shard: every fragment line names the holder that ran
 * it, and a second run shows the fragments coming from the coordinator's cache.
 */
class ExplainAnalyzeOnNodeTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String SQL =
      "SELECT city, count(*) AS n, sum(fare) AS fares FROM trips WHERE id > 5 GROUP BY city";

  @TempDir Path dir;

  private QuarryNode holder;
  private QuarryNode coordinator;
  private List<ShardInfo> shards;

  @BeforeEach
  void start() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    holder = TestCluster.start(dir.resolve("a"), List.of());
    coordinator = TestCluster.start(dir.resolve("c"), List.of(holder.address()));
    TestCluster.await(
        "the coordinator adopts trips",
        BOUND,
        () -> coordinator.store().datasets().latest("trips").isPresent());
    Cid root = coordinator.store().datasets().latest("trips").orElseThrow().root();
    shards = DatasetManifests.load(coordinator.store(), root).shards();
    TestCluster.await(
        "the coordinator learns the holders",
        BOUND,
        () -> shards.stream().allMatch(s -> !coordinator.placement().providers(s.cid()).isEmpty()));
  }

  @AfterEach
  void stop() {
    for (QuarryNode node : new QuarryNode[] {coordinator, holder}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void fragmentLinesNameTheHolderThatRanThem() {
    try (RemoteQueryClient client = new RemoteQueryClient(coordinator.address())) {
      List<String> cold = lines(client.execute("EXPLAIN ANALYZE " + SQL));
      List<String> fragments = cold.stream().filter(l -> l.startsWith("fragment=")).toList();
      assertEquals(shards.size(), fragments.size(), cold.toString());
      for (String line : fragments) {
        assertTrue(
            line.contains(
                " cache=computed node="
                    + holder.peerId()
                    + " address="
                    + holder.address()
                    + " rows="),
            line);
      }
      assertEquals(shards.size(), holder.fragmentStats().snapshot().served());

      List<String> warm = lines(client.execute("EXPLAIN ANALYZE " + SQL + " ORDER BY city"));
      for (String line : warm.stream().filter(l -> l.startsWith("fragment=")).toList()) {
        assertTrue(line.contains(" cache=L1 node=none rows="), line);
      }
      assertEquals(shards.size(), holder.fragmentStats().snapshot().served(), "nothing ran again");
    }
  }

  private static List<String> lines(QueryResult result) {
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
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return lines;
  }
}
