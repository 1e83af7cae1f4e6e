package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.KeyPartitioner;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.WindowNode;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a join whose two sides are large as P joins, one per live node (by PeerId), with the rows
 * of both sides moved once, from where they are computed to where they are joined. Each leaf
 * fragment of a side runs on a holder of its shards, which hash-partitions its rows on the join
 * keys ({@link KeyPartitioner}: the same partition for equal keys on every node and for both
 * sides) into P results stored there ({@value FragmentService#PARTITION}); join p — the union of
 * partition p of every fragment of one side joined with that of the other — runs on the p-th node,
 * which fetches each of its results from the node that stored it. Rows with equal keys share a
 * partition, so every join kind (inner, outer, semi, anti) and any residual condition give the
 * same rows as one join over everything. The projections, filters and partial aggregation right
 * above the join run in each partition's fragment too; the rest of the fragment runs here over
 * the union of the P outputs.
 *
 * <p>A side is partitioned once per query, however many fragments join with it; a fragment's
 * partitions are stored under a key of (fragment, keys, scales, P), so a later query finds them.
 * A side that is not a set of leaf fragments (say an aggregate over an exchange) is computed here
 * and partitioned here, unless it only needs its broadcast build sides stored to become one. If a
 * partition's node fails, its join runs here; if a fragment's partitions cannot be fetched from
 * their node any more, the fragment is partitioned again on another holder, or here.
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

  private final String engineVersion;
  private final Mode mode;
  private final Supplier<List<Member>> live;
  private final ShuffleDispatcher shuffle;
  private final BuildBroadcaster broadcaster; // null: sides with exchanges are partitioned here
  private final Consumer<String> log;
  private final ExecutorService requests =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "quarry-repartition");
            t.setDaemon(true);
            return t;
          });
  // Per query (by its allocator): each side's partitions, by the side's partition key.
  private final Map<BufferAllocator, Map<Cid, CompletableFuture<PartitionedSide>>> queries =
      new WeakHashMap<>(); // guarded by itself

  JoinRepartitioner(
      Mode mode,
      String engineVersion,
      Supplier<List<Member>> live,
      ShuffleDispatcher shuffle,
      BuildBroadcaster broadcaster,
      Consumer<String> log) {
    this.mode = requireNonNull(mode, "mode is null");
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
    this.live = requireNonNull(live, "live is null");
    this.shuffle = requireNonNull(shuffle, "shuffle is null");
    this.broadcaster = broadcaster;
    this.log = requireNonNull(log, "log is null");
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
    JoinNode j = firstJoin(fragment);
    return j == null || j.leftKeys().isEmpty() || !ExchangeNode.within(j.right())
        ? null
        : j;
  }

  /** The join under the per-row operators at the top of {@code fragment}, or null. */
  private static JoinNode firstJoin(PlanNode fragment) {
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
    return (JoinNode) n;
  }

  /** {@code fragment} with its target join replaced by {@code replacement}. */
  static PlanNode replaceTarget(PlanNode fragment, PlanNode replacement) {
    return replace(fragment, firstJoin(fragment), replacement);
  }

  /**
   * {@code node} with {@code target} — itself or an operator on the chain of per-row operators
   * under it — replaced by {@code replacement}.
   */
  static PlanNode replace(PlanNode node, PlanNode target, PlanNode replacement) {
    if (node == target) {
      return replacement;
    }
    PlanNode in = replace(node.inputs().get(0), target, replacement);
    if (node instanceof FilterNode n) {
      return new FilterNode(in, n.condition());
    } else if (node instanceof ProjectNode n) {
      return new ProjectNode(in, n.exprs(), n.names());
    } else if (node instanceof AggregateNode n) {
      return new AggregateNode(in, n.groupKeys(), n.calls(), n.phase());
    } else if (node instanceof SortNode n) {
      return new SortNode(in, n.keys(), n.offset(), n.fetch());
    } else if (node instanceof LimitNode n) {
      return new LimitNode(in, n.offset(), n.fetch());
    } else if (node instanceof WindowNode n) {
      return new WindowNode(in, n.groups());
    }
    throw new IllegalArgumentException("not a per-row operator: " + node);
  }

  /**
   * The highest operator of {@code fragment} that each partition's fragment runs too: over the
   * target join, a run of projections and filters, and at most one partial aggregation (whose
   * states the final aggregation merges however the rows were split) followed by projections
   * only; the join itself when the operator right above it is none of these.
   */
  static PlanNode partitionTop(PlanNode fragment) {
    List<PlanNode> above = new ArrayList<>();
    for (PlanNode n = fragment; !(n instanceof JoinNode); n = n.inputs().get(0)) {
      above.add(n);
    }
    PlanNode top = firstJoin(fragment);
    boolean aggregated = false;
    for (int i = above.size() - 1; i >= 0; i--) {
      PlanNode n = above.get(i);
      boolean partial = n instanceof AggregateNode a && a.phase() == AggPhase.PARTIAL;
      if (!(n instanceof ProjectNode || (!aggregated && (n instanceof FilterNode || partial)))) {
        break;
      }
      aggregated |= partial;
      top = n;
    }
    return top;
  }

  /**
   * Whether a join of {@code kind} gives no row when its probe (left) or build (right) input is
   * empty as given.
   */
  static boolean yieldsNothing(JoinKind kind, boolean probeEmpty, boolean buildEmpty) {
    return switch (kind) {
      case INNER, SEMI -> probeEmpty || buildEmpty;
      case LEFT, ANTI -> probeEmpty;
      case RIGHT -> buildEmpty;
      case FULL -> probeEmpty && buildEmpty;
    };
  }

  /** Runs {@code fragment} with its target join repartitioned over the live nodes. */
  Operator run(PlanNode fragment, ExecContext ctx) {
    JoinNode join = target(fragment);
    List<Member> nodes = nodes();
    NodeAddress here =
        nodes.stream()
            .filter(m -> m.peerId().equals(shuffle.self()))
            .map(Member::address)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("this node is not among the live nodes"));
    int partitions = nodes.size();
    int[] scales =
        KeyPartitioner.joinKeyScales(
            join.left().schema(), join.leftKeys(), join.right().schema(), join.rightKeys());
    PartitionedSide build =
        side(join.right(), PartitionSpec.of(join.rightKeys(), scales, partitions), here, ctx);
    PartitionedSide probe =
        side(join.left(), PartitionSpec.of(join.leftKeys(), scales, partitions), here, ctx);
    PlanNode top = partitionTop(fragment);
    Partitions parts = new Partitions(top, join, probe, build, here, ctx);
    List<PlanNode> inputs = new ArrayList<>();
    Map<PlanNode, Integer> index = new IdentityHashMap<>();
    for (int p = 0; p < partitions; p++) {
      PlanNode input = parts.fragment(p);
      inputs.add(input);
      index.put(input, p);
    }
    // The partitions' fragments are obtained as the query obtains any fragment (so EXPLAIN
    // ANALYZE names the node each ran on); they read no shard, so no cache keeps them.
    FragmentRunner runner =
        (f, compute, x) -> {
          Integer p = index.get(f);
          return p == null
              ? ctx.fragments().run(f, compute, x)
              : ctx.fragments().run(f, () -> parts.run(p, nodes.get(p)), x);
        };
    ExecContext spread =
        new ExecContext(
            ctx.allocator(), ctx.shards(), ctx.pool(), ctx.batchSize(), runner, ctx.results());
    return Executor.build(replace(fragment, top, new ExchangeNode(inputs)), spread);
  }

  /** The P joins of one repartitioned join fragment, over its two partitioned sides. */
  private final class Partitions {
    private final PlanNode top;
    private final JoinNode join;
    private final PartitionedSide probe;
    private final PartitionedSide build;
    private final NodeAddress here;
    private final ExecContext ctx;

    Partitions(
        PlanNode top,
        JoinNode join,
        PartitionedSide probe,
        PartitionedSide build,
        NodeAddress here,
        ExecContext ctx) {
      this.top = top;
      this.join = join;
      this.probe = probe;
      this.build = build;
      this.here = here;
      this.ctx = ctx;
    }

    /** Partition {@code p}'s fragment over its sides' results as they are stored now. */
    PlanNode fragment(int p) {
      return over(probe.input(p), build.input(p));
    }

    private PlanNode over(PlanNode left, PlanNode right) {
      JoinNode j =
          new JoinNode(
              left, right, join.kind(), join.leftKeys(), join.rightKeys(), join.residual());
      return replace(top, join, j);
    }

    /** Partition {@code p}'s fragment, run on {@code node}, here if that fails. */
    Operator run(int p, Member node) {
      if (yieldsNothing(join.kind(), probe.empty(p), build.empty(p))) {
        return Executor.build(over(probe.none(), build.none()), shuffle.local(ctx));
      }
      Map<String, String> sources = new LinkedHashMap<>(probe.sources(p));
      sources.putAll(build.sources(p));
      return shuffle.runJoin(fragment(p), sources, node, () -> runHere(p), ctx);
    }

    private Operator runHere(int p) {
      probe.fetchHere(p, shuffle, here, ctx, log);
      build.fetchHere(p, shuffle, here, ctx, log);
      return Executor.build(fragment(p), shuffle.local(ctx));
    }
  }

  /** The partitions of one side of a join, computed by the query's first caller. */
  private PartitionedSide side(
      PlanNode side, PartitionSpec spec, NodeAddress here, ExecContext ctx) {
    Cid key = spec.key(side, engineVersion);
    CompletableFuture<PartitionedSide> mine = new CompletableFuture<>();
    CompletableFuture<PartitionedSide> theirs;
    synchronized (queries) {
      theirs =
          queries.computeIfAbsent(ctx.allocator(), a -> new HashMap<>()).putIfAbsent(key, mine);
    }
    if (theirs != null) {
      return BuildBroadcaster.await(theirs, "a join's inputs were partitioned");
    }
    try {
      // The side's own fragments are not the join's: whoever observes the join is told where
      // they were partitioned, not that they ran.
      PartitionedSide out =
          DispatchReports.observing(
              DispatchReports.onlyPartitions(DispatchReports.current()),
              () -> partition(side, spec, here, ctx));
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

  /**
   * Partitions one side: each of its leaf fragments where it runs, all at once; a side that is
   * not made of leaf fragments here.
   */
  private PartitionedSide partition(
      PlanNode side, PartitionSpec spec, NodeAddress here, ExecContext ctx) {
    List<PlanNode> leaves = leaves(side, ctx);
    if (leaves == null) {
      return new PartitionedSide(
          side.schema(),
          spec,
          Collections.singletonList(null),
          List.of(shuffle.partitionHere(side, spec, here, ctx)));
    }
    List<CompletableFuture<ShuffleDispatcher.Placed>> requests = new ArrayList<>();
    DispatchReports.Listener listener = DispatchReports.current();
    for (PlanNode leaf : leaves) {
      requests.add(
          CompletableFuture.supplyAsync(
              () ->
                  DispatchReports.observing(
                      listener, () -> shuffle.partition(leaf, spec, Set.of(), here, ctx)),
              this.requests));
    }
    List<ShuffleDispatcher.Placed> placed = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<ShuffleDispatcher.Placed> request : requests) {
      try {
        placed.add(BuildBroadcaster.await(request, "a join's inputs were partitioned"));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new PartitionedSide(side.schema(), spec, leaves, placed);
  }

  /**
   * The leaf fragments whose rows make up {@code side}: its exchange's inputs, or itself, each
   * with its broadcast build sides replaced by stored results where it has any; null when one of
   * them cannot be made a leaf fragment.
   */
  private List<PlanNode> leaves(PlanNode side, ExecContext ctx) {
    List<PlanNode> inputs = side instanceof ExchangeNode x ? x.inputs() : List.of(side);
    List<PlanNode> out = new ArrayList<>();
    for (PlanNode input : inputs) {
      if (!ExchangeNode.within(input)) {
        out.add(input);
        continue;
      }
      Optional<PlanNode> leaf =
          broadcaster == null || input instanceof ExchangeNode
              ? Optional.empty()
              : broadcaster.rewrite(input, ctx);
      if (leaf.isEmpty()) {
        return null;
      }
      out.add(leaf.get());
    }
    return out;
  }
}
