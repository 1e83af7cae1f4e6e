package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

/** A live node holding a CID, as {@code quarry providers} prints it. */
public record Provider(String peerId, String address) {
  public Provider {
    requireNonNull(peerId, "peerId is null");
    requireNonNull(address, "address is null");
  }
}
