package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.node.identity.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Provider records learned from peers: which CIDs each peer announced, under which digest. */
public final class ProviderTable {
  private final Map<PeerId, Holdings.Snapshot> byPeer = new HashMap<>();

  public synchronized void update(PeerId peer, Holdings.Snapshot holdings) {
    byPeer.put(requireNonNull(peer, "peer is null"), requireNonNull(holdings, "holdings is null"));
  }

  /**
   * Records that {@code peer} holds {@code cid} because this node just gave it to it, ahead of the
   * peer's next announcement (which replaces the record, its digest having changed).
   */
  public synchronized void learned(PeerId peer, Cid cid) {
    Holdings.Snapshot s = byPeer.get(requireNonNull(peer, "peer is null"));
    Set<Cid> cids = new HashSet<>(s == null ? Set.of() : s.cids());
    cids.add(requireNonNull(cid, "cid is null"));
    byPeer.put(peer, new Holdings.Snapshot(cids, s == null ? "" : s.digest()));
  }

  /** The digest last learned from {@code peer}, or "" if none. */
  public synchronized String digest(PeerId peer) {
    Holdings.Snapshot s = byPeer.get(peer);
    return s == null ? "" : s.digest();
  }

  /** The peers among {@code candidates} that announced {@code cid}, in the candidates' order. */
  public synchronized List<PeerId> providers(Cid cid, List<PeerId> candidates) {
    List<PeerId> out = new ArrayList<>();
    for (PeerId peer : candidates) {
      Holdings.Snapshot s = byPeer.get(peer);
      if (s != null && s.cids().contains(cid)) {
        out.add(peer);
      }
    }
    return out;
  }

  public synchronized Set<Cid> announced(PeerId peer) {
    Holdings.Snapshot s = byPeer.get(peer);
    return s == null ? Set.of() : s.cids();
  }
}
