package io.quarry.node.cluster;

import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** Asks running nodes about the cluster, for tools outside any node (the CLI, tests). */
public final class ClusterClient implements AutoCloseable {
  private final RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
  private final PeerClients clients = new PeerClients(allocator);

  /** The member table of the node at {@code address}. */
  public List<Member> members(NodeAddress address, Duration timeout) {
    return ClusterWire.decodeMembers(clients.call(address, ClusterWire.MEMBERS, new byte[0], timeout));
  }

  /** Runs one node action and returns its result body. */
  public byte[] call(NodeAddress address, String action, byte[] body, Duration timeout) {
    return clients.call(address, action, body, timeout);
  }

  public PeerClients peers() {
    return clients;
  }

  @Override
  public void close() throws InterruptedException {
    clients.close();
    allocator.close();
  }
}
