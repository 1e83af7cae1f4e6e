package io.quarry.node.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cid.Cid;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.node.security.ClientSecurity;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /**
   * Copies the whole DAG under {@code root} from the node at {@code address} into {@code store},
   * verifying every block; the node first gathers parts that other nodes hold.
   */
  public void fetchDag(NodeAddress address, Cid root, Store store) {
    new BlockFetcher(store, clients, allocator).fetchDag(root, List.of(address));
  }

  /** Sends the DAG under {@code root} from {@code store} to the node at {@code address}. */
  public void pushDag(NodeAddress address, Cid root, Store store) {
    new BlockFetcher(store, clients, allocator).pushDag(root, address);
  }

  /** Has the node record {@code root}, which it holds, as the next version of dataset {@code name}. */
  public int name(NodeAddress address, String name, Cid root, Duration timeout) {
    byte[] body =
        clients.call(
            address,
            PlacementService.NAME,
            ClusterWire.write(Map.of("name", name, "root", root.toString())),
            timeout);
    return ClusterWire.read(body, new TypeReference<Integer>() {});
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
