package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.node.identity.PeerId;

/**
 * One node as a member table sees it: alive when heard from directly within the failure timeout.
 * {@code silenceMillis} is the time since it was last heard (0 for the node itself).
 */
public record Member(PeerId peerId, NodeAddress address, boolean alive, long silenceMillis) {
  public Member {
    requireNonNull(peerId, "peerId is null");
    requireNonNull(address, "address is null");
  }
}
