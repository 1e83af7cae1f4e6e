package io.quarry.exec.plan;

/**
 * Where an aggregation runs. SINGLE: raw rows in, final values out. PARTIAL: raw rows in, partial
 * states out (group keys, then each call's state columns, see {@link AggregateNode#partialColumns}).
 * FINAL: partial states in (same layout), final values out.
 */
public enum AggPhase {
  SINGLE,
  PARTIAL,
  FINAL
}
