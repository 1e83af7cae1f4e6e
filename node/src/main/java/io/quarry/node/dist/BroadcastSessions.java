package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.ops.HashJoinOperator;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Lets the join fragments a node runs over the same broadcast build sides hash each build once.
 * A coordinator sends one fragment per probe shard, each joining its shard with the same stored
 * result, and a node receives several of them, one after another or at once. Hash joins of one
 * allocator over equal build inputs and keys share a single build; so fragments that read the same
 * results run in one session with one allocator, and the session holds, through an idle join per
 * build, the build open for {@code keep} after its last fragment ended, for the next fragment.
 *
 * <p>A fragment that fails ends its session's reuse (a failed build is not handed to later
 * fragments); the session's allocator, limited to {@code memoryLimit} for all its fragments
 * together, is closed once its last fragment ended and it has been idle for {@code keep}.
 */
final class BroadcastSessions implements AutoCloseable {
  private final BufferAllocator parent;
  private final long memoryLimit;
  private final Duration keep;
  private final Consumer<String> log;
  private final AtomicLong ids = new AtomicLong();
  private final Map<List<String>, Session> open = new HashMap<>(); // guarded by this
  private final List<Session> retired = new ArrayList<>(); // guarded by this
  private final ScheduledExecutorService reaper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "quarry-broadcast-reaper");
            t.setDaemon(true);
            return t;
          });

  BroadcastSessions(
      BufferAllocator parent, long memoryLimit, Duration keep, Consumer<String> log) {
    this.parent = requireNonNull(parent, "parent is null");
    this.memoryLimit = memoryLimit;
    this.keep = requireNonNull(keep, "keep is null");
    this.log = requireNonNull(log, "log is null");
    long period = Math.max(1, keep.toMillis() / 2);
    reaper.scheduleWithFixedDelay(this::reapNow, period, period, TimeUnit.MILLISECONDS);
  }

  private synchronized void reapNow() {
    reap();
  }

  /** One allocator shared by fragments over the same results, and the joins kept open in it. */
  final class Session {
    private final List<String> key;
    private final BufferAllocator allocator;
    private final List<Keeper> keepers = new ArrayList<>();
    private int users; // guarded by BroadcastSessions.this
    private long idleSince; // guarded by BroadcastSessions.this
    private boolean reusable = true; // guarded by BroadcastSessions.this

    private Session(List<String> key, BufferAllocator allocator) {
      this.key = key;
      this.allocator = allocator;
    }

    BufferAllocator allocator() {
      return allocator;
    }
  }

  /** The results a fragment reads, sorted: the key of its session. */
  static List<String> results(PlanNode fragment) {
    TreeSet<String> out = new TreeSet<>();
    collect(fragment, out);
    return List.copyOf(out);
  }

  private static void collect(PlanNode node, TreeSet<String> out) {
    if (node instanceof ResultNode r) {
      out.add(r.result());
    }
    for (PlanNode in : node.inputs()) {
      collect(in, out);
    }
  }

  /**
   * The session for {@code fragment} (which reads at least one result), joined by the caller
   * until {@link #release}. {@code context} makes the execution context of an allocator, used for
   * the idle joins that hold the fragment's builds.
   */
  synchronized Session acquire(PlanNode fragment, Function<BufferAllocator, ExecContext> context) {
    reap();
    List<String> key = results(fragment);
    Session s = open.get(key);
    if (s == null) {
      s =
          new Session(
              key, parent.newChildAllocator("broadcast-" + ids.incrementAndGet(), 0, memoryLimit));
      open.put(key, s);
    }
    s.users++;
    holdBuilds(s, fragment, context.apply(s.allocator));
    return s;
  }

  /** The caller's fragment ended ({@code failed}: with an error, so its builds are not reused). */
  synchronized void release(Session s, boolean failed) {
    s.users--;
    s.idleSince = System.nanoTime();
    if (failed && s.reusable) {
      s.reusable = false;
      open.remove(s.key, s);
      retired.add(s);
    }
    reap();
  }

  /** Opens an idle join over every broadcast build of {@code node} the session does not hold. */
  private void holdBuilds(Session s, PlanNode node, ExecContext ctx) {
    if (!s.reusable) {
      return;
    }
    if (node instanceof JoinNode j && j.right() instanceof ResultNode) {
      List<Object> build = Keeper.build(j);
      if (s.keepers.stream().noneMatch(k -> k.build.equals(build))) {
        s.keepers.add(new Keeper(j, ctx));
      }
    }
    for (PlanNode in : node.inputs()) {
      holdBuilds(s, in, ctx);
    }
  }

  /** Closes sessions idle for longer than {@code keep}, and retired ones no fragment uses. */
  private void reap() {
    long now = System.nanoTime();
    for (Iterator<Session> it = open.values().iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (s.users == 0 && now - s.idleSince > keep.toNanos()) {
        it.remove();
        close(s);
      }
    }
    for (Iterator<Session> it = retired.iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (s.users == 0) {
        it.remove();
        close(s);
      }
    }
  }

  private void close(Session s) {
    try {
      s.keepers.forEach(Operator::close);
      s.allocator.close();
    } catch (RuntimeException e) {
      log.accept("closing the broadcast session of " + s.key + " failed: " + e.getMessage());
    }
  }

  /** Sessions open now (for tests). */
  synchronized int size() {
    return open.size() + retired.size();
  }

  @Override
  public synchronized void close() {
    reaper.shutdownNow();
    open.values().forEach(this::close);
    retired.forEach(this::close);
    open.clear();
    retired.clear();
  }

  /**
   * A hash join that is never run: from construction to close it holds its share of the build of
   * its right input, which the session's running joins compute once and use.
   */
  private static final class Keeper implements Operator {
    private final List<Object> build;
    private final HashJoinOperator operator;

    Keeper(JoinNode join, ExecContext ctx) {
      this.build = build(join);
      this.operator =
          new HashJoinOperator(join, new Empty(join.left()), new Empty(join.right()), ctx);
    }

    /** What a join's build is hashed from: its right input, right keys and the key types. */
    static List<Object> build(JoinNode join) {
      List<Object> keyTypes = new ArrayList<>();
      for (int k : join.leftKeys()) {
        keyTypes.add(join.left().schema().get(k).type());
      }
      return List.of(join.right(), join.rightKeys(), keyTypes);
    }

    @Override
    public Schema schema() {
      return operator.schema();
    }

    @Override
    public VectorSchemaRoot next() {
      return null;
    }

    @Override
    public void close() {
      operator.close();
    }
  }

  /** No rows, for the inputs of a join that never runs. */
  private static final class Empty implements Operator {
    private final Schema schema;

    Empty(PlanNode node) {
      this.schema = ArrowTypes.toSchema(node.schema());
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public VectorSchemaRoot next() {
      return null;
    }

    @Override
    public void close() {}
  }
}
