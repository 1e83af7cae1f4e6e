package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.node.identity.PeerId;

/**
 * What a node says about itself in every heartbeat: who it is, where it listens, and digests of
 * what it holds and of its dataset histories (a changed digest tells peers to fetch the details).
 */
public record NodeInfo(
    PeerId peerId, NodeAddress address, String holdingsDigest, String datasetsDigest) {
  public NodeInfo {
    requireNonNull(peerId, "peerId is null");
    requireNonNull(address, "address is null");
    requireNonNull(holdingsDigest, "holdingsDigest is null");
    requireNonNull(datasetsDigest, "datasetsDigest is null");
  }
}
