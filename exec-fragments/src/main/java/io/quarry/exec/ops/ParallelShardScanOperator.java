package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.scan.RowGroupRange;
import io.quarry.exec.scan.ShardReader;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One shard's scan with the filters and projections over it, and the partial aggregate over them if
 * there is one, run as several row ranges at once when pool threads are free. At the first next()
 * it opens the shard, cuts the row groups the scan reads where a page of every column read begins
 * ({@link ShardReader#units}), groups the pieces into contiguous runs of about equal rows (at most
 * one per free thread plus the calling one) and builds the chain once per run; an {@link
 * ExchangeOperator} hands their batches on, in no particular order. A partial aggregate runs in
 * every run too, so aggregating is split like reading, and an INTERMEDIATE aggregate merges the
 * runs' partial states into one row per group: the same rows, in another order, as the partial
 * aggregate over the whole shard (only aggregates whose merge is exact are split). The calling
 * thread reads the smallest run itself, since it also runs whatever consumes the batches. With a
 * single run (one page, no offset index, no free thread) the chain runs just as the executor builds
 * it.
 */
public final class ParallelShardScanOperator implements Operator {
  /**
   * A run of fewer rows is not worth a thread: it opens a reader and decodes dictionaries again.
   */
  static final long MIN_RUN_ROWS = 4096;

  private final PlanNode chain;
  private final AggregateNode partial; // null: no aggregate in the runs
  private final ScanNode scan;
  private final ExecContext ctx;
  private final ScanOperator firstScan;
  private final Operator first;
  private final List<ScanOperator> scans = new ArrayList<>();
  private Operator source;
  private boolean closed;

  /**
   * {@code node}: a scan under filters and projections, or a partial aggregate over one ({@link
   * #splittable}).
   */
  public ParallelShardScanOperator(PlanNode node, ExecContext ctx) {
    requireNonNull(node, "node is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.partial = splitAggregate(node) ? (AggregateNode) node : null;
    this.chain = partial == null ? node : partial.input();
    this.scan = scanUnder(chain);
    if (scan == null) {
      throw new IllegalArgumentException("not a scan under filters and projections: " + node);
    }
    this.firstScan = new ScanOperator(scan, ctx);
    this.first = run(firstScan);
    scans.add(firstScan);
  }

  /**
   * Whether {@code node} is a scan under filters and projections worth building with this operator
   * in {@code ctx}: the pool runs more than one task at once, the scan reads columns, and no column
   * handed on is floating-point (a SUM over it above would add in another order each run and could
   * differ in the last bits, while a fragment gives the same result every time). Reads nothing.
   */
  public static boolean splittable(PlanNode node, ExecContext ctx) {
    PlanNode chain = splitAggregate(node) ? node.inputs().get(0) : node;
    ScanNode scan = scanUnder(chain);
    return scan != null
        && !scan.schema().isEmpty()
        && ExchangeOperator.parallelism(ctx.pool()) > 1
        && chain.schema().stream().noneMatch(c -> c.type().kind() == TypeKind.DOUBLE);
  }

  /**
   * Whether {@code node} is a partial aggregate over a scan chain whose calls merge exactly from
   * parts (counts, sums and averages of exact numbers, minimums and maximums): the runs' merged
   * partial states are then the ones the whole shard gives. ANY_VALUE and SINGLE_VALUE are not.
   */
  private static boolean splitAggregate(PlanNode node) {
    if (!(node instanceof AggregateNode a)
        || a.phase() != AggPhase.PARTIAL
        || scanUnder(a.input()) == null) {
      return false;
    }
    for (AggCall call : a.calls()) {
      if (call.function() == AggFunction.ANY_VALUE
          || call.function() == AggFunction.SINGLE_VALUE) {
        return false;
      }
    }
    return true;
  }

  /** One run: the chain over {@code scan}, under the partial aggregate if there is one. */
  private Operator run(ScanOperator scan) {
    Operator chained = build(chain, scan, ctx);
    return partial == null ? chained : new HashAggregateOperator(partial, chained, ctx);
  }

  private static ScanNode scanUnder(PlanNode node) {
    PlanNode n = node;
    while (n instanceof FilterNode || n instanceof ProjectNode) {
      n = n.inputs().get(0);
    }
    return n instanceof ScanNode s ? s : null;
  }

  private static Operator build(PlanNode node, ScanOperator scan, ExecContext ctx) {
    if (node instanceof FilterNode f) {
      return new FilterOperator(f, build(f.input(), scan, ctx), ctx);
    }
    if (node instanceof ProjectNode p) {
      return new ProjectOperator(p, build(p.input(), scan, ctx), ctx);
    }
    return scan;
  }

  @Override
  public Schema schema() {
    return first.schema();
  }

  /** Row groups decoded so far, over all runs. */
  public int rowGroupsRead() {
    return scans.stream().mapToInt(ScanOperator::rowGroupsRead).sum();
  }

  /** Row groups skipped because their statistics prove the filter false. */
  public int rowGroupsSkipped() {
    return scans.stream().mapToInt(ScanOperator::rowGroupsSkipped).sum();
  }

  /** How many runs the shard is read in: 0 before the first next(). */
  int runs() {
    return source == null ? 0 : scans.size();
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    if (source == null) {
      source = start();
    }
    return source.next();
  }

  private Operator start() {
    int runs = Math.min(ExchangeOperator.parallelism(ctx.pool()), 1 + idleThreads(ctx.pool()));
    if (runs < 2) {
      return first;
    }
    ShardReader reader = ShardReader.open(ctx.shards().pathOf(scan.shard()), scan, ctx.allocator());
    firstScan.readWith(reader); // closed with the first chain from here on
    List<List<RowGroupRange>> parts = RowGroupRange.balanced(reader.units(), runs, MIN_RUN_ROWS);
    if (parts.size() < 2) {
      return first;
    }
    int mine = smallest(parts);
    reader.readOnly(parts.get(mine));
    List<Operator> inputs = new ArrayList<>(parts.size());
    try {
      for (int i = 0; i < parts.size(); i++) {
        if (i == mine) {
          continue;
        }
        ScanOperator s = new ScanOperator(scan, ctx);
        inputs.add(run(s));
        s.readWith(reader.openRanges(parts.get(i)));
        scans.add(s);
      }
    } catch (RuntimeException e) {
      inputs.forEach(Operator::close);
      throw e;
    }
    // Last: ExchangeOperator reads inputs that say their rows are in memory on the consuming
    // thread, between the batches its workers hand over, and starts workers only for the others.
    inputs.add(new OnConsumingThread(first));
    if (partial == null) {
      return new ExchangeOperator(new ExchangeNode(List.of(chain)), inputs, ctx);
    }
    Operator partials = new ExchangeOperator(new ExchangeNode(List.of(partial)), inputs, ctx);
    List<Integer> keys = new ArrayList<>();
    for (int k = 0; k < partial.groupKeys().size(); k++) {
      keys.add(k);
    }
    AggregateNode merge = new AggregateNode(partial, keys, partial.calls(), AggPhase.INTERMEDIATE);
    return new HashAggregateOperator(merge, partials, ctx);
  }

  private static int smallest(List<List<RowGroupRange>> parts) {
    int best = 0;
    for (int i = 1; i < parts.size(); i++) {
      if (RowGroupRange.rows(parts.get(i)) < RowGroupRange.rows(parts.get(best))) {
        best = i;
      }
    }
    return best;
  }

  /** Pool threads neither running a task nor about to take one that waits. */
  private static int idleThreads(ExecutorService pool) {
    int parallelism = ExchangeOperator.parallelism(pool);
    if (pool instanceof ThreadPoolExecutor t) {
      return parallelism - t.getActiveCount() - t.getQueue().size();
    }
    if (pool instanceof ForkJoinPool f) {
      return parallelism
          - f.getActiveThreadCount()
          - (int) Math.min(parallelism, f.getQueuedSubmissionCount());
    }
    return parallelism - 1;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    (source == null ? first : source).close();
  }

  /** The run the consuming thread reads itself (see {@link #start}). */
  private record OnConsumingThread(Operator input) implements Operator {
    @Override
    public Schema schema() {
      return input.schema();
    }

    @Override
    public VectorSchemaRoot next() {
      return input.next();
    }

    @Override
    public boolean readByConsumer() {
      return true;
    }

    @Override
    public void close() {
      input.close();
    }
  }
}
