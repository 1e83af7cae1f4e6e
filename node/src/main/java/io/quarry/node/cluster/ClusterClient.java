package io.quarry.node.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cid.Cid;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.node.security.ClientSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;

/** Asks running nodes about the cluster, for tools outside any node (the CLI, tests). */
public final class ClusterClient implements AutoCloseable {
  private final RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
  private final PeerClients clients;

  /** A client with this process's default security ({@link ClientSecurity#processDefault()}). */
  public ClusterClient() {
    this(ClientSecurity.processDefault());
  }

  /** A client that reaches nodes with {@code security}'s TLS and token. */
  public ClusterClient(ClientSecurity security) {
    this.clients = new PeerClients(allocator, security);
  }

  /** The member table of the node at {@code address}. */
  public List<Member> members(NodeAddress address, Duration timeout) {
    return ClusterWire.decodeMembers(
        clients.call(address, ClusterWire.MEMBERS, new byte[0], timeout));
  }

  /** The live nodes that hold {@code cid}, as the node at {@code address} knows them. */
  public List<Provider> providers(NodeAddress address, Cid cid) {
    byte[] body =
        clients.call(
            address,
            PlacementService.PROVIDERS,
            cid.toString().getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(10));
    return ClusterWire.read(body, new TypeReference<List<Provider>>() {});
  }

  /**
   * Has the node at {@code address} import files it can read and place the shards on live nodes.
   */
  public ImportOutcome importAndPlace(
      NodeAddress address, ImportRequest request, Duration timeout) {
    byte[] body =
        clients.call(address, PlacementService.IMPORT, ClusterWire.write(request), timeout);
    return ClusterWire.read(body, new TypeReference<ImportOutcome>() {});
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
