package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.identity.PeerId;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.node.placement.Rendezvous;
import io.quarry.store.Store;
import io.quarry.unixfs.UnixFsReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The coordinator's network work for a repartitioned join. A leaf fragment of a join side is
 * partitioned where it runs ({@value FragmentService#PARTITION}), placed as any leaf fragment is:
 * on a live holder of its shards in rendezvous order, the next holder if one fails, here as a last
 * resort (a node that announces the same partitions stored is asked first). A partition's join is
 * sent to its node with the address of every result it reads, which that node fetches from the
 * node that stored it; it runs here if that node fails. A join that runs here fetches its inputs
 * the same way.
 */
final class ShuffleDispatcher {
  /** Where one fragment's partitions are stored ({@code peer} is this node for local ones). */
  record Placed(PeerId peer, NodeAddress address, LeafPartitions partitions) {
    Placed {
      requireNonNull(peer, "peer is null");
      requireNonNull(address, "address is null");
      requireNonNull(partitions, "partitions is null");
    }
  }

  private final PeerId self;
  private final PlacementService placement;
  private final FragmentCalls calls;
  private final FragmentStats stats;
  private final Store store;
  private final LeafPartitioner partitioner;
  private final String engineVersion;
  private final Consumer<String> log;
  private final Object[] fetchLocks = new Object[64];

  ShuffleDispatcher(
      PeerId self,
      PlacementService placement,
      FragmentCalls calls,
      FragmentStats stats,
      Store store,
      String engineVersion,
      Consumer<String> log) {
    this.self = requireNonNull(self, "self is null");
    this.placement = requireNonNull(placement, "placement is null");
    this.calls = requireNonNull(calls, "calls is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.store = requireNonNull(store, "store is null");
    this.partitioner = new LeafPartitioner(store, engineVersion);
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
    this.log = requireNonNull(log, "log is null");
    for (int i = 0; i < fetchLocks.length; i++) {
      fetchLocks[i] = new Object();
    }
  }

  PeerId self() {
    return self;
  }

  /**
   * The partitions of leaf fragment {@code leaf}'s rows, stored on a live holder of its shards
   * other than those in {@code exclude} (they failed), or here.
   */
  Placed partition(
      PlanNode leaf, PartitionSpec spec, Set<PeerId> exclude, NodeAddress here, ExecContext ctx) {
    long start = System.nanoTime();
    List<ShardRef> shards = FragmentKey.shards(leaf);
    Cid id = FragmentService.fragmentCid(leaf, engineVersion);
    Map<PeerId, NodeAddress> holders =
        shards.isEmpty()
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(RemoteFragmentRunner.holdersOfAll(placement, shards));
    holders.keySet().removeAll(exclude);
    List<String> failures = new ArrayList<>();
    if (!holders.containsKey(self)) {
      String plan = new String(PlanCodec.encode(leaf), StandardCharsets.UTF_8);
      for (Provider p : placement.providers(spec.key(leaf, engineVersion))) {
        PeerId peer = PeerId.parse(p.peerId());
        if (peer.equals(self) || exclude.contains(peer) || holders.containsKey(peer)) {
          continue;
        }
        NodeAddress address = NodeAddress.parse(p.address());
        try {
          LeafPartitions stored = request(address, plan, spec, true);
          log.accept("partitions of fragment " + id + " stored on " + peer + " " + address);
          report(id, peer, address, stored, spec, start);
          return new Placed(peer, address, stored);
        } catch (FlightRuntimeException | QuarryException e) {
          // No longer stored there: the holders compute them.
        }
      }
      List<PeerId> order =
          holders.isEmpty()
              ? List.of()
              : Rendezvous.choose(
                  Cid.parse(shards.get(0).cid()),
                  new ArrayList<>(holders.keySet()),
                  holders.size());
      for (PeerId peer : order) {
        NodeAddress address = holders.get(peer);
        try {
          stats.dispatched();
          LeafPartitions out = request(address, plan, spec, false);
          log.accept(
              "partitioned fragment " + id + " on " + peer + " " + address + ": " + out.rows()
                  + " rows into " + out.nonEmpty() + " of " + spec.partitions() + " results"
                  + (out.reused() ? " (stored before)" : ""));
          report(id, peer, address, out, spec, start);
          return new Placed(peer, address, out);
        } catch (FlightRuntimeException e) {
          stats.retried();
          failures.add(PeerClients.remote(address, "to partition fragment " + id, e).getMessage());
        } catch (QuarryException e) {
          stats.retried();
          failures.add(address + ": " + e.getMessage());
        }
      }
    }
    if (!failures.isEmpty()) {
      log.accept(
          "partitions of fragment " + id + " computed here after: " + String.join("; ", failures));
    }
    for (ShardRef shard : shards) {
      placement.ensureLocal(Cid.parse(shard.cid()));
    }
    LeafPartitions out = partitioner.obtain(leaf, spec, local(ctx));
    if (!out.reused()) {
      stats.partitioned(out.rows(), out.bytes());
      placement.storeChanged();
    }
    log.accept(
        "partitioned fragment " + id + " here: " + out.rows() + " rows into " + out.nonEmpty()
            + " of " + spec.partitions() + " results" + (out.reused() ? " (stored before)" : ""));
    report(id, null, null, out, spec, start);
    return new Placed(self, here, out);
  }

  /** Tells whoever observes the join (EXPLAIN ANALYZE) where a side's fragment was partitioned. */
  private static void report(
      Cid id, PeerId peer, NodeAddress address, LeafPartitions out, PartitionSpec spec, long start) {
    DispatchReports.partitioned(
        new PartitionReport(
            id,
            peer,
            address,
            out.rows(),
            out.bytes(),
            (int) out.nonEmpty(),
            spec.partitions(),
            out.reused(),
            System.nanoTime() - start));
  }

  /**
   * The partitions of {@code plan}'s rows (a join side that is not a set of leaf fragments),
   * computed with the query's context here and stored here.
   */
  Placed partitionHere(PlanNode plan, PartitionSpec spec, NodeAddress here, ExecContext ctx) {
    LeafPartitions out = partitioner.compute(plan, spec, ctx);
    stats.relayed(out.bytes());
    log.accept(
        "partitioned " + FragmentKey.forQuery(plan, engineVersion) + " here (" + out.rows()
            + " rows, not a leaf fragment) into " + out.nonEmpty() + " of " + spec.partitions()
            + " results");
    return new Placed(self, here, out);
  }

  private LeafPartitions request(
      NodeAddress address, String plan, PartitionSpec spec, boolean storedOnly) {
    byte[] body =
        ClusterWire.write(
            new FragmentService.PartitionRequest(
                plan, spec.keys(), spec.scales(), spec.partitions(), storedOnly));
    return ClusterWire.read(
        calls.action(address, FragmentService.PARTITION, body),
        new TypeReference<LeafPartitions>() {});
  }

  /**
   * Runs a partition's join {@code fragment} on {@code node}, which fetches each result it reads
   * from the address {@code sources} gives; {@code compute} computes it here, for this node and
   * when that node fails.
   */
  Operator runJoin(
      PlanNode fragment,
      Map<String, String> sources,
      Member node,
      Supplier<Operator> compute,
      ExecContext ctx) {
    if (node.peerId().equals(self)) {
      return compute.get();
    }
    DispatchReports.Listener listener = DispatchReports.current();
    return new DeferredOperator(
        ArrowTypes.toSchema(fragment.schema()),
        () ->
            DispatchReports.observing(
                listener,
                () -> {
                  Cid id = FragmentService.fragmentCid(fragment, engineVersion);
                  String failure;
                  try {
                    stats.dispatched();
                    String request =
                        new String(
                            ClusterWire.write(
                                new FragmentService.SourcedFragment(
                                    new String(PlanCodec.encode(fragment), StandardCharsets.UTF_8),
                                    sources)),
                            StandardCharsets.UTF_8);
                    Operator remote =
                        calls.stream(node.address(), FragmentService.PARTITION_JOIN, request, ctx);
                    log.accept(
                        "join partition fragment " + id + " ran on " + node.peerId() + " "
                            + node.address());
                    DispatchReports.ranOn(node.peerId(), node.address());
                    return remote;
                  } catch (FlightRuntimeException e) {
                    failure =
                        PeerClients.remote(node.address(), "fragment " + id, e).getMessage();
                  } catch (QuarryException e) {
                    failure = node.address() + ": " + e.getMessage();
                  }
                  stats.retried();
                  log.accept("join partition fragment " + id + " computed here after: " + failure);
                  return compute.get();
                }));
  }

  /** Makes result {@code result} local, fetched from {@code holder} (every block verified). */
  void fetch(Cid result, NodeAddress holder, ExecContext ctx) {
    synchronized (fetchLocks[Math.floorMod(result.hashCode(), fetchLocks.length)]) {
      if (store.blocks().has(result)) {
        return;
      }
      new BlockFetcher(store, calls.clients(), ctx.allocator()).fetchDag(result, List.of(holder));
      stats.resultFetched(new UnixFsReader(store.blocks()).fileSize(result));
      log.accept("fetched result " + result + " from " + holder + " to join a partition here");
    }
  }

  /** {@code ctx} computing here and reading stored results from this node's store. */
  ExecContext local(ExecContext ctx) {
    return new ExecContext(
        ctx.allocator(),
        ctx.shards(),
        ctx.pool(),
        ctx.batchSize(),
        FragmentRunner.LOCAL,
        cid -> new UnixFsReader(store.blocks()).openFile(Cid.parse(cid)));
  }
}
