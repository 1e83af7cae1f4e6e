package io.quarry.node.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.QuarryException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PeerIdTest {
  // The Ed25519 test vector of the libp2p peer-ids specification.
  static final String SPEC_PUBLIC_KEY =
      "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  static final String SPEC_PEER_ID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

  @Test
  void derivesThePeerIdOfTheSpecVector() {
    PeerId id = PeerId.ofEd25519(HexFormat.of().parseHex(SPEC_PUBLIC_KEY));
    assertEquals(SPEC_PEER_ID, id.text());
  }

  @Test
  void parsesBackToItsPublicKey() {
    PeerId id = PeerId.parse(SPEC_PEER_ID);
    assertArrayEquals(HexFormat.of().parseHex(SPEC_PUBLIC_KEY), id.publicKey());
  }

  @Test
  void rejectsTextThatIsNotAnEd25519PeerId() {
    QuarryException notBase58 =
        assertThrows(QuarryException.class, () -> PeerId.parse("12D3KooW0OIl"));
    assertTrue(notBase58.getMessage().contains("12D3KooW0OIl"), notBase58.getMessage());
    // A CIDv0 is base58 too, but a sha2-256 multihash, not an identity one.
    QuarryException sha =
        assertThrows(
            QuarryException.class,
            () -> PeerId.parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"));
    assertTrue(sha.getMessage().contains("Ed25519"), sha.getMessage());
  }
}
