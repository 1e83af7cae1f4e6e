package io.quarry.exec;

import io.quarry.exec.plan.PlanNode;
import java.util.function.Supplier;

/**
 * Decides how one fragment (an input of an exchange) is obtained: computed here by the operator
 * {@code compute} builds, or read from somewhere else that already has its rows (a result cache,
 * another node). The returned operator produces the rows of {@code fragment} with its schema.
 */
@FunctionalInterface
public interface FragmentRunner {
  /** Always computes the fragment here. */
  FragmentRunner LOCAL = (fragment, compute, ctx) -> compute.get();

  /**
   * The operator to read {@code fragment}'s rows from. {@code compute} builds the operator that
   * computes them (lazily: call it only if the rows are needed from it); batches are allocated
   * from {@code ctx}'s allocator either way.
   */
  Operator run(PlanNode fragment, Supplier<Operator> compute, ExecContext ctx);
}
