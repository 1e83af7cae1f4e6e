package io.quarry.node.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.car.CarWriter;
import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks between two real nodes, and a third server that answers every fetch with a DAG one of
 * whose blocks was altered: the fetcher must catch it and take the DAG from the honest holder.
 */
class BlockTransferTest {
  @TempDir Path dir;

  private QuarryNode holder;
  private QuarryNode empty;
  private RootAllocator allocator;
  private PeerClients clients;
  private FlightServer liar;
  private DatasetVersion trips;
  private DatasetManifest manifest;

  @BeforeEach
  void start() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    holder = TestCluster.start(dir.resolve("a"), List.of());
    empty = TestCluster.start(dir.resolve("b"), List.of());
    trips = holder.store().datasets().latest("trips").orElseThrow();
    manifest = DatasetManifests.load(holder.store(), trips.root());
    allocator = new RootAllocator(Long.MAX_VALUE);
    clients = new PeerClients(allocator);
    liar =
        FlightServer.builder(
                allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Liar(holder, allocator))
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    liar.shutdown();
    liar.awaitTermination();
    liar.close();
    clients.close();
    holder.close();
    empty.close();
    allocator.close();
  }

  @Test
  void aCorruptBlockIsCaughtAndTheDagFetchedElsewhere() throws Exception {
    Cid shard = manifest.shards().get(0).cid();
    NodeAddress liarAddress = new NodeAddress("127.0.0.1", liar.getPort());
    BlockFetcher fetcher = new BlockFetcher(empty.store(), clients, allocator);

    QuarryException onlyLiar =
        assertThrows(QuarryException.class, () -> fetcher.fetchDag(shard, List.of(liarAddress)));
    assertTrue(onlyLiar.getMessage().contains(liarAddress.toString()), onlyLiar.getMessage());
    assertTrue(onlyLiar.getMessage().contains("does not match"), onlyLiar.getMessage());
    assertFalse(empty.store().blocks().has(shard), "nothing of a bad DAG is kept");

    BlockFetcher.FetchReport report =
        fetcher.fetchDag(shard, List.of(liarAddress, holder.address()));
    assertEquals(holder.address(), report.source());
    assertEquals(1, report.failures().size());
    assertTrue(
        report.failures().get(0).startsWith(liarAddress.toString()), report.failures().get(0));
    assertArrayEquals(
        Files.readAllBytes(holder.store().wholeFile(shard)),
        Files.readAllBytes(empty.store().wholeFile(shard)));
  }

  @Test
  void pushesADagThatTheReceiverVerifies() throws Exception {
    Cid shard = manifest.shards().get(1).cid();
    holder.fetcher().pushDag(shard, empty.address());
    assertTrue(empty.store().blocks().has(shard));
    assertArrayEquals(
        Files.readAllBytes(holder.store().wholeFile(shard)),
        Files.readAllBytes(empty.store().wholeFile(shard)));
  }

  @Test
  void fetchesADatasetsMetadataWithoutItsShards() {
    BlockFetcher fetcher = new BlockFetcher(empty.store(), clients, allocator);
    fetcher.fetchMetadata(trips.root(), List.of(holder.address()));
    DatasetManifest copy = DatasetManifests.load(empty.store(), trips.root());
    assertEquals(manifest.rows(), copy.rows());
    assertEquals(manifest.shards().size(), copy.shards().size());
    for (var shard : manifest.shards()) {
      assertFalse(empty.store().blocks().has(shard.cid()), "shards stay where they are");
    }
  }

  @Test
  void aMissingDagIsNamed() {
    BlockFetcher fetcher = new BlockFetcher(empty.store(), clients, allocator);
    Cid absent = Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    QuarryException e =
        assertThrows(
            QuarryException.class, () -> fetcher.fetchDag(absent, List.of(holder.address())));
    assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
  }

  /** Serves the holder's DAGs as CARs with one byte of the last block flipped. */
  private static final class Liar extends NoOpFlightProducer {
    private final QuarryNode source;
    private final BufferAllocator allocator;

    Liar(QuarryNode source, BufferAllocator allocator) {
      this.source = source;
      this.allocator = allocator;
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
      String[] parsed = NodeTicket.parse(ticket);
      ByteArrayOutputStream car = new ByteArrayOutputStream();
      CarWriter.write(Cid.parse(parsed[1]), source.store().blocks(), car);
      byte[] bytes = car.toByteArray();
      bytes[bytes.length - 1] ^= 0x01;
      try (VectorSchemaRoot root = ChunkStreams.newRoot(allocator)) {
        listener.start(root);
        try (OutputStream out =
            new ChunkStreams.ChunkOutput(root, ChunkStreams.serverSink(listener))) {
          out.write(bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        listener.completed();
      }
    }
  }
}
