package io.quarry.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  // The libp2p spec's Ed25519 private key: PrivateKey{Type=Ed25519, Data=seed ‖ public key}.
  static final String SPEC_PRIVATE_KEY =
      "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
          + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

  @TempDir Path home;

  @Test
  void keepsItsPeerIdAcrossRestarts() {
    NodeIdentity first = NodeIdentity.loadOrCreate(home);
    NodeIdentity again = NodeIdentity.loadOrCreate(home);
    assertEquals(first.peerId(), again.peerId());
    assertTrue(first.peerId().text().startsWith("12D3KooW"), first.peerId().text());
    assertTrue(Files.exists(home.resolve(NodeIdentity.FILE_NAME)));
  }

  @Test
  void differentStoresHaveDifferentPeerIds(@TempDir Path other) {
    assertNotEquals(
        NodeIdentity.loadOrCreate(home).peerId(), NodeIdentity.loadOrCreate(other).peerId());
  }

  @Test
  void readsALibp2pKeyFile() throws Exception {
    Files.write(home.resolve(NodeIdentity.FILE_NAME), HexFormat.of().parseHex(SPEC_PRIVATE_KEY));
    NodeIdentity identity = NodeIdentity.loadOrCreate(home);
    assertEquals(PeerIdTest.SPEC_PEER_ID, identity.peerId().text());
    assertArrayEquals(HexFormat.of().parseHex(SPEC_PRIVATE_KEY), identity.encoded());
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] signature = identity.sign(message);
    assertTrue(identity.verify(message, signature));
    assertFalse(identity.verify("hellO".getBytes(StandardCharsets.UTF_8), signature));
  }

  @Test
  void aGeneratedKeyRoundTripsThroughItsFile() {
    NodeIdentity generated = NodeIdentity.generate();
    NodeIdentity decoded = NodeIdentity.decode(home.resolve("k"), generated.encoded());
    assertEquals(generated.peerId(), decoded.peerId());
    byte[] message = {1, 2, 3};
    assertTrue(generated.verify(message, decoded.sign(message)));
  }

  @Test
  void rejectsACorruptKeyFileNamingIt() throws Exception {
    byte[] bytes = HexFormat.of().parseHex(SPEC_PRIVATE_KEY);
    bytes[bytes.length - 1] ^= 1; // the public key no longer matches the seed
    Files.write(home.resolve(NodeIdentity.FILE_NAME), bytes);
    QuarryException e = assertThrows(QuarryException.class, () -> NodeIdentity.loadOrCreate(home));
    assertTrue(e.getMessage().contains(NodeIdentity.FILE_NAME), e.getMessage());

    Files.write(home.resolve(NodeIdentity.FILE_NAME), new byte[] {8, 1, 18});
    QuarryException truncated =
        assertThrows(QuarryException.class, () -> NodeIdentity.loadOrCreate(home));
    assertTrue(
        truncated.getMessage().contains("not a libp2p Ed25519 private key"),
        truncated.getMessage());
  }
}
