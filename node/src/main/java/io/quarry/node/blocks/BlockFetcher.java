package io.quarry.node.blocks;

import static java.util.Objects.requireNonNull;

import io.quarry.car.CarImporter;
import io.quarry.car.CarWriter;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.flight.NodePut;
import io.quarry.node.flight.NodeTicket;
import io.quarry.store.Block;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Moves DAGs between nodes: fetches from the first holder that serves them intact (every block is
 * verified against its CID; a holder that sends a wrong block is reported and the next one tried)
 * and pushes DAGs to other nodes.
 */
public final class BlockFetcher {
  private static final long TRANSFER_TIMEOUT_MINUTES = 30;

  private final Store store;
  private final PeerClients clients;
  private final BufferAllocator allocator;

  public BlockFetcher(Store store, PeerClients clients, BufferAllocator allocator) {
    this.store = requireNonNull(store, "store is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  /** What a fetch did: the holder it came from and the holders that failed, with why. */
  public record FetchReport(NodeAddress source, List<String> failures) {}

  /**
   * Makes the whole DAG under {@code root} local, from the first of {@code holders} that serves it
   * intact.
   */
  public FetchReport fetchDag(Cid root, List<NodeAddress> holders) {
    return fetch(root, holders, this::fetchCar);
  }

  /** Makes a dataset's metadata blocks (root directory, manifest) local. */
  public FetchReport fetchMetadata(Cid root, List<NodeAddress> holders) {
    return fetch(root, holders, this::fetchMeta);
  }

  private interface Attempt {
    void run(Cid root, NodeAddress holder);
  }

  private FetchReport fetch(Cid root, List<NodeAddress> holders, Attempt attempt) {
    requireNonNull(root, "root is null");
    List<String> failures = new ArrayList<>();
    for (NodeAddress holder : holders) {
      try {
        attempt.run(root, holder);
        return new FetchReport(holder, failures);
      } catch (FlightRuntimeException e) {
        failures.add(holder + ": " + PeerClients.remote(holder, "to send " + root, e).getMessage());
      } catch (QuarryException | UncheckedIOException e) {
        failures.add(holder + ": " + e.getMessage());
      }
    }
    throw new QuarryException(
        ErrorCode.NOT_FOUND,
        "No holder served "
            + root
            + (failures.isEmpty() ? " (no live holder)" : ": " + String.join("; ", failures)));
  }

  private void fetchCar(Cid root, NodeAddress holder) {
    Path temp = null;
    try {
      temp = Files.createTempFile(store.home(), ".fetch-", ".car");
      try (FlightStream stream =
              client(holder)
                  .getStream(NodeTicket.ticket(BlockService.CAR, root.toString()), timeout());
          OutputStream out = Files.newOutputStream(temp)) {
        ChunkStreams.copy(stream, out);
      }
      List<Cid> roots;
      try (InputStream in = Files.newInputStream(temp)) {
        roots = CarImporter.importCar(in, store.blocks());
      } catch (QuarryException e) {
        throw new QuarryException(
            e.code(), "node " + holder + " sent a bad DAG: " + e.getMessage(), e);
      }
      if (!roots.contains(root)) {
        throw new QuarryException(
            ErrorCode.CORRUPT_DATA, "node " + holder + " sent a CAR of " + roots + ", not " + root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private void fetchMeta(Cid root, NodeAddress holder) {
    List<Block> blocks = new ArrayList<>();
    try (FlightStream stream =
        client(holder)
            .getStream(NodeTicket.ticket(BlockService.META, root.toString()), timeout())) {
      while (stream.next()) {
        VectorSchemaRoot batch = stream.getRoot();
        VarBinaryVector cids = (VarBinaryVector) batch.getVector(0);
        VarBinaryVector data = (VarBinaryVector) batch.getVector(1);
        for (int i = 0; i < batch.getRowCount(); i++) {
          blocks.add(BlockRows.verified(Cid.decode(cids.get(i)), data.get(i), "node " + holder));
        }
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (blocks.isEmpty() || !blocks.get(0).cid().equals(root)) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA, "node " + holder + " did not send the root " + root);
    }
    for (Block block : blocks) {
      store.blocks().put(block);
    }
  }

  /** Sends the DAG under {@code root} to {@code target}, which verifies it before keeping it. */
  public void pushDag(Cid root, NodeAddress target) {
    try (VectorSchemaRoot batch = ChunkStreams.newRoot(allocator)) {
      FlightClient.ClientStreamListener upload =
          client(target)
              .startPut(
                  NodePut.descriptor(BlockService.CAR, root.toString()),
                  batch,
                  new AsyncPutListener(),
                  timeout());
      try (OutputStream out = new ChunkStreams.ChunkOutput(batch, upload::putNext)) {
        CarWriter.write(root, store.blocks(), out);
      } catch (IOException | RuntimeException e) {
        upload.error(e);
        throw e;
      }
      upload.completed();
      upload.getResult();
    } catch (FlightRuntimeException e) {
      throw PeerClients.remote(target, "to store " + root, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FlightClient client(NodeAddress address) {
    return clients.client(address);
  }

  private static CallOption timeout() {
    return CallOptions.timeout(TRANSFER_TIMEOUT_MINUTES, TimeUnit.MINUTES);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing refers to a leftover temporary file.
    }
  }
}
