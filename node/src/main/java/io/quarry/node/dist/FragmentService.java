package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.vector.Batches;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.Membership;
import io.quarry.node.flight.CallerHeaders;
import io.quarry.node.flight.FlightErrors;
import io.quarry.node.flight.NodeAction;
import io.quarry.node.flight.NodeTicket;
import io.quarry.node.flight.QuarryFlightProducer;
import io.quarry.node.flight.QueryOptionHeaders;
import io.quarry.node.identity.PeerId;
import io.quarry.node.placement.PlacementService;
import io.quarry.node.placement.Provider;
import io.quarry.store.Store;
import io.quarry.unixfs.UnixFsReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Consumer;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * Runs leaf fragments for coordinators: DoGet {@code quarry/fragment/PLAN} (the fragment's
 * canonical PlanCodec JSON) builds the fragment over this node's shards (fetching from a holder any
 * shard it lacks) and streams its Arrow batches back. A join fragment whose build side is a
 * broadcast result ({@link ResultNode}) first fetches that result from the calling coordinator,
 * once; such fragments share their hashed builds ({@link BroadcastSessions}).
 *
 * <p>For repartitioned joins: the action {@value #PARTITION} runs a leaf fragment and stores its
 * rows hash-partitioned into results of this node ({@link LeafPartitioner}), answering their CIDs;
 * DoGet {@code quarry/partition-join/{"plan":…,"sources":{RESULT:HOST:PORT,…}}} runs one
 * partition's join over such results, each fetched from the node {@code sources} names.
 */
public final class FragmentService implements AutoCloseable {
  public static final String KIND = "fragment";
  /** DoGet kind of a fragment over stored results held by the nodes its ticket names. */
  public static final String PARTITION_JOIN = "partition-join";
  /** Action: run a leaf fragment and store its rows hash-partitioned here. */
  public static final String PARTITION = "quarry.partition";
  public static final String STATS = "quarry.stats";
  private static final long MEMORY_LIMIT = 2L << 30;
  /** How long the hashed build of a broadcast join waits for the query's next fragment. */
  private static final Duration BUILD_KEEP = Duration.ofSeconds(30);

  private final Store store;
  private final BufferAllocator allocator;
  private final PlacementService placement;
  private final Membership membership;
  private final String engineVersion;
  private final Consumer<String> log;
  private final BlockFetcher fetcher; // null: broadcast results must already be here
  private final Object[] fetchLocks = new Object[64];
  private final BroadcastSessions sessions;
  private final FragmentStats stats = new FragmentStats();
  private final ExecutorService pool;
  private final AtomicLong ids = new AtomicLong();
  private final LeafPartitioner partitioner;

  public FragmentService(
      Store store,
      BufferAllocator allocator,
      PlacementService placement,
      Membership membership,
      String engineVersion,
      Consumer<String> log) {
    this(store, allocator, placement, membership, null, engineVersion, log);
  }

  /**
   * A service that fetches the broadcast build sides its fragments read (stored results) from the
   * coordinator that sent them, through {@code fetcher} (every block verified).
   */
  public FragmentService(
      Store store,
      BufferAllocator allocator,
      PlacementService placement,
      Membership membership,
      BlockFetcher fetcher,
      String engineVersion,
      Consumer<String> log) {
    this.fetcher = fetcher;
    this.sessions = new BroadcastSessions(allocator, MEMORY_LIMIT, BUILD_KEEP, log);
    for (int i = 0; i < fetchLocks.length; i++) {
      fetchLocks[i] = new Object();
    }
    this.store = requireNonNull(store, "store is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.placement = requireNonNull(placement, "placement is null");
    this.membership = requireNonNull(membership, "membership is null");
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
    this.log = requireNonNull(log, "log is null");
    this.partitioner = new LeafPartitioner(store, engineVersion);
    placement.holdings().announce(partitioner.index()::announced);
    this.pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "quarry-fragment");
              t.setDaemon(true);
              return t;
            });
  }

  public FragmentStats stats() {
    return stats;
  }

  /** The fragment's CID: the key results of this fragment are cached and announced under. */
  public static Cid fragmentCid(PlanNode fragment, String engineVersion) {
    return FragmentKey.forFragment(fragment, engineVersion).cid();
  }

  public void registerWith(QuarryFlightProducer producer) {
    producer.register(
        new NodeTicket() {
          @Override
          public String kind() {
            return KIND;
          }

          @Override
          public void stream(CallContext context, String argument, ServerStreamListener listener) {
            byte[] plan = argument.getBytes(StandardCharsets.UTF_8);
            PeerId caller = authorize(context, plan);
            run(
                PlanCodec.decode(plan),
                caller,
                Map.of(),
                QueryOptionHeaders.fromCall(context).memoryLimitBytes(),
                listener);
          }
        });
    producer.register(
        new NodeTicket() {
          @Override
          public String kind() {
            return PARTITION_JOIN;
          }

          @Override
          public void stream(CallContext context, String argument, ServerStreamListener listener) {
            byte[] body = argument.getBytes(StandardCharsets.UTF_8);
            PeerId caller = authorize(context, body);
            SourcedFragment request =
                ClusterWire.read(body, new TypeReference<SourcedFragment>() {});
            run(
                PlanCodec.decode(request.plan().getBytes(StandardCharsets.UTF_8)),
                caller,
                request.sources(),
                QueryOptionHeaders.fromCall(context).memoryLimitBytes(),
                listener);
          }
        });
    producer.register(
        new NodeAction() {
          @Override
          public String type() {
            return PARTITION;
          }

          @Override
          public String description() {
            return "Runs a leaf fragment and stores its rows hash-partitioned on join keys here:"
                + " {plan, keys, scales, partitions} -> each partition's result CID, rows, bytes";
          }

          @Override
          public byte[] handle(CallContext context, byte[] body) {
            PeerId caller = authorize(context, body);
            return ClusterWire.write(
                partition(
                    ClusterWire.read(body, new TypeReference<PartitionRequest>() {}), caller));
          }
        });
    producer.register(
        new NodeAction() {
          @Override
          public String type() {
            return STATS;
          }

          @Override
          public String description() {
            return "Fragments this node ran for coordinators, rows and bytes it sent, fragments it"
                + " dispatched";
          }

          @Override
          public byte[] handle(CallContext context, byte[] body) {
            return ClusterWire.write(stats.snapshot());
          }
        });
  }

  /** Runs fragments only for members of this cluster, who sign what they ask for. */
  /** The signed caller of {@code plan}, a cluster member; else UNAUTHENTICATED or UNAUTHORIZED. */
  private PeerId authorize(CallContext context, byte[] plan) {
    String peer = CallerHeaders.get(context, FragmentSignature.PEER_HEADER);
    String signature = CallerHeaders.get(context, FragmentSignature.SIGNATURE_HEADER);
    if (peer == null || signature == null) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("Fragments run only for members of the cluster: the call is not signed")
          .toRuntimeException();
    }
    PeerId caller;
    try {
      caller = PeerId.parse(peer);
    } catch (QuarryException e) {
      throw CallStatus.UNAUTHENTICATED.withDescription(e.getMessage()).toRuntimeException();
    }
    if (!FragmentSignature.verify(caller, plan, signature)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("The fragment's signature does not match PeerId " + caller)
          .toRuntimeException();
    }
    if (membership.info(caller).isEmpty()) {
      throw CallStatus.UNAUTHORIZED
          .withDescription("Node " + caller + " is not a member of this cluster")
          .toRuntimeException();
    }
    return caller;
  }

  /**
   * A partition's join: the fragment to run, and for each stored result it reads that another node
   * holds, that node's address.
   */
  record SourcedFragment(String plan, Map<String, String> sources) {
    SourcedFragment {
      requireNonNull(plan, "plan is null");
      sources = sources == null ? Map.of() : Map.copyOf(sources);
    }
  }

  /**
   * A request to partition a leaf fragment's rows: its PlanCodec JSON and the split; with {@code
   * storedOnly}, answered only from partitions stored before (nothing is computed).
   */
  record PartitionRequest(
      String plan, List<Integer> keys, List<Integer> scales, int partitions, boolean storedOnly) {
    PartitionSpec spec() {
      return new PartitionSpec(keys, scales, partitions);
    }
  }

  /** Makes the fragment's shards and stored results local: what running it here needs. */
  private List<ResultNode> prepare(PlanNode fragment, PeerId caller, Map<String, String> sources) {
    if (ExchangeNode.within(fragment)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "Only leaf fragments run remotely; this one has an exchange");
    }
    for (ShardRef shard : FragmentKey.shards(fragment)) {
      if (placement.ensureLocal(Cid.parse(shard.cid()))) {
        log.accept("fetched shard " + shard.cid() + " to run a fragment");
      }
    }
    List<ResultNode> results = results(fragment);
    for (ResultNode result : results) {
      String source = sources.get(result.result());
      ensureResult(
          Cid.parse(result.result()), caller, source == null ? null : NodeAddress.parse(source));
    }
    return results;
  }

  /** The context a fragment runs in here, in {@code memory}. */
  private ExecContext context(BufferAllocator memory) {
    return new ExecContext(
        memory,
        s -> store.wholeFile(Cid.parse(s.cid())),
        pool,
        ExecContext.DEFAULT_BATCH_SIZE,
        FragmentRunner.LOCAL,
        cid -> {
          stats.resultRead();
          return new UnixFsReader(store.blocks()).openFile(Cid.parse(cid));
        });
  }

  /**
   * Answers {@value #PARTITION}: the partitions of the request's leaf fragment stored here, those
   * stored before if they are all still here, else computed now.
   */
  private LeafPartitions partition(PartitionRequest request, PeerId caller) {
    PlanNode fragment = PlanCodec.decode(request.plan().getBytes(StandardCharsets.UTF_8));
    PartitionSpec spec = request.spec();
    Cid id = fragmentCid(fragment, engineVersion);
    long started = System.nanoTime();
    LeafPartitions out = partitioner.stored(fragment, spec).orElse(null);
    if (out == null && request.storedOnly()) {
      throw new QuarryException(
          ErrorCode.NOT_FOUND, "No partitions of fragment " + id + " are stored on this node");
    }
    if (out == null) {
      List<ResultNode> results = prepare(fragment, caller, Map.of());
      try (FragmentMemory memory = memory(fragment, results, this::context, MEMORY_LIMIT)) {
        out = partitioner.obtain(fragment, spec, context(memory.allocator));
        memory.succeeded = true;
      }
    }
    if (out.reused()) {
      stats.partitionsReused();
    } else {
      stats.partitioned(out.rows(), out.bytes());
      placement.storeChanged();
    }
    log.accept(
        (out.reused()
                ? "partitions of fragment " + id + " stored before: "
                : "partitioned fragment " + id + " for a join: ")
            + out.rows()
            + " rows into "
            + out.nonEmpty()
            + " of "
            + spec.partitions()
            + " results, "
            + out.bytes()
            + " bytes, "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    return out;
  }

  private void run(
      PlanNode fragment,
      PeerId caller,
      Map<String, String> sources,
      long memoryLimit,
      ServerStreamListener listener) {
    Cid id = fragmentCid(fragment, engineVersion);
    List<ResultNode> results;
    try {
      results = prepare(fragment, caller, sources);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    long rows = 0;
    long bytes = 0;
    long started = System.nanoTime();
    Function<BufferAllocator, ExecContext> context = this::context;
    try (FragmentMemory memory = memory(fragment, results, context, memoryLimit)) {
      ExecContext ctx = context.apply(memory.allocator);
      // The outgoing root lives in the node's allocator: gRPC may still hold its last buffers
      // after the fragment's own allocator is closed.
      try (Operator operator = Executor.build(fragment, ctx);
          VectorSchemaRoot out = VectorSchemaRoot.create(operator.schema(), allocator)) {
        BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
        backpressure.register(listener);
        listener.start(out);
        for (VectorSchemaRoot next = operator.next(); next != null; next = operator.next()) {
          try (VectorSchemaRoot batch = next) {
            if (batch.getRowCount() == 0) {
              continue;
            }
            out.allocateNew();
            for (int i = 0; i < batch.getFieldVectors().size(); i++) {
              batch.getVector(i).accept(new VectorAppender(out.getVector(i)), null);
            }
            out.setRowCount(batch.getRowCount());
            rows += out.getRowCount();
            bytes += Batches.bufferBytes(out);
          }
          if (backpressure.waitForListener(60_000) == BackpressureStrategy.WaitResult.CANCELLED) {
            return;
          }
          listener.putNext();
        }
        // Counted before the stream ends, so a coordinator that has all rows sees the count.
        stats.served(rows, bytes);
        if (!results.isEmpty()) {
          stats.joinServed();
        }
        memory.succeeded = true;
        listener.completed();
      }
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    log.accept(
        "ran fragment "
            + id
            + ": "
            + rows
            + " rows, "
            + bytes
            + " bytes, "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /**
   * The memory a fragment runs in: its own child allocator, limited as the query it belongs to is
   * (the dispatching node says so; 2 GiB otherwise), or, when it joins with broadcast results, the
   * allocator of the session of the fragments over those results (which share their builds).
   */
  private FragmentMemory memory(
      PlanNode fragment,
      List<ResultNode> results,
      Function<BufferAllocator, ExecContext> context,
      long memoryLimit) {
    if (results.isEmpty()) {
      BufferAllocator child =
          allocator.newChildAllocator("fragment-" + ids.incrementAndGet(), 0, memoryLimit);
      return new FragmentMemory(child, null);
    }
    BroadcastSessions.Session session = sessions.acquire(fragment, context);
    return new FragmentMemory(session.allocator(), session);
  }

  private final class FragmentMemory implements AutoCloseable {
    final BufferAllocator allocator;
    final BroadcastSessions.Session session;
    boolean succeeded;

    FragmentMemory(BufferAllocator allocator, BroadcastSessions.Session session) {
      this.allocator = allocator;
      this.session = session;
    }

    @Override
    public void close() {
      if (session == null) {
        allocator.close();
      } else {
        sessions.release(session, !succeeded);
      }
    }
  }

  /**
   * Makes a stored result local, fetched once: from {@code holder}, the node that stored it, when
   * the coordinator named one (a partition of a repartitioned join), else from the coordinator
   * that sent the fragment (a broadcast build); then from the live nodes that announce it.
   */
  private void ensureResult(Cid result, PeerId caller, NodeAddress holder) {
    synchronized (fetchLocks[Math.floorMod(result.hashCode(), fetchLocks.length)]) {
      if (store.blocks().has(result)) {
        return;
      }
      if (fetcher == null) {
        throw new QuarryException(
            ErrorCode.NOT_FOUND,
            "Result " + result + " is not on this node, which cannot fetch it");
      }
      List<NodeAddress> from = new ArrayList<>();
      if (holder != null) {
        from.add(holder);
      } else {
        membership.info(caller).ifPresent(info -> from.add(info.address()));
      }
      for (Provider p : placement.providers(result)) {
        NodeAddress address = NodeAddress.parse(p.address());
        if (!p.peerId().equals(membership.selfId().text()) && !from.contains(address)) {
          from.add(address);
        }
      }
      if (from.isEmpty()) {
        throw new QuarryException(
            ErrorCode.NOT_FOUND, "No address known for " + caller + " to fetch " + result);
      }
      BlockFetcher.FetchReport report = fetcher.fetchDag(result, from);
      stats.resultFetched(new UnixFsReader(store.blocks()).fileSize(result));
      log.accept("fetched result " + result + " from " + report.source() + " to run a join");
    }
  }

  private static List<ResultNode> results(PlanNode plan) {
    List<ResultNode> out = new ArrayList<>();
    collectResults(plan, out);
    return out;
  }

  private static void collectResults(PlanNode plan, List<ResultNode> out) {
    if (plan instanceof ResultNode r) {
      out.add(r);
    }
    for (PlanNode in : plan.inputs()) {
      collectResults(in, out);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    sessions.close();
  }
}
