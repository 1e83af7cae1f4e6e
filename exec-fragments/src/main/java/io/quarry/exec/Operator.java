package io.quarry.exec;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The running form of one {@link io.quarry.exec.plan.PlanNode}: per-run mutable state, built by
 * {@link Executor}. Pull-based: {@link #next()} hands out the next batch.
 */
public interface Operator extends AutoCloseable {
  /** The Arrow schema of every batch, matching the plan node's schema (see ArrowTypes). */
  Schema schema();

  /**
   * The next batch, or null when there are no more. The caller owns the returned root and must close
   * it. A batch may have zero rows.
   */
  VectorSchemaRoot next();

  /**
   * Whether the thread that consumes this operator should read it itself rather than hand it to
   * another thread, known before the first {@link #next()}: its rows are already in memory (a
   * cached result) or being computed by another thread, or it is the consumer's own share of a
   * split scan. False unless an operator knows better.
   */
  default boolean readByConsumer() {
    return false;
  }

  /**
   * Whether reading this operator may wait for work another thread is doing (a fragment computed
   * ahead of its query), known before the first {@link #next()}: a consumer that reads it itself
   * should first do what it can do at once. False unless an operator knows better.
   */
  default boolean waitsForOtherThread() {
    return false;
  }

  /** Releases everything this operator and its inputs hold; safe to call twice. */
  @Override
  void close();

  /** Drains an operator, closing every batch; returns the row count. For tests and sinks. */
  static long drain(Operator op) {
    long rows = 0;
    for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
      rows += b.getRowCount();
      b.close();
    }
    return rows;
  }
}
