package io.quarry.cli;

import io.quarry.cache.CachedOperator;
import io.quarry.cache.ResultCache;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.ShardResolver;
import io.quarry.exec.plan.PlanNode;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.Statement;
import io.quarry.sql.StatementClassifier;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import io.quarry.types.Column;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs one query with its result kept as an object: fragments through the result cache, and the
 * whole result stored (whatever its size) so it has a result CID that can be read back and
 * exported. Used by {@code quarry query run} and by schedules.
 */
final class CachedQuery {
  private CachedQuery() {}

  /** What a run produced: the result's columns, row count and CID, and whether it was cached. */
  record Outcome(List<Column> columns, long rows, Cid resultCid, boolean hit) {}

  /** Fails with INVALID_ARGUMENT unless {@code sql} is a query (not EXPLAIN, SHOW, DESCRIBE). */
  static void requireQuery(String sql) {
    Statement statement = StatementClassifier.classify(sql);
    if (!(statement instanceof Statement.Query)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "only queries (SELECT, VALUES, WITH) can be saved or scheduled, not: " + sql.strip());
    }
    io.quarry.sql.SqlFrontend.parse(sql);
  }

  /**
   * Plans and runs {@code sql} over the datasets in {@code store}; {@code columns} is told the
   * result's columns, then each batch goes to {@code batches} (which must not keep it).
   */
  static Outcome run(
      Store store,
      ResultCache cache,
      String sql,
      Consumer<List<Column>> columns,
      Consumer<VectorSchemaRoot> batches) {
    return run(
        store,
        cache,
        shard -> store.wholeFile(Cid.parse(shard.cid())),
        FragmentRunner.LOCAL,
        sql,
        columns,
        batches);
  }

  /**
   * Like {@link #run(Store, ResultCache, String, Consumer, Consumer)}, reading shards through
   * {@code shards} and obtaining the fragments the cache misses through {@code fragments} (a
   * node's: fetch shards it lacks, run fragments on their holders).
   */
  static Outcome run(
      Store store,
      ResultCache cache,
      ShardResolver shards,
      FragmentRunner fragments,
      String sql,
      Consumer<List<Column>> columns,
      Consumer<VectorSchemaRoot> batches) {
    requireQuery(sql);
    PlanNode plan = new QueryPlanner(new StoreCatalog(store)).plan(sql).root();
    columns.accept(plan.schema());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "quarry-query");
              t.setDaemon(true);
              return t;
            });
    long rows = 0;
    try (RootAllocator allocator = new RootAllocator()) {
      ExecContext ctx =
          new ExecContext(
              allocator,
              shards,
              pool,
              ExecContext.DEFAULT_BATCH_SIZE,
              cache.fragmentRunner(fragments));
      try (CachedOperator op = cache.materialize(plan, () -> Executor.build(plan, ctx), ctx)) {
        while (true) {
          try (VectorSchemaRoot batch = op.next()) {
            if (batch == null) {
              break;
            }
            rows += batch.getRowCount();
            batches.accept(batch);
          }
        }
        Cid result =
            op.resultCid()
                .orElseThrow(() -> QuarryException.internal("the result of the query was not stored", null));
        return new Outcome(plan.schema(), rows, result, op.hit());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
