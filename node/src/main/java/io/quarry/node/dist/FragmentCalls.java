package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.ops.BatchesOperator;
import io.quarry.exec.vector.Batches;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.identity.NodeIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Result;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A coordinator's signed calls to the nodes that run its fragments: the request's bytes carry the
 * coordinator's PeerId and signature (see {@link FragmentSignature}), so only members are served.
 * A fragment's stream is received in full before any row is handed on, so a node that dies
 * mid-stream costs a retry, never a wrong or duplicated row.
 */
final class FragmentCalls {
  private final NodeIdentity identity;
  private final PeerClients clients;
  private final FragmentStats stats;
  private final Duration timeout;

  FragmentCalls(NodeIdentity identity, PeerClients clients, FragmentStats stats, Duration timeout) {
    this.identity = requireNonNull(identity, "identity is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  PeerClients clients() {
    return clients;
  }

  /** The rows of DoGet {@code quarry/KIND/ARGUMENT} on {@code address}, received in full. */
  Operator stream(NodeAddress address, String kind, String argument, ExecContext ctx) {
    byte[] signed = argument.getBytes(StandardCharsets.UTF_8);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try (FlightStream stream =
        clients
            .client(address)
            .getStream(
                NodeTicket.ticket(kind, argument),
                CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS),
                FragmentSignature.sign(identity, signed, ctx.allocator().getLimit()))) {
      long bytes = 0;
      while (stream.next()) {
        VectorSchemaRoot copy = BatchCopy.copy(stream.getRoot(), ctx.allocator());
        batches.add(copy);
        bytes += Batches.bufferBytes(copy);
      }
      stats.received(bytes);
      return new BatchesOperator(stream.getSchema(), batches);
    } catch (Exception e) {
      batches.forEach(VectorSchemaRoot::close);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new QuarryException(
          ErrorCode.REMOTE_ERROR,
          "Fragment stream from " + address + " failed: " + e.getMessage(),
          e);
    }
  }

  /** The answer of action {@code type} with {@code body} on {@code address}. */
  byte[] action(NodeAddress address, String type, byte[] body) {
    Iterator<Result> results =
        clients
            .client(address)
            .doAction(
                new Action(type, body),
                CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS),
                FragmentSignature.sign(identity, body));
    byte[] out = results.hasNext() ? results.next().getBody() : new byte[0];
    while (results.hasNext()) {
      results.next();
    }
    return out;
  }
}
