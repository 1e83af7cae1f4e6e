package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.vector.Batches;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Writes rows into P Arrow IPC streams, one per hash partition, as they arrive (several inputs may
 * write at once), each into a temporary file of the store; then stores every stream (or every
 * non-empty one) as a UnixFS file in the store's blocks, whose root is the partition's result CID.
 * Only one batch per partition is in memory at a time.
 */
final class PartitionWriter implements AutoCloseable {
  private final Store store;
  private final List<Path> files = new ArrayList<>();
  private final List<OutputStream> streams = new ArrayList<>();
  private final List<VectorSchemaRoot> roots = new ArrayList<>();
  private final List<ArrowStreamWriter> writers = new ArrayList<>();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final long[] partitionRows; // each guarded by its partition's root
  private boolean closed;

  PartitionWriter(Store store, List<Column> columns, int partitions, BufferAllocator allocator) {
    this.store = requireNonNull(store, "store is null");
    this.partitionRows = new long[partitions];
    try {
      for (int p = 0; p < partitions; p++) {
        Path file = store.home().resolve("tmp").resolve("partition-" + UUID.randomUUID());
        files.add(file);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        streams.add(out);
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.toSchema(columns), allocator);
        roots.add(root);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out);
        writers.add(writer);
        writer.start();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? failed(io) : (RuntimeException) e;
    }
  }

  /** Appends row i of {@code batch} to partition {@code partitionOf[i]}. */
  void write(VectorSchemaRoot batch, int[] partitionOf) {
    int n = batch.getRowCount();
    int[] counts = new int[roots.size()];
    for (int i = 0; i < n; i++) {
      counts[partitionOf[i]]++;
    }
    for (int p = 0; p < roots.size(); p++) {
      if (counts[p] == 0) {
        continue;
      }
      int[] selected = new int[counts[p]];
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (partitionOf[i] == p) {
          selected[c++] = i;
        }
      }
      VectorSchemaRoot root = roots.get(p);
      synchronized (root) {
        try {
          for (int col = 0; col < root.getFieldVectors().size(); col++) {
            Batches.gather(batch.getVector(col), selected, c, root.getVector(col));
          }
          root.setRowCount(c);
          bytes.addAndGet(Batches.bufferBytes(root));
          partitionRows[p] += c;
          writers.get(p).writeBatch();
        } catch (IOException e) {
          throw failed(e);
        } finally {
          root.getFieldVectors().forEach(FieldVector::clear);
        }
      }
    }
    rows.addAndGet(n);
  }

  /** Ends the streams and stores each; the result CIDs in partition order. */
  List<Cid> store() {
    List<Cid> out = new ArrayList<>();
    for (LeafPartitions.Part part : store(false)) {
      out.add(Cid.parse(part.result()));
    }
    return out;
  }

  /**
   * Ends the streams and stores each, or with {@code skipEmpty} each that has rows; the stored
   * partitions in partition order, null for a skipped one.
   */
  List<LeafPartitions.Part> store(boolean skipEmpty) {
    List<LeafPartitions.Part> out = new ArrayList<>();
    try {
      for (int p = 0; p < writers.size(); p++) {
        writers.get(p).end();
        streams.get(p).close();
        if (skipEmpty && partitionRows[p] == 0) {
          out.add(null);
          continue;
        }
        long size = Files.size(files.get(p));
        try (InputStream in = Files.newInputStream(files.get(p))) {
          Cid cid = UnixFsWriter.writeFile(in, ImportProfile.UNIXFS_V1_2025, store.blocks());
          out.add(new LeafPartitions.Part(cid.toString(), partitionRows[p], size));
        }
      }
    } catch (IOException e) {
      throw failed(e);
    }
    return out;
  }

  /** Rows written so far. */
  long rows() {
    return rows.get();
  }

  /** Arrow bytes written so far. */
  long bytes() {
    return bytes.get();
  }

  private static QuarryException failed(IOException e) {
    return QuarryException.internal("cannot write a join partition: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ArrowStreamWriter w : writers) {
      w.close();
    }
    roots.forEach(VectorSchemaRoot::close);
    for (int p = 0; p < files.size(); p++) {
      try {
        if (p < streams.size()) {
          streams.get(p).close();
        }
        Files.deleteIfExists(files.get(p));
      } catch (IOException e) {
        // A temporary file left behind is removed when the store is next opened.
      }
    }
  }
}
