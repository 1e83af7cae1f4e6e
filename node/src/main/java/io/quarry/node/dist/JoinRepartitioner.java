package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.KeyPartitioner;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.WindowNode;
import io.quarry.node.cluster.Member;
import io.quarry.store.Store;
import io.quarry.unixfs.UnixFsReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a join whose two sides are large as P joins, one per live node: both sides are
 * hash-partitioned on the join keys ({@link KeyPartitioner}, the same partition for equal keys on
 * every node and for both sides), partition p of each side is stored as a content-addressed result
 * on this node, and join p — {@code Join(ResultNode(probe p), ResultNode(build p))} — runs on the
 * p-th live node (by PeerId), which fetches its two results from this node. Rows with equal keys
 * share a partition, so every join kind (inner, outer, semi, anti) and any residual condition give
 * the same rows as one join over everything; what the fragment does above the join (projection,
 * partial aggregation) runs here over the union of the P outputs.
 *
 * <p>Each side's leaf fragments run on their holders as usual (through the query's cache); their
 * rows are partitioned here as they arrive. A side is partitioned once per query, however many
 * fragments join with it.
 */
public final class JoinRepartitioner {
  /** When joins are repartitioned. */
  public enum Mode {
    /** Joins whose build side is larger than the broadcast limit. */
    AUTO,
    /** Every join that can be (equi-join keys, at least two live nodes); for tests. */
    ALWAYS,
    OFF
  }

  /** The system property, else environment variable, that sets the mode: auto, always, off. */
  public static final String MODE_PROPERTY = "quarry.repartition";

  public static final String MODE_ENV = "QUARRY_REPARTITION";

  /**
   * Runs one partition's join fragment on {@code node}; {@code compute} computes it here (where
   * its inputs are stored), for this node and when the other one fails.
   */
  @FunctionalInterface
  interface Dispatcher {
    Operator run(PlanNode fragment, Member node, Supplier<Operator> compute, ExecContext ctx);
  }

  private final Store store;
  private final String engineVersion;
  private final Mode mode;
  private final Supplier<List<Member>> live;
  private final Dispatcher dispatcher;
  private final Consumer<String> log;
  private final ExecutorService drains =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "quarry-repartition");
            t.setDaemon(true);
            return t;
          });
  // Per query (by its allocator): the partition results of each side.
  private final Map<BufferAllocator, Map<FragmentKey, CompletableFuture<List<Cid>>>> queries =
      new WeakHashMap<>(); // guarded by itself

  JoinRepartitioner(
      Store store,
      Mode mode,
      String engineVersion,
      Supplier<List<Member>> live,
      Dispatcher dispatcher,
      Consumer<String> log) {
    this.store = requireNonNull(store, "store is null");
    this.mode = requireNonNull(mode, "mode is null");
    this.live = requireNonNull(live, "live is null");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    this.log = requireNonNull(log, "log is null");
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
  }

  /** {@value #MODE_PROPERTY} or {@value #MODE_ENV}; {@link Mode#AUTO} when neither is set. */
  public static Mode configuredMode() {
    String text = System.getProperty(MODE_PROPERTY);
    if (text == null || text.isBlank()) {
      text = System.getenv(MODE_ENV);
    }
    if (text == null || text.isBlank()) {
      return Mode.AUTO;
    }
    try {
      return Mode.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Repartition mode '" + text + "' (" + MODE_PROPERTY + " / " + MODE_ENV
              + ") is not one of auto, always, off");
    }
  }

  public Mode mode() {
    return mode;
  }

  /** The nodes joins are spread over now: the live members, by PeerId. */
  List<Member> nodes() {
    List<Member> out = new ArrayList<>(live.get());
    out.sort(Comparator.comparing(m -> m.peerId().toString()));
    return out;
  }

  /** Whether {@code fragment} ends in a join this can repartition, in a cluster. */
  boolean applies(PlanNode fragment) {
    return mode != Mode.OFF && target(fragment) != null && nodes().size() > 1;
  }

  /**
   * The join under the per-row operators at the top of {@code fragment} whose build side reads
   * through an exchange and that has equi-join keys; null if there is none.
   */
  static JoinNode target(PlanNode fragment) {
    PlanNode n = fragment;
    while (!(n instanceof JoinNode)) {
      if (!(n instanceof FilterNode
          || n instanceof ProjectNode
          || n instanceof AggregateNode
          || n instanceof SortNode
          || n instanceof LimitNode
          || n instanceof WindowNode)) {
        return null;
      }
      n = n.inputs().get(0);
    }
    JoinNode j = (JoinNode) n;
    return j.leftKeys().isEmpty() || !FragmentService.containsExchange(j.right()) ? null : j;
  }

  /** {@code fragment} with its target join replaced by {@code replacement}. */
  static PlanNode replaceTarget(PlanNode fragment, PlanNode replacement) {
    if (fragment instanceof JoinNode) {
      return replacement;
    }
    PlanNode in = replaceTarget(fragment.inputs().get(0), replacement);
    if (fragment instanceof FilterNode n) {
      return new FilterNode(in, n.condition());
    } else if (fragment instanceof ProjectNode n) {
      return new ProjectNode(in, n.exprs(), n.names());
    } else if (fragment instanceof AggregateNode n) {
      return new AggregateNode(in, n.groupKeys(), n.calls(), n.phase());
    } else if (fragment instanceof SortNode n) {
      return new SortNode(in, n.keys(), n.offset(), n.fetch());
    } else if (fragment instanceof LimitNode n) {
      return new LimitNode(in, n.offset(), n.fetch());
    } else if (fragment instanceof WindowNode n) {
      return new WindowNode(in, n.groups());
    }
    throw new IllegalArgumentException("not a per-row operator: " + fragment);
  }

  /** The P join fragments of {@code join} over the given partition results of its two sides. */
  static List<PlanNode> partitionJoins(JoinNode join, List<Cid> probe, List<Cid> build) {
    List<PlanNode> out = new ArrayList<>();
    for (int p = 0; p < probe.size(); p++) {
      out.add(
          new JoinNode(
              new ResultNode(probe.get(p).toString(), join.left().schema()),
              new ResultNode(build.get(p).toString(), join.right().schema()),
              join.kind(),
              join.leftKeys(),
              join.rightKeys(),
              join.residual()));
    }
    return out;
  }

  /** Runs {@code fragment} with its target join repartitioned over the live nodes. */
  Operator run(PlanNode fragment, ExecContext ctx) {
    JoinNode join = target(fragment);
    List<Member> nodes = nodes();
    int partitions = nodes.size();
    int[] scales =
        KeyPartitioner.joinKeyScales(
            join.left().schema(), join.leftKeys(), join.right().schema(), join.rightKeys());
    List<Cid> build = partitioned(join.right(), join.rightKeys(), scales, partitions, ctx);
    List<Cid> probe = partitioned(join.left(), join.leftKeys(), scales, partitions, ctx);
    List<PlanNode> joins = partitionJoins(join, probe, build);
    Map<PlanNode, Member> where = new IdentityHashMap<>();
    for (int p = 0; p < partitions; p++) {
      where.put(joins.get(p), nodes.get(p));
    }
    FragmentRunner runner =
        (part, compute, c) -> {
          Member node = where.get(part);
          return node == null ? compute.get() : dispatcher.run(part, node, compute, c);
        };
    ExecContext spread =
        new ExecContext(
            ctx.allocator(),
            ctx.shards(),
            ctx.pool(),
            ctx.batchSize(),
            runner,
            cid -> new UnixFsReader(store.blocks()).openFile(Cid.parse(cid)));
    return Executor.build(replaceTarget(fragment, new ExchangeNode(joins)), spread);
  }

  /** The P partition results of one side of a join, computed by the query's first caller. */
  private List<Cid> partitioned(
      PlanNode side, List<Integer> keys, int[] scales, int partitions, ExecContext ctx) {
    FragmentKey key = partitionKey(side, keys, scales, partitions);
    CompletableFuture<List<Cid>> mine = new CompletableFuture<>();
    CompletableFuture<List<Cid>> theirs;
    synchronized (queries) {
      theirs =
          queries.computeIfAbsent(ctx.allocator(), a -> new HashMap<>()).putIfAbsent(key, mine);
    }
    if (theirs != null) {
      return BuildBroadcaster.await(theirs, "a join's inputs were partitioned");
    }
    try {
      List<Cid> out = store(side, keys, scales, partitions, ctx);
      mine.complete(out);
      return out;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      synchronized (queries) {
        queries.getOrDefault(ctx.allocator(), new HashMap<>()).remove(key, mine);
      }
      throw e;
    }
  }

  private FragmentKey partitionKey(
      PlanNode side, List<Integer> keys, int[] scales, int partitions) {
    ByteArrayOutputStream preimage = new ByteArrayOutputStream();
    preimage.writeBytes("quarry-partition/1".getBytes(StandardCharsets.UTF_8));
    preimage.writeBytes(FragmentKey.forQuery(side, engineVersion).cid().bytes());
    String terms = keys + "/" + Arrays.toString(scales) + "/" + partitions;
    preimage.writeBytes(terms.getBytes(StandardCharsets.UTF_8));
    return new FragmentKey(
        Cid.v1(Multicodec.RAW, Multihash.sha256(preimage.toByteArray())),
        FragmentKey.Kind.QUERY);
  }

  /**
   * Computes one side — its leaf fragments in parallel, each obtained as the query obtains
   * fragments — and writes its rows, partitioned as they arrive, into P stored results.
   */
  private List<Cid> store(
      PlanNode side, List<Integer> keys, int[] scales, int partitions, ExecContext ctx) {
    List<Supplier<Operator>> inputs = new ArrayList<>();
    if (side instanceof ExchangeNode x
        && x.inputs().stream().noneMatch(FragmentService::containsExchange)) {
      for (PlanNode in : x.inputs()) {
        inputs.add(() -> ctx.fragments().run(in, () -> Executor.build(in, ctx), ctx));
      }
    } else if (!FragmentService.containsExchange(side)) {
      inputs.add(() -> ctx.fragments().run(side, () -> Executor.build(side, ctx), ctx));
    } else {
      inputs.add(() -> Executor.build(side, ctx));
    }
    try (PartitionWriter out =
        new PartitionWriter(store, side.schema(), partitions, ctx.allocator())) {
      List<CompletableFuture<Void>> drained = new ArrayList<>();
      for (Supplier<Operator> input : inputs) {
        // The inputs' own fragments are not the join's: whoever observes the join is not told.
        drained.add(
            CompletableFuture.runAsync(
                () ->
                    DispatchReports.observing(
                        (peer, address) -> {}, () -> drain(input, keys, scales, partitions, out)),
                drains));
      }
      RuntimeException failure = null;
      for (CompletableFuture<Void> f : drained) {
        try {
          BuildBroadcaster.await(f, "a join's inputs were partitioned");
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      List<Cid> results = out.store();
      log.accept(
          "partitioned "
              + FragmentKey.forQuery(side, engineVersion)
              + " ("
              + out.rows()
              + " rows) into "
              + partitions
              + " results "
              + results);
      return results;
    }
  }

  private static Void drain(
      Supplier<Operator> input,
      List<Integer> keys,
      int[] scales,
      int partitions,
      PartitionWriter out) {
    KeyPartitioner partitioner = new KeyPartitioner(scales, partitions);
    try (Operator op = input.get()) {
      for (VectorSchemaRoot next = op.next(); next != null; next = op.next()) {
        try (VectorSchemaRoot batch = next) {
          List<FieldVector> keyVectors = new ArrayList<>();
          for (int k : keys) {
            keyVectors.add(batch.getVector(k));
          }
          out.write(batch, partitioner.partitions(keyVectors, batch.getRowCount()));
        }
      }
    }
    return null;
  }
}
