package io.quarry.node.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cache.FragmentKey;
import io.quarry.cache.RemoteResults;
import io.quarry.cache.ResultCache;
import io.quarry.cid.Cid;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.flight.NodeAction;
import io.quarry.node.flight.QuarryFlightProducer;
import io.quarry.node.identity.PeerId;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.store.Store;
import io.quarry.unixfs.UnixFsReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.arrow.flight.FlightProducer.CallContext;

/**
 * The result cache's third level across the cluster. Each node announces the keys of the results it
 * stores among its provider records (the heartbeat carries their digest, peers pull the list when
 * it moves), so a key's holders are found like a shard's. {@code quarry.result} asks a holder for the
 * result CID and row count under a key; the result's blocks then come as any DAG does (a CAR over
 * Flight, every block verified) into this node's store, where the cache checks the CID again.
 */
public final class ClusterResults implements RemoteResults {
  public static final String RESULT = "quarry.result";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final ResultCache cache;
  private final Store store;
  private final PlacementService placement;
  private final PeerClients clients;
  private final BlockFetcher fetcher;
  private final PeerId self;
  private final Consumer<String> log;
  private final Map<Cid, NodeAddress> holderOf = new ConcurrentHashMap<>();

  public ClusterResults(
      ResultCache cache,
      Store store,
      PlacementService placement,
      PeerClients clients,
      BlockFetcher fetcher,
      PeerId self,
      Consumer<String> log) {
    this.cache = requireNonNull(cache, "cache is null");
    this.store = requireNonNull(store, "store is null");
    this.placement = requireNonNull(placement, "placement is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.self = requireNonNull(self, "self is null");
    this.log = requireNonNull(log, "log is null");
  }

  /** The keys of the results this node stores, for its provider records. */
  public Set<Cid> announced() {
    return cache.heldKeys().stream().map(FragmentKey::cid).collect(Collectors.toSet());
  }

  /** Serves {@code quarry.result}: key → result CID and rows, or nothing. */
  public void registerWith(QuarryFlightProducer producer) {
    producer.register(
        new NodeAction() {
          @Override
          public String type() {
            return RESULT;
          }

          @Override
          public String description() {
            return "The result this node stores under a result key: {key, kind} → {result, rows}";
          }

          @Override
          public byte[] handle(CallContext context, byte[] body) {
            Map<String, String> request =
                ClusterWire.read(body, new TypeReference<Map<String, String>>() {});
            FragmentKey key =
                new FragmentKey(
                    Cid.parse(request.get("key")),
                    FragmentKey.Kind.valueOf(request.get("kind").toUpperCase(java.util.Locale.ROOT)));
            Map<String, Object> answer = new LinkedHashMap<>();
            cache
                .held(key)
                .ifPresent(
                    r -> {
                      answer.put("result", r.result().toString());
                      answer.put("rows", r.rows());
                    });
            return ClusterWire.write(answer);
          }
        });
  }

  @Override
  public Optional<Located> find(FragmentKey key) {
    List<Provider> holders = placement.providers(key.cid());
    byte[] body =
        ClusterWire.write(
            Map.of("key", key.cid().toString(), "kind", key.kind().name().toLowerCase(java.util.Locale.ROOT)));
    for (Provider holder : holders) {
      if (holder.peerId().equals(self.text())) {
        continue;
      }
      NodeAddress address = NodeAddress.parse(holder.address());
      try {
        Map<String, Object> answer =
            ClusterWire.read(
                clients.call(address, RESULT, body, CALL_TIMEOUT),
                new TypeReference<Map<String, Object>>() {});
        if (answer.get("result") instanceof String result) {
          Cid cid = Cid.parse(result);
          holderOf.put(cid, address);
          return Optional.of(new Located(cid, ((Number) answer.get("rows")).longValue()));
        }
      } catch (RuntimeException e) {
        log.accept("result " + key.cid() + " from " + address + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<byte[]> fetch(Located result) {
    Cid cid = result.result();
    // Fragments with equal results share a result CID, and their lookups may run at once: the
    // holder is forgotten only once the result is in the store, so no lookup finds it gone.
    NodeAddress holder = holderOf.get(cid);
    if (!store.blocks().has(cid)) {
      if (holder == null) {
        return Optional.empty();
      }
      BlockFetcher.FetchReport report = fetcher.fetchDag(cid, List.of(holder));
      for (String failure : report.failures()) {
        log.accept("fetch of result " + cid + ": " + failure);
      }
    }
    if (!store.blocks().has(cid)) {
      return Optional.empty();
    }
    if (holder != null) {
      holderOf.remove(cid, holder);
    }
    try (InputStream in = new UnixFsReader(store.blocks()).openFile(cid)) {
      byte[] ipc = in.readAllBytes();
      log.accept("result " + cid + " fetched from " + holder);
      return Optional.of(ipc);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
