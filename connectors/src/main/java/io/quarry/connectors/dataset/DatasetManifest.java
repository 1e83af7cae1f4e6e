package io.quarry.connectors.dataset;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/** The schema and shards of one dataset version, shards in name order. */
public record DatasetManifest(List<Column> columns, List<ShardInfo> shards) {
  public DatasetManifest {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    shards = List.copyOf(requireNonNull(shards, "shards is null"));
    for (ShardInfo shard : shards) {
      if (shard.stats().size() != columns.size()) {
        throw new IllegalArgumentException(
            "shard " + shard.name() + " has statistics for " + shard.stats().size()
                + " columns, the dataset has " + columns.size());
      }
    }
  }

  /** Total rows over all shards. */
  public long rows() {
    long rows = 0;
    for (ShardInfo shard : shards) {
      rows += shard.rows();
    }
    return rows;
  }

  /** Total Parquet bytes over all shards. */
  public long bytes() {
    long bytes = 0;
    for (ShardInfo shard : shards) {
      bytes += shard.bytes();
    }
    return bytes;
  }
}
