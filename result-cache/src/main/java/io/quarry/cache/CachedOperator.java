package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.ops.BatchesOperator;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fragment or query read through the cache. On the first {@link #next()} it looks its key up (L1,
 * then L2): on a hit it replays the stored batches and never builds the computing operator; on a
 * miss it builds it, passes its batches on and keeps a copy of their rows, and when the input ends
 * without error stores them. A result that grows past the size limit, an input that fails and one
 * closed before its end store nothing. With {@code required} (results kept as objects), the result
 * is in the store when the input ends and failing to store fails the operator; otherwise the cache
 * is best effort: the result is in memory at once and written to the store in the background
 * ({@link BackgroundWrites}), so a query does not wait for the disk.
 */
public final class CachedOperator implements Operator {
  private final ResultCache cache;
  private final KeyedPlan keyed;
  private final FragmentKey key;
  private final PlanNode plan;
  private final Supplier<Operator> compute;
  private final ExecContext ctx;
  private final Schema schema;
  private final long maxResultBytes;
  private final boolean required;
  private final boolean ahead;
  private Operator source;
  private boolean hit;
  private String level;
  private List<List<Object>> rows = new ArrayList<>();
  private long bytes;
  private Cid resultCid;
  private CompletableFuture<StoredResult> storing;
  private boolean closed;

  /**
   * With {@code ahead}, the operator computes a fragment ahead of its query (see {@link
   * ResultCache#computeAhead}): it looks up, counts and computes as any reader does, and the
   * query's own read of it then counts nothing more.
   */
  CachedOperator(
      ResultCache cache,
      KeyedPlan keyed,
      Supplier<Operator> compute,
      ExecContext ctx,
      long maxResultBytes,
      boolean required,
      boolean ahead) {
    this.ahead = ahead;
    this.cache = requireNonNull(cache, "cache is null");
    this.keyed = requireNonNull(keyed, "keyed is null");
    this.key = keyed.key();
    this.plan = keyed.plan();
    this.compute = requireNonNull(compute, "compute is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.schema = keyed.arrowSchema();
    this.maxResultBytes = maxResultBytes;
    this.required = required;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  public FragmentKey key() {
    return key;
  }

  /** The stored form of a computed result, once its rows were read to the end; null before. */
  CompletableFuture<StoredResult> storing() {
    return storing;
  }

  /** The plan's columns. */
  public List<Column> columns() {
    return keyed.columns();
  }

  /**
   * Whether the rows were read back from a stored result rather than computed by this operator
   * (known after the first next()): a cache hit, or a fragment computed ahead for its query.
   */
  public boolean hit() {
    return hit;
  }

  /**
   * Where the rows came from, known after the first next(): the cache level of a hit ({@code L1},
   * {@code L2}, {@code L3}) or {@code computed}; empty before.
   */
  public Optional<String> level() {
    return Optional.ofNullable(level);
  }

  /**
   * The stored result's CID: known on a hit, and on a miss once the result was read and stored
   * (waiting for a result being encoded in the background).
   */
  public Optional<Cid> resultCid() {
    if (resultCid == null && storing != null) {
      try {
        resultCid = BackgroundWrites.hurry(storing).cid();
      } catch (RuntimeException e) {
        // Not stored: there is no result CID.
      }
      storing = null;
    }
    return Optional.ofNullable(resultCid);
  }

  @Override
  public boolean readByConsumer() {
    return source == null ? cache.inMemory(key) || cache.computingAhead(key) : hit;
  }

  @Override
  public boolean waitsForOtherThread() {
    return source == null && !cache.inMemory(key) && cache.computingAhead(key);
  }

  @Override
  public VectorSchemaRoot next() {
    if (closed) {
      return null;
    }
    if (source == null) {
      open();
    }
    VectorSchemaRoot batch = source.next();
    if (hit) {
      return batch;
    }
    if (batch == null) {
      if (rows != null) {
        storeRows();
      }
      return null;
    }
    if (rows != null) {
      bytes += Batches.bufferBytes(batch);
      if (bytes > maxResultBytes) {
        rows = null;
        cache.noteTooLarge(key);
      } else {
        rows.addAll(Batches.toRows(batch));
      }
    }
    return batch;
  }

  private void open() {
    AheadRuns.Claimed computed = ahead ? null : cache.claimAhead(key, ctx.allocator());
    if (computed != null) {
      // Computed (and counted) for this query a moment ago, on another thread: not a cache hit.
      level = "computed";
      hit = true;
      rows = null;
      storing = computed.stored();
      source = new BatchesOperator(schema, computed.batches());
      return;
    }
    Optional<StoredResult> stored =
        cache.lookup(key, keyed.inputBytes(), found -> level = found);
    if (stored.isPresent()) {
      replay(stored.get());
      return;
    }
    cache.countComputed(key.kind());
    level = "computed";
    source = compute.get();
  }

  private void replay(StoredResult stored) {
    hit = true;
    resultCid = stored.cid();
    rows = null;
    source = new ReplayOperator(stored.ipc(), schema, ctx.allocator());
  }

  private void storeRows() {
    List<List<Object>> result = rows;
    rows = null;
    boolean canonical = key.kind() != FragmentKey.Kind.QUERY || !producesOrder(plan);
    try {
      if (required) {
        resultCid = cache.store(key, storedColumns(), result, canonical, ctx.allocator()).cid();
      } else {
        storing = cache.storeInBackground(key, storedColumns(), result, canonical);
      }
    } catch (RuntimeException e) {
      cache.countStoreFailure();
      if (required) {
        throw e;
      }
      // The rows were delivered; a result that cannot be stored is only computed again next time.
    }
  }

  /**
   * Fragments are stored under positional names (their key leaves names out, so the stored form
   * must too); whole queries under the names they give their columns.
   */
  private List<Column> storedColumns() {
    List<Column> columns = keyed.columns();
    if (key.kind() == FragmentKey.Kind.QUERY) {
      return columns;
    }
    List<Column> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      out.add(new Column("_" + i, columns.get(i).type()));
    }
    return out;
  }

  /** Whether the plan's rows come in an order the client may rely on (ORDER BY at its top). */
  static boolean producesOrder(PlanNode plan) {
    PlanNode n = plan;
    while (n instanceof ProjectNode || n instanceof LimitNode || n instanceof FilterNode) {
      n = n.inputs().get(0);
    }
    return n instanceof SortNode;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    rows = null;
    if (source != null) {
      source.close();
    }
  }
}
