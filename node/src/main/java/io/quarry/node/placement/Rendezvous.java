package io.quarry.node.placement;

import io.quarry.cid.Cid;
import io.quarry.node.identity.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest-random-weight) hashing: a shard goes to the {@code replicas} nodes with the
 * highest sha2-256(shard CID ‖ PeerId). Every node computes the same answer from the same member
 * list, and a node joining or leaving moves only the shards it wins or held.
 */
public final class Rendezvous {
  private Rendezvous() {}

  /** The nodes that should hold {@code shard}, best first. */
  public static List<PeerId> choose(Cid shard, List<PeerId> nodes, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be positive: " + replicas);
    }
    List<PeerId> ranked = new ArrayList<>(nodes);
    ranked.sort(
        Comparator.comparing((PeerId p) -> weight(shard, p), Comparator.reverseOrder())
            .thenComparing(Comparator.naturalOrder()));
    return List.copyOf(ranked.subList(0, Math.min(replicas, ranked.size())));
  }

  static Long weight(Cid shard, PeerId peer) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(shard.bytes());
      sha.update(peer.text().getBytes(StandardCharsets.US_ASCII));
      // Unsigned order: flip the sign bit so that Long's signed order matches.
      return ByteBuffer.wrap(sha.digest()).getLong() ^ Long.MIN_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
