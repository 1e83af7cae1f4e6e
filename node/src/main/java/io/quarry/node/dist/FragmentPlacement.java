package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;
import java.util.List;

/**
 * Where a fragment would run now: its CID and the chosen node ({@code local} when this node holds
 * its shards or no live holder is known, in which case the shards are fetched here). A join that
 * is repartitioned runs its partitions' joins on {@code partitions} ({@code PEERID@HOST:PORT},
 * partition i on the i-th), the rest of the fragment here; otherwise {@code partitions} is empty.
 * For EXPLAIN.
 */
public record FragmentPlacement(
    Cid fragment, PeerId node, NodeAddress address, boolean local, List<String> partitions) {
  public FragmentPlacement {
    requireNonNull(fragment, "fragment is null");
    requireNonNull(node, "node is null");
    requireNonNull(address, "address is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
  }

  public FragmentPlacement(Cid fragment, PeerId node, NodeAddress address, boolean local) {
    this(fragment, node, address, local, List.of());
  }

  /** {@code fragment=CID node=PEERID address=HOST:PORT}, stable key=value terms for EXPLAIN. */
  public String explain() {
    return "fragment="
        + fragment
        + " node="
        + node
        + " address="
        + address
        + (local ? " local=true" : "")
        + (partitions.isEmpty()
            ? ""
            : " repartitioned="
                + partitions.size()
                + " partitions="
                + String.join(",", partitions));
  }
}
