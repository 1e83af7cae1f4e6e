package io.quarry.node.security;

import static java.util.Objects.requireNonNull;

import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.cluster.NodeAdmission;
import io.quarry.node.cluster.NodeInfo;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * Membership of a secured cluster. A member's credential is the cluster membership key's signature
 * of its PeerId (issued with its certificate); with every ping it also sends its own signature of
 * its PeerId and address, so a credential copied from the wire cannot move a member to another
 * address. Every node holds the membership public key and checks both.
 */
final class MemberCredentials implements NodeAdmission {
  private final NodeIdentity identity;
  private final PublicKey membershipKey;
  private final String ownCredential;
  private volatile NodeAddress provenAddress;
  private volatile String proof;

  MemberCredentials(NodeIdentity identity, PublicKey membershipKey, String ownCredential) {
    this.identity = requireNonNull(identity, "identity is null");
    this.membershipKey = requireNonNull(membershipKey, "membershipKey is null");
    this.ownCredential = requireNonNull(ownCredential, "ownCredential is null");
  }

  /** The bytes the membership key signs for a member. */
  static byte[] credentialMessage(PeerId peerId) {
    return ("quarry-member\n" + peerId.text()).getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes a member signs to say where it is. */
  static byte[] proofMessage(PeerId peerId, NodeAddress address) {
    return ("quarry-node\n" + peerId.text() + "\n" + address).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public NodeCredentials credentialsFor(NodeInfo self) {
    if (!self.address().equals(provenAddress)) {
      proof =
          Base64.getEncoder()
              .encodeToString(identity.sign(proofMessage(self.peerId(), self.address())));
      provenAddress = self.address();
    }
    return new NodeCredentials(ownCredential, proof);
  }

  @Override
  public Optional<String> refusal(NodeInfo info, NodeCredentials credentials) {
    if (credentials == null || credentials.credential() == null) {
      return Optional.of(
          "it carries no membership credential of this cluster (a node outside the cluster, or"
              + " one started without its security material)");
    }
    if (!verifiesCredential(info.peerId(), credentials.credential())) {
      return Optional.of(
          "its membership credential was not issued by this cluster for PeerId " + info.peerId());
    }
    if (credentials.proof() == null
        || !verify(
            info.peerId(), proofMessage(info.peerId(), info.address()), credentials.proof())) {
      return Optional.of(
          "its address " + info.address() + " is not signed by the key of PeerId " + info.peerId());
    }
    return Optional.empty();
  }

  boolean verifiesCredential(PeerId peerId, String credential) {
    try {
      return Signatures.verify(
          membershipKey, credentialMessage(peerId), Base64.getDecoder().decode(credential));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean verify(PeerId signer, byte[] message, String signature) {
    try {
      return NodeIdentity.verify(signer, message, Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
