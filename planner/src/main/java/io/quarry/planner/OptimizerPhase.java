package io.quarry.planner;

import static java.util.Objects.requireNonNull;

/** The logical plan after one optimizer phase, as Calcite prints it (for EXPLAIN VERBOSE). */
public record OptimizerPhase(String name, String plan) {
  public OptimizerPhase {
    requireNonNull(name, "name is null");
    requireNonNull(plan, "plan is null");
  }
}
