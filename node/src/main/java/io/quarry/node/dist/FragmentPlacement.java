package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;

/**
 * Where a fragment would run now: its CID and the chosen node ({@code local} when this node holds
 * its shards or no live holder is known, in which case the shards are fetched here). For EXPLAIN.
 */
public record FragmentPlacement(Cid fragment, PeerId node, NodeAddress address, boolean local) {
  public FragmentPlacement {
    requireNonNull(fragment, "fragment is null");
    requireNonNull(node, "node is null");
    requireNonNull(address, "address is null");
  }

  /** {@code fragment=CID node=PEERID address=HOST:PORT}, stable key=value terms for EXPLAIN. */
  public String explain() {
    return "fragment="
        + fragment
        + " node="
        + node
        + " address="
        + address
        + (local ? " local=true" : "");
  }
}
