package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What a cluster import did: the new version and, per shard, the nodes that hold it. */
public record ImportOutcome(
    String name, int version, String root, long rows, List<PlacedShard> shards) {
  public ImportOutcome {
    requireNonNull(name, "name is null");
    requireNonNull(root, "root is null");
    shards = List.copyOf(requireNonNull(shards, "shards is null"));
  }

  /** One shard and the PeerIds it was placed on. */
  public record PlacedShard(String name, String cid, long rows, List<String> holders) {
    public PlacedShard {
      requireNonNull(name, "name is null");
      requireNonNull(cid, "cid is null");
      holders = List.copyOf(requireNonNull(holders, "holders is null"));
    }
  }
}
