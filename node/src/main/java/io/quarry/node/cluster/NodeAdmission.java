package io.quarry.node.cluster;

import java.util.Optional;

/**
 * Who may join this node's member table. A cluster without security material admits every node that
 * pings; a secured one admits only nodes whose self-description carries the cluster's credential
 * for their PeerId and a proof, signed by that PeerId's key, of the address they give.
 */
public interface NodeAdmission {
  /** Admits everyone and sends no credentials: the plaintext cluster. */
  NodeAdmission OPEN =
      new NodeAdmission() {
        @Override
        public NodeCredentials credentialsFor(NodeInfo self) {
          return NodeCredentials.NONE;
        }

        @Override
        public Optional<String> refusal(NodeInfo info, NodeCredentials credentials) {
          return Optional.empty();
        }
      };

  /** What this node sends along with its own self-description. */
  NodeCredentials credentialsFor(NodeInfo self);

  /** Why {@code info} may not become a member, or empty when it may. */
  Optional<String> refusal(NodeInfo info, NodeCredentials credentials);

  /**
   * A member's proof of membership, both base64: {@code credential} is the cluster membership key's
   * signature of its PeerId, {@code proof} its own signature of its PeerId and address. Either is
   * null when absent.
   */
  record NodeCredentials(String credential, String proof) {
    public static final NodeCredentials NONE = new NodeCredentials(null, null);
  }
}
