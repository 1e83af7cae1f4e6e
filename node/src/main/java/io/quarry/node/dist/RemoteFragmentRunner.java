package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.node.placement.Rendezvous;
import io.quarry.store.Store;
import io.quarry.unixfs.UnixFsReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The coordinator's side of distributed execution: runs each exchange input (a leaf fragment) on a
 * live node that holds its shards. This node computes it itself when it is a holder; otherwise the
 * holders are tried in rendezvous order, each result received in full before any row is handed on,
 * so a holder that dies mid-stream costs a retry on the next one, never a wrong answer. With no
 * holder left, the shards are fetched here and the fragment computed locally.
 *
 * <p>A fragment that joins with a build side read through an exchange is sent to the holder of
 * its probe shard with the build stored as a result ({@link BuildBroadcaster}), or, when the join
 * is repartitioned, split into per-node joins over partitions its inputs' holders store ({@link
 * JoinRepartitioner}).
 *
 * <p>Engines use it as their {@link FragmentRunner} (wrapped by the result cache's runner, so that
 * a cached fragment is never dispatched at all).
 */
public final class RemoteFragmentRunner implements FragmentRunner {
  private final PeerId self;
  private final PlacementService placement;
  private final FragmentCalls calls;
  private final FragmentStats stats;
  private final String engineVersion;
  private final Consumer<String> log;
  private final BuildBroadcaster broadcaster; // null: join fragments run here
  private final JoinRepartitioner repartitioner; // null: joins are never repartitioned
  private final Store store; // where repartitioned and broadcast inputs are read here

  public RemoteFragmentRunner(
      NodeIdentity identity,
      PlacementService placement,
      PeerClients clients,
      FragmentStats stats,
      String engineVersion,
      Duration timeout,
      Consumer<String> log) {
    this(identity, placement, clients, stats, engineVersion, timeout, log, null);
  }

  /**
   * A runner that also sends per-shard join fragments to the holders of their probe shards, with
   * their build sides broadcast as stored results by {@code broadcaster} (null: such fragments run
   * here).
   */
  public RemoteFragmentRunner(
      NodeIdentity identity,
      PlacementService placement,
      PeerClients clients,
      FragmentStats stats,
      String engineVersion,
      Duration timeout,
      Consumer<String> log,
      BuildBroadcaster broadcaster) {
    this(identity, placement, clients, stats, engineVersion, timeout, log, broadcaster, null, null,
        null);
  }

  /**
   * A runner that also repartitions joins whose two sides are large over the live nodes {@code
   * live} lists ({@link JoinRepartitioner}, in {@code mode}), storing the partitions it computes
   * itself in {@code store}; with {@code store} null, joins are never repartitioned.
   */
  public RemoteFragmentRunner(
      NodeIdentity identity,
      PlacementService placement,
      PeerClients clients,
      FragmentStats stats,
      String engineVersion,
      Duration timeout,
      Consumer<String> log,
      BuildBroadcaster broadcaster,
      Store store,
      JoinRepartitioner.Mode mode,
      Supplier<List<Member>> live) {
    this.broadcaster = broadcaster;
    this.store = store;
    this.self = requireNonNull(identity, "identity is null").peerId();
    this.placement = requireNonNull(placement, "placement is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
    this.log = requireNonNull(log, "log is null");
    this.calls =
        new FragmentCalls(
            identity,
            requireNonNull(clients, "clients is null"),
            stats,
            requireNonNull(timeout, "timeout is null"));
    this.repartitioner =
        store == null
            ? null
            : new JoinRepartitioner(
                requireNonNull(mode, "mode is null"),
                engineVersion,
                requireNonNull(live, "live is null"),
                new ShuffleDispatcher(self, placement, calls, stats, store, engineVersion, log),
                broadcaster,
                log);
  }

  @Override
  public Operator run(PlanNode fragment, Supplier<Operator> compute, ExecContext ctx) {
    if (FragmentKey.shards(fragment).isEmpty()) {
      return compute.get();
    }
    // Dispatch when the exchange first reads the fragment, from its worker threads, so that the
    // fragments of one exchange run on their nodes at the same time.
    DispatchReports.Listener listener = DispatchReports.current();
    return new DeferredOperator(
        ArrowTypes.toSchema(fragment.schema()),
        () -> DispatchReports.observing(listener, () -> obtain(fragment, compute, ctx)));
  }

  private Operator obtain(PlanNode fragment, Supplier<Operator> compute, ExecContext ctx) {
    List<ShardRef> shards = FragmentKey.shards(fragment);
    if (!ExchangeNode.within(fragment)) {
      return dispatch(fragment, shards, compute, ctx, null);
    }
    if (repartitioned(fragment)) {
      return repartitioner.run(fragment, ctx);
    }
    // A per-shard join. Where it runs here anyway (this node holds its probe shard, or no live
    // node does), it runs as planned, sharing one build with the query's other fragments here.
    List<ShardRef> probe = BuildBroadcaster.probeShards(fragment);
    if (broadcaster == null || probe.isEmpty()) {
      return probe.isEmpty() ? joinOfTwoExchanges(fragment, compute, ctx) : compute.get();
    }
    Map<PeerId, NodeAddress> holders = holdersOfAll(placement, probe);
    if (holders.isEmpty() || holders.containsKey(self)) {
      return compute.get();
    }
    // Elsewhere, its build sides become stored results and it a leaf fragment. The build's own
    // fragments are not this fragment: whoever observes this call is not told of them.
    PlanNode leaf =
        DispatchReports.observing((peer, address) -> {}, () -> broadcaster.rewrite(fragment, ctx))
            .orElse(null);
    if (leaf == null) {
      return repartitioned(fragment) ? repartitioner.run(fragment, ctx) : compute.get();
    }
    return dispatch(leaf, probe, compute, ctx, FragmentService.fragmentCid(fragment, engineVersion));
  }

  /**
   * Whether {@code fragment}'s join is repartitioned over the live nodes: always when so
   * configured, else once its build side was found larger than the broadcast limit.
   */
  private boolean repartitioned(PlanNode fragment) {
    if (repartitioner == null || !repartitioner.applies(fragment)) {
      return false;
    }
    return repartitioner.mode() == JoinRepartitioner.Mode.ALWAYS
        || (repartitioner.mode() == JoinRepartitioner.Mode.AUTO
            && broadcaster != null
            && broadcaster.knownTooLarge(JoinRepartitioner.target(fragment).right()));
  }

  /**
   * A join both of whose sides read through exchanges (a fragment of its own): its build side is
   * computed and stored once; if that is larger than the broadcast limit, the join is repartitioned
   * over the live nodes, else it runs here over the stored build.
   */
  private Operator joinOfTwoExchanges(
      PlanNode fragment, Supplier<Operator> compute, ExecContext ctx) {
    if (broadcaster == null
        || repartitioner == null
        || broadcaster.limitBytes() == 0
        || !repartitioner.applies(fragment)) {
      return compute.get();
    }
    JoinNode join = JoinRepartitioner.target(fragment);
    Optional<ResultNode> build =
        DispatchReports.observing(
            (peer, address) -> {}, () -> broadcaster.stored(join.right(), ctx));
    if (build.isEmpty()) {
      return repartitioner.run(fragment, ctx);
    }
    PlanNode small =
        JoinRepartitioner.replaceTarget(
            fragment,
            new JoinNode(
                join.left(),
                build.get(),
                join.kind(),
                join.leftKeys(),
                join.rightKeys(),
                join.residual()));
    return Executor.build(
        small, ctx.withResults(cid -> new UnixFsReader(store.blocks()).openFile(Cid.parse(cid))));
  }

  /**
   * Runs a leaf fragment that reads {@code shards} on a live holder of them (here if this node is
   * one), retrying on the next holder; with none left, computes it here. {@code planned}, when not
   * null, is the CID of the fragment as planned, of which {@code fragment} is the rewritten form
   * ({@code compute} computes the planned form).
   */
  private Operator dispatch(
      PlanNode fragment,
      List<ShardRef> shards,
      Supplier<Operator> compute,
      ExecContext ctx,
      Cid planned) {
    Map<PeerId, NodeAddress> holders = holdersOfAll(placement, shards);
    if (holders.containsKey(self)) {
      return compute.get();
    }
    Cid sent = FragmentService.fragmentCid(fragment, engineVersion);
    String id = planned == null ? sent.toString() : planned + " (as " + sent + ")";
    List<PeerId> order =
        Rendezvous.choose(
            Cid.parse(shards.get(0).cid()),
            new ArrayList<>(holders.keySet()),
            Math.max(1, holders.size()));
    List<String> failures = new ArrayList<>();
    for (PeerId peer : order) {
      NodeAddress address = holders.get(peer);
      try {
        stats.dispatched();
        Operator remote =
            calls.stream(
                address,
                FragmentService.KIND,
                new String(PlanCodec.encode(fragment), StandardCharsets.UTF_8),
                ctx);
        log.accept("fragment " + id + " ran on " + peer + " " + address);
        DispatchReports.ranOn(peer, address);
        return remote;
      } catch (FlightRuntimeException e) {
        stats.retried();
        failures.add(PeerClients.remote(address, "fragment " + id, e).getMessage());
      } catch (QuarryException e) {
        stats.retried();
        failures.add(address + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      log.accept("fragment " + id + " computed here after: " + String.join("; ", failures));
    }
    for (ShardRef shard : shards) {
      placement.ensureLocal(Cid.parse(shard.cid()));
    }
    return compute.get();
  }

  /**
   * Where {@code fragment} would run if dispatched now: the first choice of {@link #run}. A
   * fragment that reads no shard runs where the plan runs.
   */
  public FragmentPlacement placementOf(PlanNode fragment, NodeAddress selfAddress) {
    Cid id = FragmentService.fragmentCid(fragment, engineVersion);
    if (ExchangeNode.within(fragment) && repartitioned(fragment)) {
      List<String> partitions = new ArrayList<>();
      for (Member m : repartitioner.nodes()) {
        partitions.add(m.peerId() + "@" + m.address());
      }
      return new FragmentPlacement(id, self, selfAddress, true, partitions);
    }
    List<ShardRef> shards = FragmentKey.shards(fragment);
    if (ExchangeNode.within(fragment)) {
      // A per-shard join runs on a holder of its probe shard unless its build cannot be broadcast.
      shards =
          broadcaster != null && broadcaster.broadcastable(fragment)
              ? BuildBroadcaster.probeShards(fragment)
              : List.of();
    }
    Map<PeerId, NodeAddress> holders =
        shards.isEmpty() ? Map.of() : holdersOfAll(placement, shards);
    if (holders.isEmpty() || holders.containsKey(self)) {
      return new FragmentPlacement(id, self, selfAddress, true);
    }
    PeerId first =
        Rendezvous.choose(Cid.parse(shards.get(0).cid()), new ArrayList<>(holders.keySet()), 1)
            .get(0);
    return new FragmentPlacement(id, first, holders.get(first), false);
  }

  /** The live nodes that hold every shard a fragment reads. */
  static Map<PeerId, NodeAddress> holdersOfAll(
      PlacementService placement, List<ShardRef> shards) {
    Map<PeerId, NodeAddress> out = null;
    for (ShardRef shard : shards) {
      Map<PeerId, NodeAddress> these = new LinkedHashMap<>();
      for (Provider p : placement.providers(Cid.parse(shard.cid()))) {
        these.put(PeerId.parse(p.peerId()), NodeAddress.parse(p.address()));
      }
      if (out == null) {
        out = these;
      } else {
        out.keySet().retainAll(these.keySet());
      }
    }
    return out == null ? Map.of() : out;
  }
}
