package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One shard of a table as the planner sees it: its CID, size and per-column statistics. */
public record ShardDefinition(String cid, long rows, long bytes, List<ColumnStatistics> stats) {
  public ShardDefinition {
    requireNonNull(cid, "cid is null");
    stats = List.copyOf(requireNonNull(stats, "stats is null"));
  }

  /** Statistics of column {@code index}, or {@link ColumnStatistics#UNKNOWN}. */
  public ColumnStatistics stats(int index) {
    return index < stats.size() ? stats.get(index) : ColumnStatistics.UNKNOWN;
  }
}
