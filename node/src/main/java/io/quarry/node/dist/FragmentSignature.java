package io.quarry.node.dist;

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
    CallHeaders headers = new FlightCallHeaders();
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
