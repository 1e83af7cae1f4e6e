package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.Membership;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.NodeInfo;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.flight.NodeAction;
import io.quarry.node.flight.QuarryFlightProducer;
import io.quarry.node.identity.PeerId;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.arrow.flight.FlightProducer.CallContext;

/**
 * Where data lives in the cluster: this node's provider records and those gossiped by peers, the
 * replication of dataset histories, and imports whose shards are placed on live nodes by rendezvous
 * hashing.
 */
public final class PlacementService implements AutoCloseable {
  public static final String HOLDINGS = "quarry.holdings";
  public static final String DATASETS = "quarry.datasets";
  public static final String PROVIDERS = "quarry.providers";
  public static final String IMPORT = "quarry.import";
  public static final String LISTING = "quarry.ls";
  public static final String NAME = "quarry.name";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final Store store;
  private final Membership membership;
  private final PeerClients clients;
  private final BlockFetcher fetcher;
  private final Holdings holdings;
  private final ProviderTable providers = new ProviderTable();
  private final DatasetSync datasets;
  private final Consumer<String> log;
  private final ExecutorService gossip =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "quarry-gossip");
            t.setDaemon(true);
            return t;
          });
  private final Map<PeerId, String> syncedDatasets = new ConcurrentHashMap<>();
  private final Set<PeerId> queued = ConcurrentHashMap.newKeySet();

  public PlacementService(
      Store store,
      Membership membership,
      PeerClients clients,
      BlockFetcher fetcher,
      Consumer<String> log) {
    this.store = requireNonNull(store, "store is null");
    this.membership = requireNonNull(membership, "membership is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.log = requireNonNull(log, "log is null");
    this.holdings = new Holdings(store, 1000);
    this.datasets = new DatasetSync(store, fetcher, log);
  }

  public Holdings holdings() {
    return holdings;
  }

  public String datasetsDigest() {
    return datasets.digest();
  }

  /** The store changed (an import, a pushed DAG): announce anew. */
  public void storeChanged() {
    holdings.invalidate();
  }

  /** A peer answered a heartbeat: fetch its provider records or datasets if their digests moved. */
  public void onAnswer(NodeInfo peer) {
    boolean holdingsMoved = !peer.holdingsDigest().equals(providers.digest(peer.peerId()));
    boolean datasetsMoved =
        !peer.datasetsDigest().equals(datasets.digest())
            && !peer.datasetsDigest().equals(syncedDatasets.get(peer.peerId()));
    if ((holdingsMoved || datasetsMoved) && queued.add(peer.peerId())) {
      gossip.execute(
          () -> {
            queued.remove(peer.peerId());
            try {
              if (holdingsMoved) {
                pullHoldings(peer);
              }
              if (datasetsMoved) {
                pullDatasets(peer);
              }
            } catch (RuntimeException e) {
              log.accept("gossip with " + peer.address() + " failed: " + e.getMessage());
            }
          });
    }
  }

  private void pullHoldings(NodeInfo peer) {
    byte[] body = clients.call(peer.address(), HOLDINGS, new byte[0], CALL_TIMEOUT);
    List<String> cids = ClusterWire.read(body, new TypeReference<List<String>>() {});
    Set<Cid> set = new HashSet<>();
    for (String cid : cids) {
      set.add(Cid.parse(cid));
    }
    providers.update(peer.peerId(), Holdings.Snapshot.of(set));
  }

  private void pullDatasets(NodeInfo peer) {
    byte[] body = clients.call(peer.address(), DATASETS, new byte[0], CALL_TIMEOUT);
    Map<String, List<String>> remote =
        ClusterWire.read(body, new TypeReference<Map<String, List<String>>>() {});
    Map<String, List<Cid>> parsed = new LinkedHashMap<>();
    remote.forEach((name, roots) -> parsed.put(name, roots.stream().map(Cid::parse).toList()));
    if (datasets.adopt(parsed, peer.address()) > 0) {
      holdings.invalidate();
    }
    syncedDatasets.put(peer.peerId(), peer.datasetsDigest());
  }

  /** The live nodes (this one included) that hold {@code cid}, this node first if it does. */
  public List<Provider> providers(Cid cid) {
    List<Provider> out = new ArrayList<>();
    List<Member> live = membership.live();
    Map<PeerId, NodeAddress> addresses = new LinkedHashMap<>();
    for (Member m : live) {
      addresses.put(m.peerId(), m.address());
    }
    PeerId self = membership.selfId();
    if (holdings.current().cids().contains(cid)) {
      out.add(new Provider(self.text(), addresses.get(self).toString()));
    }
    List<PeerId> others = new ArrayList<>(addresses.keySet());
    others.remove(self);
    for (PeerId peer : providers.providers(cid, others)) {
      out.add(new Provider(peer.text(), addresses.get(peer).toString()));
    }
    return out;
  }

  /** Makes the DAG under {@code cid} local, fetched from a live holder; true if it was fetched. */
  public boolean ensureLocal(Cid cid) {
    if (store.blocks().has(cid)) {
      return false;
    }
    List<NodeAddress> holders = new ArrayList<>();
    for (Provider p : providers(cid)) {
      holders.add(NodeAddress.parse(p.address()));
    }
    BlockFetcher.FetchReport report = fetcher.fetchDag(cid, holders);
    for (String failure : report.failures()) {
      log.accept("fetch of " + cid + ": " + failure);
    }
    holdings.invalidate();
    return true;
  }

  /**
   * Imports files this node can read, then places each new shard on {@code replicas} live nodes,
   * chosen by rendezvous hashing of its CID: pushed to the others, and dropped here unless this
   * node is one of them (or held it before). Shards of earlier versions stay where they are.
   */
  public ImportOutcome importAndPlace(ImportRequest request) {
    List<Member> live = membership.live();
    if (request.replicas() > live.size()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "--replicas "
              + request.replicas()
              + " exceeds the "
              + live.size()
              + " live node(s) of the cluster");
    }
    List<Path> inputs = request.paths().stream().map(Paths::get).toList();
    Set<Cid> earlier = earlierShards(request);
    Set<Cid> heldBefore = new HashSet<>(holdings.current().cids());
    ImportResult result =
        DatasetImporter.run(
            store,
            inputs,
            new ImportOptions(
                request.name(),
                request.append(),
                request.shardRows(),
                request.shardBytes() == null
                    ? ImportOptions.DEFAULT_SHARD_BYTES
                    : request.shardBytes(),
                request.types()),
            ImportProgress.NONE);
    holdings.invalidate();
    Map<PeerId, NodeAddress> addresses = new LinkedHashMap<>();
    for (Member m : live) {
      addresses.put(m.peerId(), m.address());
    }
    List<PeerId> candidates = new ArrayList<>(addresses.keySet());
    List<ImportOutcome.PlacedShard> placed = new ArrayList<>();
    List<Cid> notKept = new ArrayList<>();
    for (ShardInfo shard : result.manifest().shards()) {
      if (earlier.contains(shard.cid())) {
        continue;
      }
      List<PeerId> targets = Rendezvous.choose(shard.cid(), candidates, request.replicas());
      List<String> holders = new ArrayList<>();
      for (PeerId target : targets) {
        if (!target.equals(membership.selfId())) {
          fetcher.pushDag(shard.cid(), addresses.get(target));
          providers.learned(target, shard.cid());
        }
        holders.add(target.text());
      }
      if (!targets.contains(membership.selfId()) && !heldBefore.contains(shard.cid())) {
        notKept.add(shard.cid());
      }
      placed.add(
          new ImportOutcome.PlacedShard(
              shard.name(), shard.cid().toString(), shard.rows(), holders));
    }
    // Only once every copy is placed: a failed push leaves the shard here, not nowhere.
    for (Cid cid : notKept) {
      store.dropFile(cid);
    }
    holdings.invalidate();
    log.accept(
        "imported "
            + request.name()
            + " version "
            + result.version().version()
            + " = "
            + result.version().root()
            + ": "
            + placed.size()
            + " shard(s), "
            + request.replicas()
            + " replica(s) each");
    return new ImportOutcome(
        request.name(),
        result.version().version(),
        result.version().root().toString(),
        result.manifest().rows(),
        placed);
  }

  /** The shards of the version an append builds on: placed by the import that added them. */
  private Set<Cid> earlierShards(ImportRequest request) {
    if (!request.append()) {
      return Set.of();
    }
    Set<Cid> out = new HashSet<>();
    store
        .datasets()
        .latest(request.name())
        .ifPresent(
            v -> DatasetManifests.load(store, v.root()).shards().forEach(s -> out.add(s.cid())));
    return out;
  }

  public void registerWith(QuarryFlightProducer producer) {
    producer.register(
        action(
            HOLDINGS,
            "CIDs this node holds (dataset roots, shards)",
            body -> {
              List<String> cids =
                  holdings.current().cids().stream().map(Cid::toString).sorted().toList();
              return ClusterWire.write(cids);
            }));
    producer.register(
        action(
            DATASETS,
            "Dataset histories: name → root CIDs, oldest first",
            body -> {
              Map<String, List<String>> out = new LinkedHashMap<>();
              datasets
                  .histories()
                  .forEach(
                      (name, roots) -> out.put(name, roots.stream().map(Cid::toString).toList()));
              return ClusterWire.write(out);
            }));
    producer.register(
        action(
            NAME,
            "Records a root this node holds as a dataset's next version (body: name, root)",
            body -> {
              Map<String, String> request =
                  ClusterWire.read(body, new TypeReference<Map<String, String>>() {});
              String name = request.get("name");
              Cid root = Cid.parse(request.get("root"));
              if (!store.blocks().has(root)) {
                throw new QuarryException(
                    ErrorCode.NOT_FOUND, "this node does not hold " + root + "; send it first");
              }
              int version = store.datasets().append(name, root).version();
              holdings.invalidate();
              log.accept(root + " is now version " + version + " of " + name);
              return ClusterWire.write(version);
            }));
    producer.register(
        action(
            LISTING,
            "What quarry ls shows (body: empty for every dataset, or a dataset's name)",
            body -> {
              String name = new String(body, StandardCharsets.UTF_8).strip();
              if (name.isEmpty()) {
                return ClusterWire.write(DatasetListing.summaries(store));
              }
              return ClusterWire.write(
                  DatasetListing.detail(store, name)
                      .orElseThrow(() -> DatasetListing.unknown(store, name, "on this node")));
            }));
    producer.register(
        action(
            PROVIDERS,
            "Live nodes holding a CID (body: the CID)",
            body -> {
              Cid cid = Cid.parse(new String(body, StandardCharsets.UTF_8).strip());
              return ClusterWire.write(providers(cid));
            }));
    producer.register(
        action(
            IMPORT,
            "Import files this node can read and place the shards",
            body -> {
              ImportRequest request = ClusterWire.read(body, new TypeReference<ImportRequest>() {});
              return ClusterWire.write(importAndPlace(request));
            }));
  }

  private interface Handler {
    byte[] handle(byte[] body);
  }

  private static NodeAction action(String type, String description, Handler handler) {
    return new NodeAction() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public byte[] handle(CallContext context, byte[] body) {
        return handler.handle(body);
      }
    };
  }

  @Override
  public void close() {
    gossip.shutdownNow();
  }
}
