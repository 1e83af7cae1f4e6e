package io.quarry.node.blocks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Bytes over Arrow Flight: a byte stream (a CAR) cut into batches of one binary column, one chunk
 * per row, at most {@link #CHUNK_BYTES} each.
 */
final class ChunkStreams {
  static final int CHUNK_BYTES = 1 << 20;
  static final int ROWS_PER_BATCH = 4;
  static final Schema SCHEMA =
      new Schema(
          List.of(new Field("bytes", FieldType.notNullable(ArrowType.Binary.INSTANCE), null)));

  private ChunkStreams() {}

  /** Something that sends the root's current batch: a server or a client stream listener. */
  interface BatchSink {
    void putNext() throws IOException;
  }

  /** An output stream whose bytes leave as batches of {@code root}; close() sends the rest. */
  static final class ChunkOutput extends OutputStream {
    private final VectorSchemaRoot root;
    private final BatchSink sink;
    private final byte[] buffer = new byte[CHUNK_BYTES];
    private int filled;
    private int rows;

    ChunkOutput(VectorSchemaRoot root, BatchSink sink) {
      this.root = root;
      this.sink = sink;
      root.allocateNew();
    }

    @Override
    public void write(int b) throws IOException {
      buffer[filled++] = (byte) b;
      if (filled == buffer.length) {
        endChunk();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == buffer.length) {
          endChunk();
        }
      }
    }

    private void endChunk() throws IOException {
      if (filled == 0) {
        return;
      }
      ((VarBinaryVector) root.getVector(0)).setSafe(rows++, buffer, 0, filled);
      filled = 0;
      if (rows == ROWS_PER_BATCH) {
        sendBatch();
      }
    }

    private void sendBatch() throws IOException {
      if (rows == 0) {
        return;
      }
      root.setRowCount(rows);
      sink.putNext();
      root.allocateNew();
      rows = 0;
    }

    @Override
    public void close() throws IOException {
      endChunk();
      sendBatch();
    }
  }

  /** A sink for a server stream that waits while the client is slow and stops if it went away. */
  static BatchSink serverSink(ServerStreamListener listener) {
    BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    return () -> {
      BackpressureStrategy.WaitResult ready = backpressure.waitForListener(60_000);
      if (ready == BackpressureStrategy.WaitResult.CANCELLED) {
        throw new IOException("the client cancelled the stream");
      }
      listener.putNext();
    };
  }

  /** Copies every chunk of {@code stream} to {@code out}. */
  static long copy(FlightStream stream, OutputStream out) throws IOException {
    long total = 0;
    if (!stream.getSchema().equals(SCHEMA)) {
      throw CallStatus.INVALID_ARGUMENT
          .withDescription("not a byte stream: " + stream.getSchema())
          .toRuntimeException();
    }
    while (stream.next()) {
      VarBinaryVector chunks = (VarBinaryVector) stream.getRoot().getVector(0);
      for (int i = 0; i < stream.getRoot().getRowCount(); i++) {
        byte[] chunk = chunks.get(i);
        out.write(chunk);
        total += chunk.length;
      }
    }
    return total;
  }

  static VectorSchemaRoot newRoot(BufferAllocator allocator) {
    return VectorSchemaRoot.create(SCHEMA, allocator);
  }
}
