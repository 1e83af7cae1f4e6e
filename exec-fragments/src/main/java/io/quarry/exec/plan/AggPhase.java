package io.quarry.exec.plan;

/**
 * Where an aggregation runs. SINGLE: raw rows in, final values out. PARTIAL: raw rows in, partial
 * states out (group keys, then each call's state columns, see {@link AggregateNode#partialColumns}).
 * FINAL: partial states in (same layout), final values out. INTERMEDIATE: partial states in,
 * partial states out (the same layout), merged per group; only the executor makes it, to merge the
 * partials of one fragment computed in parts, never a planner.
 */
public enum AggPhase {
  SINGLE,
  PARTIAL,
  FINAL,
  INTERMEDIATE
}
