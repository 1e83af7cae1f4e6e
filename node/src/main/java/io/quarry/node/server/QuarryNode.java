package io.quarry.node.server;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.ResultCacheConfig;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ShardResolver;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.blocks.BlockService;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.Heartbeater;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.Membership;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.NodeAdmission;
import io.quarry.node.cluster.NodeInfo;
import io.quarry.node.cluster.PeerClients;
import io.quarry.node.dist.BuildBroadcaster;
import io.quarry.node.dist.FragmentService;
import io.quarry.node.dist.JoinRepartitioner;
import io.quarry.node.dist.FragmentStats;
import io.quarry.node.dist.RemoteFragmentRunner;
import io.quarry.node.engine.Allocators;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.flight.CallerHeaders;
import io.quarry.node.cache.ClusterResults;
import io.quarry.node.flight.NodeAction;
import io.quarry.node.flight.QuarryFlightProducer;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.security.ClientSecurity;
import io.quarry.node.security.NodeSecurity;
import io.quarry.node.security.TokenAuthenticator;
import io.quarry.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A running node: its store and identity, the embedded engine, the Flight server (Flight SQL for
 * clients, actions for peers) and the membership it keeps by heartbeats.
 */
public final class QuarryNode implements AutoCloseable {
  private static final Duration FRAGMENT_TIMEOUT = Duration.ofMinutes(30);

  private final NodeConfig config;
  private final Store store;
  private final NodeIdentity identity;
  private final QueryEngine engine;
  private final BufferAllocator allocator;
  private final QuarryFlightProducer producer;
  private final FlightServer server;
  private final NodeAddress address;
  private final PeerClients clients;
  private final Membership membership;
  private final Heartbeater heartbeater;
  private final BlockFetcher fetcher;
  private final PlacementService placement;
  private final FragmentService fragments;
  private final RemoteFragmentRunner fragmentRunner;
  private final Consumer<String> log;
  private final NodeSecurity security;
  private final NodeAdmission admission;

  private QuarryNode(NodeConfig config, Consumer<String> log) throws IOException {
    this.config = config;
    this.log = log;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      this.store = Store.open(config.home());
      opened.add(store);
      this.identity = NodeIdentity.loadOrCreate(config.home());
      this.security =
          config.security() == null ? null : NodeSecurity.load(config.security(), identity);
      this.admission = security == null ? NodeAdmission.OPEN : security.admission();
      // Cache first; a miss runs on the shard's holders (the runner exists once the server is up,
      // before any query can arrive), and local computation fetches shards it lacks.
      this.engine =
          new QueryEngine(
              store,
              (fragment, compute, ctx) -> fragmentRunner().run(fragment, compute, ctx),
              shard -> shardResolver().pathOf(shard),
              fragment -> fragmentRunner().placementOf(fragment, address()).explain());
      opened.add(engine);
      this.allocator = new RootAllocator(Long.MAX_VALUE);
      opened.add(allocator);
      this.producer = new QuarryFlightProducer(engine, allocator, config.version());
      opened.add(producer);
      this.server = flightServer(config, security, allocator, producer).start();
      opened.add(server);
      this.address =
          config.advertise() != null
              ? config.advertise()
              : new NodeAddress(config.listen().host(), server.getPort());
      this.clients =
          new PeerClients(
              allocator, security == null ? ClientSecurity.NONE : security.clientSecurity());
      opened.add(clients);
      this.membership = new Membership(selfInfo(), config.peers(), config.deadAfter());
      this.fetcher = new BlockFetcher(store, clients, allocator);
      this.placement = new PlacementService(store, membership, clients, fetcher, log);
      opened.add(placement);
      producer.register(pingAction());
      producer.register(membersAction());
      placement.registerWith(producer);
      // L3 of the result cache: announce the results stored here, fetch those other nodes hold.
      ClusterResults results =
          new ClusterResults(
              engine.cache(), store, placement, clients, fetcher, identity.peerId(), log);
      results.registerWith(producer);
      placement.holdings().announce(results::announced);
      engine.cache().useRemote(results);
      new BlockService(store, allocator, placement::storeChanged, placement::ensureLocal)
          .registerWith(producer);
      this.fragments =
          new FragmentService(
              store,
              allocator,
              placement,
              membership,
              fetcher,
              ResultCacheConfig.ENGINE_VERSION,
              log);
      opened.add(fragments);
      fragments.registerWith(producer);
      this.fragmentRunner =
          new RemoteFragmentRunner(
              identity,
              placement,
              clients,
              fragments.stats(),
              ResultCacheConfig.ENGINE_VERSION,
              FRAGMENT_TIMEOUT,
              log,
              new BuildBroadcaster(
                  store,
                  BuildBroadcaster.configuredLimit(),
                  ResultCacheConfig.ENGINE_VERSION,
                  log),
              store,
              JoinRepartitioner.configuredMode(),
              membership::live);
      this.heartbeater =
          new Heartbeater(
              membership,
              clients,
              this::selfInfo,
              config.heartbeatInterval(),
              placement::onAnswer,
              log,
              admission);
    } catch (IOException | RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /** Opens the store, starts the Flight server and begins heartbeats to the seed peers. */
  public static QuarryNode start(NodeConfig config) {
    return start(config, line -> {});
  }

  /** Starts a node that reports membership and data movements to {@code log}. */
  public static QuarryNode start(NodeConfig config, Consumer<String> log) {
    requireNonNull(config, "config is null");
    requireNonNull(log, "log is null");
    QuarryNode node;
    try {
      node = new QuarryNode(config, log);
    } catch (IOException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot listen on " + config.listen() + ": " + root.getMessage(), e);
    }
    node.heartbeater.start();
    new NodeStatusFile(node.peerId(), node.address, ProcessHandle.current().pid())
        .write(config.home());
    return node;
  }

  public PeerId peerId() {
    return identity.peerId();
  }

  /** Where this node listens (the actual port when started on port 0). */
  public NodeAddress address() {
    return address;
  }

  public Store store() {
    return store;
  }

  public List<Member> members() {
    return membership.members();
  }

  /** Blocks until the Flight server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  public PlacementService placement() {
    return placement;
  }

  /**
   * Runs exchange inputs on live holders of their shards: what this node's engine passes as the
   * {@code FragmentRunner} of its ExecContext to execute queries across the cluster.
   */
  public RemoteFragmentRunner fragmentRunner() {
    return fragmentRunner;
  }

  /**
   * Finds a shard's whole-file copy for local computation, fetching the shard from a live holder
   * (verifying every block) when this node does not hold it: the {@code ShardResolver} this node's
   * engine passes in its ExecContext.
   */
  public ShardResolver shardResolver() {
    return shard -> {
      Cid cid = Cid.parse(shard.cid());
      placement.ensureLocal(cid);
      return store.wholeFile(cid);
    };
  }

  public FragmentStats fragmentStats() {
    return fragments.stats();
  }

  public BlockFetcher fetcher() {
    return fetcher;
  }

  /**
   * The Flight server: plaintext, or with security material TLS with the node's certificate and the
   * cluster's token required of every call.
   */
  private static FlightServer flightServer(
      NodeConfig config,
      NodeSecurity security,
      BufferAllocator allocator,
      QuarryFlightProducer producer)
      throws IOException {
    String host = config.listen().host();
    int port = config.listen().port();
    FlightServer.Builder builder =
        FlightServer.builder(
                allocator,
                security == null
                    ? Location.forGrpcInsecure(host, port)
                    : Location.forGrpcTls(host, port),
                producer)
            .middleware(CallerHeaders.KEY, CallerHeaders.factory());
    if (security != null) {
      builder
          .useTls(security.certificateChain(), security.privateKey())
          .headerAuthenticator(new TokenAuthenticator(security.token()));
    }
    return builder.build();
  }

  /** Whether this node serves TLS and requires the cluster's token and membership. */
  public boolean secured() {
    return security != null;
  }

  NodeInfo selfInfo() {
    if (placement == null) {
      return new NodeInfo(identity.peerId(), address, "", "");
    }
    return new NodeInfo(
        identity.peerId(),
        address,
        placement.holdings().current().digest(),
        placement.datasetsDigest());
  }

  private NodeAction pingAction() {
    return new NodeAction() {
      @Override
      public String type() {
        return ClusterWire.PING;
      }

      @Override
      public String description() {
        return "Heartbeat: body = the caller's node info; result = this node and the members it"
            + " sees alive";
      }

      @Override
      public byte[] handle(CallContext context, byte[] body) {
        ClusterWire.SignedNode caller = ClusterWire.decodeSignedNode(body);
        Optional<String> refusal = admission.refusal(caller.info(), caller.credentials());
        if (refusal.isPresent()) {
          log.accept(
              "refused ping from "
                  + caller.info().peerId()
                  + " "
                  + caller.info().address()
                  + ": "
                  + refusal.get());
          throw CallStatus.UNAUTHORIZED
              .withDescription(
                  "Node "
                      + caller.info().peerId()
                      + " is not a member of this cluster: "
                      + refusal.get())
              .toRuntimeException();
        }
        membership.heard(caller.info());
        NodeInfo self = selfInfo();
        return ClusterWire.encodePingReply(
            self, admission.credentialsFor(self), membership.liveInfos(self));
      }
    };
  }

  private NodeAction membersAction() {
    return new NodeAction() {
      @Override
      public String type() {
        return ClusterWire.MEMBERS;
      }

      @Override
      public String description() {
        return "This node's member table: PeerId, address, alive, milliseconds since last heard";
      }

      @Override
      public byte[] handle(CallContext context, byte[] body) {
        return ClusterWire.encodeMembers(membership.members());
      }
    };
  }

  @Override
  public void close() {
    heartbeater.close();
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<AutoCloseable> resources =
        List.of(
            store,
            () -> Allocators.closeWhenReleased(allocator),
            engine,
            producer,
            clients,
            placement,
            fragments,
            server);
    closeAll(resources, null);
  }

  private static void closeAll(List<AutoCloseable> resources, Throwable primary) {
    RuntimeException failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (failure == null) {
          failure = new IllegalStateException("closing the node failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
