package io.quarry.connectors.dataset;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import java.util.List;

/**
 * One shard of a dataset: its entry name in the dataset directory, the CID of its Parquet file, its
 * row count, its file size in bytes and per-column statistics (parallel to the dataset's columns).
 */
public record ShardInfo(String name, Cid cid, long rows, long bytes, List<ColumnStats> stats) {
  public ShardInfo {
    requireNonNull(name, "name is null");
    requireNonNull(cid, "cid is null");
    stats = List.copyOf(requireNonNull(stats, "stats is null"));
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException("negative rows or bytes in shard " + name);
    }
  }
}
