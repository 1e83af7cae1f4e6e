package io.quarry.planner;

import static java.util.Objects.requireNonNull;

/** One table read by a plan: how many of its shards the plan scans after pruning by min/max. */
public record ScanSummary(String table, String root, int scannedShards, int totalShards) {
  public ScanSummary {
    requireNonNull(table, "table is null");
    requireNonNull(root, "root is null");
  }

  public int prunedShards() {
    return totalShards - scannedShards;
  }
}
