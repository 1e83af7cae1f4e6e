package io.quarry.node.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import io.quarry.store.Block;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider records and dataset histories spread by gossip between two real nodes. */
class GossipTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aJoiningNodeLearnsDatasetsAndProvidersThenFetchesShards() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    try (QuarryNode a = TestCluster.start(dir.resolve("a"), List.of());
        QuarryNode b = TestCluster.start(dir.resolve("b"), List.of(a.address()))) {
      DatasetVersion trips = a.store().datasets().latest("trips").orElseThrow();
      TestCluster.await(
          "b adopts trips", BOUND, () -> b.store().datasets().latest("trips").isPresent());
      assertEquals(trips.root(), b.store().datasets().latest("trips").orElseThrow().root());

      List<ShardInfo> shards = DatasetManifests.load(b.store(), trips.root()).shards();
      assertEquals(4, shards.size());
      Cid first = shards.get(0).cid();
      TestCluster.await(
          "b learns that a holds the shards",
          BOUND,
          () ->
              b.placement().providers(first).stream()
                  .anyMatch(p -> p.peerId().equals(a.peerId().text())));
      assertFalse(
          b.placement().providers(first).stream()
              .anyMatch(p -> p.peerId().equals(b.peerId().text())));

      Cid announced =
          Block.of(Multicodec.RAW, "a computed result".getBytes(StandardCharsets.UTF_8)).cid();
      a.placement().holdings().announce(() -> Set.of(announced));
      TestCluster.await(
          "b learns who holds an announced result",
          BOUND,
          () ->
              b.placement().providers(announced).stream()
                  .anyMatch(p -> p.peerId().equals(a.peerId().text())));

      for (ShardInfo shard : shards) {
        assertTrue(b.placement().ensureLocal(shard.cid()));
      }
      TestCluster.await(
          "a learns that b holds the shards too",
          BOUND,
          () -> a.placement().providers(first).size() == 2);
      try (QueryEngine engine = new QueryEngine(b.store());
          QueryResult result =
              engine.execute("SELECT count(*) FROM trips", QueryOptions.DEFAULTS)) {
        try (VectorSchemaRoot batch = result.next()) {
          assertEquals(100L, ((BigIntVector) batch.getVector(0)).get(0));
        }
      }
    }
  }
}
