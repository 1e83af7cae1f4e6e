package io.quarry.node.dist;

import io.quarry.node.flight.QueryOptionHeaders;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import java.util.Base64;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.HeaderCallOption;

/**
 * Who asks a node to run a fragment: the coordinator's PeerId and its Ed25519 signature of the
 * fragment's bytes, in two call headers. A PeerId embeds its public key, so the worker checks the
 * signature without any key exchange, then checks that the PeerId is a member of its cluster.
 */
final class FragmentSignature {
  static final String PEER_HEADER = "quarry-peer";
  static final String SIGNATURE_HEADER = "quarry-signature";

  private FragmentSignature() {}

  static HeaderCallOption sign(NodeIdentity identity, byte[] plan) {
    return sign(identity, plan, -1);
  }

  /**
   * The signed call, also telling the node the memory limit of the query the fragment is part of
   * (when {@code memoryLimit} is positive), which the fragment then runs under.
   */
  static HeaderCallOption sign(NodeIdentity identity, byte[] plan, long memoryLimit) {
    CallHeaders headers = new FlightCallHeaders();
    if (memoryLimit > 0 && memoryLimit < Long.MAX_VALUE) {
      headers.insert(QueryOptionHeaders.MEMORY_LIMIT, Long.toString(memoryLimit));
    }
    headers.insert(PEER_HEADER, identity.peerId().text());
    headers.insert(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(identity.sign(plan)));
    return new HeaderCallOption(headers);
  }

  /** Whether {@code signature} (base64) is {@code peer}'s signature of {@code plan}. */
  static boolean verify(PeerId peer, byte[] plan, String signature) {
    try {
      return NodeIdentity.verify(peer, plan, Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
