package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

/** One shard (a Parquet file stored as a UnixFS file) by its CID, with its size for scheduling. */
public record ShardRef(String cid, long rows, long bytes) {
  public ShardRef {
    requireNonNull(cid, "cid is null");
  }
}
