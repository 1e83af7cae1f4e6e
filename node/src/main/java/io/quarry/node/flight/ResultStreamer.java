package io.quarry.node.flight;

import static java.util.Objects.requireNonNull;

import io.quarry.node.engine.QueryResult;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * Streams a query's batches to a Flight client. Each batch is copied into a root owned by the
 * server's allocator, so the query's allocator can close while gRPC still sends the last messages.
 */
public final class ResultStreamer {
  private static final long WAIT_MILLIS = 30_000;

  private final BufferAllocator allocator;

  public ResultStreamer(BufferAllocator allocator) {
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  /** Sends every batch of {@code result}, then completes the stream; closes the result. */
  public void stream(QueryResult result, ServerStreamListener listener) {
    BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
    backpressure.register(listener);
    try (result;
        VectorSchemaRoot out = VectorSchemaRoot.create(result.arrowSchema(), allocator)) {
      listener.start(out);
      for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
        try (VectorSchemaRoot batch = next) {
          if (batch.getRowCount() == 0) {
            continue;
          }
          out.allocateNew();
          for (int i = 0; i < out.getFieldVectors().size(); i++) {
            FieldVector target = out.getVector(i);
            batch.getVector(i).accept(new VectorAppender(target), null);
          }
          out.setRowCount(batch.getRowCount());
        }
        BackpressureStrategy.WaitResult ready = backpressure.waitForListener(WAIT_MILLIS);
        if (ready == BackpressureStrategy.WaitResult.CANCELLED) {
          return;
        }
        listener.putNext();
      }
      listener.completed();
    } catch (RuntimeException | Error e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }
}
