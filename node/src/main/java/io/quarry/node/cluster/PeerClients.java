package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCategory;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.flight.FlightErrors;
import io.quarry.node.security.ClientSecurity;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;

/** One Flight client per peer address, reused across heartbeats and requests. */
public final class PeerClients implements AutoCloseable {
  private final BufferAllocator allocator;
  private final ClientSecurity security;
  private final Map<NodeAddress, FlightClient> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Plaintext clients without a token. */
  public PeerClients(BufferAllocator allocator) {
    this(allocator, ClientSecurity.NONE);
  }

  /** Clients that reach peers with {@code security}'s TLS and token. */
  public PeerClients(BufferAllocator allocator, ClientSecurity security) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.security = requireNonNull(security, "security is null");
  }

  public ClientSecurity security() {
    return security;
  }

  public FlightClient client(NodeAddress address) {
    requireNonNull(address, "address is null");
    if (closed) {
      throw new IllegalStateException("peer clients are closed");
    }
    return clients.computeIfAbsent(address, a -> security.builder(allocator, a).build());
  }

  /** Runs an action with one result and returns that result's body. */
  public byte[] call(NodeAddress address, String type, byte[] body, Duration timeout) {
    try {
      Iterator<Result> results =
          client(address)
              .doAction(
                  new Action(type, body),
                  CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
      byte[] out = results.hasNext() ? results.next().getBody() : new byte[0];
      while (results.hasNext()) {
        results.next();
      }
      return out;
    } catch (FlightRuntimeException e) {
      QuarryException failure = remote(address, type, e);
      if (e.status().code() == FlightStatusCode.UNAVAILABLE) {
        throw new QuarryException(
            failure.code(), failure.getMessage() + security.connectionHint(), e);
      }
      throw failure;
    }
  }

  /** A failed call to a peer, as the error users see. */
  public static QuarryException remote(NodeAddress address, String what, FlightRuntimeException e) {
    String message = e.status().description();
    if (message == null || message.isBlank()) {
      message = e.status().code().toString();
    }
    // A user error on the node (a name it does not know, a bad argument) stays one here.
    ErrorCode code = FlightErrors.fromFlight(e, address.toString()).code();
    return new QuarryException(
        code.category() == ErrorCategory.USER ? code : ErrorCode.REMOTE_ERROR,
        "Node " + address + " failed " + what + ": " + message,
        e);
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    for (FlightClient client : clients.values()) {
      client.close();
    }
    clients.clear();
  }
}
