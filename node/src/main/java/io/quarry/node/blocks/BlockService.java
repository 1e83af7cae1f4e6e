package io.quarry.node.blocks;

import static java.util.Objects.requireNonNull;

import io.quarry.car.CarImporter;
import io.quarry.car.CarWriter;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.flight.FlightErrors;
import io.quarry.node.flight.NodePut;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.flight.QuarryFlightProducer;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Serves a node's blocks to its peers and clients and accepts blocks pushed to it: DoGet {@code
 * quarry/car/CID} streams the DAG under CID as a CAR (gathering parts held elsewhere first); DoGet {@code quarry/meta/ROOT} streams a dataset's metadata
 * blocks as (cid, data) rows; DoPut {@code quarry/car/CID} takes a CAR of the DAG under CID, which
 * is verified block by block (and for completeness) before anything is kept.
 */
public final class BlockService {
  public static final String CAR = "car";
  public static final String META = "meta";

  private final Store store;
  private final BufferAllocator allocator;
  private final Runnable onStored;
  private final Consumer<Cid> gather;

  /**
   * @param onStored called after a pushed DAG was stored (holdings changed)
   * @param gather makes the DAG under a CID local, from its holders: a CAR of a dataset whose
   *     shards lie on other nodes is sent whole
   */
  public BlockService(
      Store store, BufferAllocator allocator, Runnable onStored, Consumer<Cid> gather) {
    this.store = requireNonNull(store, "store is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.onStored = requireNonNull(onStored, "onStored is null");
    this.gather = requireNonNull(gather, "gather is null");
  }

  public BlockService(Store store, BufferAllocator allocator, Runnable onStored) {
    this(store, allocator, onStored, cid -> {});
  }

  public void registerWith(QuarryFlightProducer producer) {
    producer.register(carTicket());
    producer.register(metaTicket());
    producer.register(carPut());
  }

  private NodeTicket carTicket() {
    return new NodeTicket() {
      @Override
      public String kind() {
        return CAR;
      }

      @Override
      public void stream(CallContext context, String argument, ServerStreamListener listener) {
        Cid root = Cid.parse(argument);
        if (!store.blocks().has(root)) {
          throw new QuarryException(
              ErrorCode.NOT_FOUND, "Block " + root + " not found on this node");
        }
        try (VectorSchemaRoot batch = ChunkStreams.newRoot(allocator)) {
          listener.start(batch);
          try (OutputStream out =
              new ChunkStreams.ChunkOutput(batch, ChunkStreams.serverSink(listener))) {
            CarWriter.write(
                root,
                cid -> {
                  if (!store.blocks().has(cid)) {
                    gather.accept(cid);
                  }
                  return store.blocks().get(cid);
                },
                out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          listener.completed();
        }
      }
    };
  }

  private NodeTicket metaTicket() {
    return new NodeTicket() {
      @Override
      public String kind() {
        return META;
      }

      @Override
      public void stream(CallContext context, String argument, ServerStreamListener listener) {
        Cid root = Cid.parse(argument);
        List<Cid> cids = DatasetMetadata.blocks(store, root);
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(BlockRows.SCHEMA, allocator)) {
          batch.allocateNew();
          VarBinaryVector cidColumn = (VarBinaryVector) batch.getVector(0);
          VarBinaryVector dataColumn = (VarBinaryVector) batch.getVector(1);
          for (int i = 0; i < cids.size(); i++) {
            cidColumn.setSafe(i, cids.get(i).bytes());
            dataColumn.setSafe(i, store.blocks().get(cids.get(i)));
          }
          batch.setRowCount(cids.size());
          listener.start(batch);
          listener.putNext();
          listener.completed();
        }
      }
    };
  }

  private NodePut carPut() {
    return new NodePut() {
      @Override
      public String kind() {
        return CAR;
      }

      @Override
      public void accept(
          CallContext context,
          String argument,
          FlightStream stream,
          StreamListener<PutResult> ack) {
        Cid root = Cid.parse(argument);
        try {
          importCar(root, stream);
          onStored.run();
          ack.onCompleted();
        } catch (RuntimeException e) {
          ack.onError(FlightErrors.toFlight(e));
        }
      }
    };
  }

  /** Spools a CAR stream to a temporary file, then imports it, checking its root. */
  void importCar(Cid root, FlightStream stream) {
    Path temp = null;
    try {
      temp = Files.createTempFile(store.home(), ".transfer-", ".car");
      try (OutputStream out = Files.newOutputStream(temp)) {
        ChunkStreams.copy(stream, out);
      }
      List<Cid> roots;
      try (InputStream in = Files.newInputStream(temp)) {
        roots = CarImporter.importCar(in, store.blocks());
      }
      if (!roots.contains(root)) {
        throw new QuarryException(
            ErrorCode.CORRUPT_DATA, "CAR for " + root + " has other roots: " + roots);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A leftover temporary file holds nothing any dataset refers to.
        }
      }
    }
  }
}
