package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.WindowNode;
import io.quarry.exec.vector.Batches;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns a per-shard join fragment (a probe shard joined with build sides that read other tables
 * through exchanges) into a leaf fragment that any holder of the probe shard can run: each build
 * side is computed once per query on this node (its own fragments run on their holders and
 * through the query's cache as usual), stored as a content-addressed result (a UnixFS file of its
 * Arrow IPC stream in this node's block store, sorted, so the same rows always have the same CID)
 * and replaced by a {@link ResultNode} naming that result's CID. Workers fetch the result's blocks
 * from this node, verifying each; a worker that already holds the CID fetches nothing.
 *
 * <p>Only builds of at most {@code limitBytes} (Arrow bytes while computed) are broadcast: a larger
 * one is abandoned as soon as it grows past the limit, remembered, and its joins run here as
 * before, over one shared build per query.
 */
public final class BuildBroadcaster {
  /** Builds up to this many bytes are broadcast unless configured otherwise. */
  public static final long DEFAULT_LIMIT_BYTES = 64L << 20;

  /** The system property, else environment variable, that sets the limit in bytes (0: never). */
  public static final String LIMIT_PROPERTY = "quarry.broadcast.limit";

  public static final String LIMIT_ENV = "QUARRY_BROADCAST_LIMIT";

  private static final int REMEMBERED = 1024;

  private final Store store;
  private final String engineVersion;
  private final long limitBytes;
  private final Consumer<String> log;
  // Per query (by its allocator): the stored result of each build, empty when it is too large.
  private final Map<BufferAllocator, Map<FragmentKey, CompletableFuture<Optional<Cid>>>> queries =
      new WeakHashMap<>(); // guarded by itself
  // Builds known to be over the limit: data under a CID never changes, nor does a build's size.
  private final Set<FragmentKey> tooLarge =
      Collections.newSetFromMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FragmentKey, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          }); // guarded by itself

  public BuildBroadcaster(
      Store store, long limitBytes, String engineVersion, Consumer<String> log) {
    requireNonNull(store, "store is null");
    if (limitBytes < 0) {
      throw new IllegalArgumentException("limitBytes is negative: " + limitBytes);
    }
    this.limitBytes = limitBytes;
    this.log = requireNonNull(log, "log is null");
    // Builds are written to the store's blocks only, never looked up: each query computes its
    // builds (their fragments through its own cache, if it uses one), so a query without cache
    // reuses nothing.
    this.store = store;
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
  }

  /**
   * The limit this process is configured with: {@value #LIMIT_PROPERTY} or {@value #LIMIT_ENV}
   * (bytes, or with a suffix k, m, g), else {@link #DEFAULT_LIMIT_BYTES}.
   */
  public static long configuredLimit() {
    String text = System.getProperty(LIMIT_PROPERTY);
    if (text == null || text.isBlank()) {
      text = System.getenv(LIMIT_ENV);
    }
    return text == null || text.isBlank() ? DEFAULT_LIMIT_BYTES : parseBytes(text.trim());
  }

  /** {@code 123}, {@code 64k}, {@code 64m}, {@code 1g} (binary units) as bytes. */
  static long parseBytes(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    int shift =
        switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    try {
      long value = Long.parseLong(digits);
      if (value < 0 || value > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return value << shift;
    } catch (NumberFormatException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Broadcast limit '" + text + "' (" + LIMIT_PROPERTY + " / " + LIMIT_ENV
              + ") is not a size in bytes such as 67108864 or 64m");
    }
  }

  public long limitBytes() {
    return limitBytes;
  }

  /**
   * {@code fragment} with every build side that reads through an exchange replaced by its stored
   * result; empty when one of them is larger than the limit or the fragment has an exchange
   * elsewhere. Builds are computed with {@code ctx} (the query's), once per build however many
   * fragments ask for it at the same time.
   */
  public Optional<PlanNode> rewrite(PlanNode fragment, ExecContext ctx) {
    if (limitBytes == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(rewriteNode(fragment, ctx));
    } catch (NotBroadcast e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code fragment} would be rewritten as far as is known without computing anything:
   * false when it has an exchange outside its build sides or one of its builds was too large.
   */
  public boolean broadcastable(PlanNode fragment) {
    if (!ExchangeNode.within(fragment)) {
      return true;
    }
    if (fragment instanceof ExchangeNode || limitBytes == 0) {
      return false;
    }
    if (fragment instanceof JoinNode j && ExchangeNode.within(j.right())) {
      boolean large;
      synchronized (tooLarge) {
        large = tooLarge.contains(FragmentKey.forQuery(j.right(), engineVersion));
      }
      return !large && broadcastable(j.left());
    }
    for (PlanNode in : fragment.inputs()) {
      if (!broadcastable(in)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code build} as a stored result, computed once per query as for {@link #rewrite}; empty when
   * it is larger than the limit (or broadcasting is off).
   */
  Optional<ResultNode> stored(PlanNode build, ExecContext ctx) {
    if (limitBytes == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(broadcast(build, ctx));
    } catch (NotBroadcast e) {
      return Optional.empty();
    }
  }

  /** Whether {@code build} was found larger than the limit. */
  boolean knownTooLarge(PlanNode build) {
    synchronized (tooLarge) {
      return tooLarge.contains(FragmentKey.forQuery(build, engineVersion));
    }
  }

  /** The shards a fragment reads itself: those of its scans that are not under an exchange. */
  public static List<ShardRef> probeShards(PlanNode fragment) {
    List<ShardRef> out = new ArrayList<>();
    collectProbeShards(fragment, out);
    return out;
  }

  private static void collectProbeShards(PlanNode node, List<ShardRef> out) {
    if (node instanceof ScanNode scan) {
      out.add(scan.shard());
    }
    if (node instanceof ExchangeNode) {
      return;
    }
    for (PlanNode in : node.inputs()) {
      collectProbeShards(in, out);
    }
  }

  private PlanNode rewriteNode(PlanNode node, ExecContext ctx) {
    if (!ExchangeNode.within(node)) {
      return node;
    }
    if (node instanceof JoinNode j) {
      PlanNode right =
          ExchangeNode.within(j.right())
              ? broadcast(j.right(), ctx)
              : j.right();
      return new JoinNode(
          rewriteNode(j.left(), ctx), right, j.kind(), j.leftKeys(), j.rightKeys(), j.residual());
    }
    if (node instanceof FilterNode n) {
      return new FilterNode(rewriteNode(n.input(), ctx), n.condition());
    }
    if (node instanceof ProjectNode n) {
      return new ProjectNode(rewriteNode(n.input(), ctx), n.exprs(), n.names());
    }
    if (node instanceof AggregateNode n) {
      return new AggregateNode(rewriteNode(n.input(), ctx), n.groupKeys(), n.calls(), n.phase());
    }
    if (node instanceof SortNode n) {
      return new SortNode(rewriteNode(n.input(), ctx), n.keys(), n.offset(), n.fetch());
    }
    if (node instanceof LimitNode n) {
      return new LimitNode(rewriteNode(n.input(), ctx), n.offset(), n.fetch());
    }
    if (node instanceof WindowNode n) {
      return new WindowNode(rewriteNode(n.input(), ctx), n.groups());
    }
    if (node instanceof UnionNode n) {
      List<PlanNode> inputs = new ArrayList<>();
      for (PlanNode in : n.inputs()) {
        inputs.add(rewriteNode(in, ctx));
      }
      return new UnionNode(inputs);
    }
    // An exchange on the probe side: the fragment needs this node's engine.
    throw new NotBroadcast();
  }

  /** The build side as a stored result, computed by the query's first fragment that asks. */
  private ResultNode broadcast(PlanNode build, ExecContext ctx) {
    FragmentKey key = FragmentKey.forQuery(build, engineVersion);
    synchronized (tooLarge) {
      if (tooLarge.contains(key)) {
        throw new NotBroadcast();
      }
    }
    CompletableFuture<Optional<Cid>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Cid>> theirs;
    synchronized (queries) {
      theirs =
          queries.computeIfAbsent(ctx.allocator(), a -> new HashMap<>()).putIfAbsent(key, mine);
    }
    Optional<Cid> outcome;
    if (theirs == null) {
      try {
        outcome = store(key, build, ctx);
        mine.complete(outcome);
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        synchronized (queries) {
          queries.getOrDefault(ctx.allocator(), new HashMap<>()).remove(key, mine);
        }
        throw e;
      }
    } else {
      outcome = await(theirs, "a join's build side was computed");
    }
    if (outcome.isEmpty()) {
      throw new NotBroadcast();
    }
    return new ResultNode(outcome.get().toString(), build.schema());
  }

  /**
   * Computes the build and streams it into an Arrow IPC result in the store's blocks as its batches
   * arrive (no copy through Java values, no sorting: the build is for this query, and a hash join
   * takes its rows in any order); empty (and remembered) once it grows past the limit.
   */
  private Optional<Cid> store(FragmentKey key, PlanNode build, ExecContext ctx) {
    long bytes = 0;
    long started = System.nanoTime();
    try (Operator op = Executor.build(build, ctx);
        PartitionWriter out = new PartitionWriter(store, build.schema(), 1, ctx.allocator())) {
      for (VectorSchemaRoot next = op.next(); next != null; next = op.next()) {
        try (VectorSchemaRoot batch = next) {
          bytes += Batches.bufferBytes(batch);
          if (bytes > limitBytes) {
            synchronized (tooLarge) {
              tooLarge.add(key);
            }
            log.accept(
                "build " + key + " is larger than " + limitBytes + " bytes: its joins run here");
            return Optional.empty();
          }
          out.write(batch, new int[batch.getRowCount()]);
        }
      }
      Cid cid = out.store().get(0);
      log.accept(
          String.format(
              "build %s stored as result %s for broadcast: %d rows, %d bytes, %.1f ms",
              key, cid, out.rows(), bytes, (System.nanoTime() - started) / 1e6));
      return Optional.of(cid);
    }
  }

  /**
   * The value of a future another thread of the query completes; its failure is rethrown as it
   * was, an interrupt cancels the query ({@code waitingFor} says what was being waited for).
   */
  static <T> T await(CompletableFuture<T> future, String waitingFor) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(ErrorCode.QUERY_CANCELLED, "query cancelled while " + waitingFor);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The fragment cannot run as a leaf: it keeps running here. */
  private static final class NotBroadcast extends RuntimeException {
    NotBroadcast() {
      super(null, null, false, false);
    }
  }
}
