package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An import run by a node on files it can read, then spread over the cluster: each shard placed on
 * {@code replicas} live nodes.
 */
public record ImportRequest(
    List<String> paths, String name, boolean append, long shardRows, int replicas) {
  public ImportRequest {
    paths = List.copyOf(requireNonNull(paths, "paths is null"));
    requireNonNull(name, "name is null");
    if (shardRows < 1) {
      throw new IllegalArgumentException("shardRows must be positive: " + shardRows);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be positive: " + replicas);
    }
  }
}
