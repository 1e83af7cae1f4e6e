package io.quarry.node.identity;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Multibase;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.Arrays;

/**
 * A node's name, derived from its Ed25519 public key exactly as libp2p derives it: the identity
 * multihash of the protobuf-encoded {@code PublicKey{Type=Ed25519, Data=key}}, printed in base58btc
 * without the multibase prefix ({@code 12D3KooW…}).
 */
public record PeerId(String text) implements Comparable<PeerId> {
  private static final int ED25519_KEY_LENGTH = 32;

  public PeerId {
    requireNonNull(text, "text is null");
  }

  /** The PeerId of a raw 32-byte Ed25519 public key. */
  public static PeerId ofEd25519(byte[] publicKey) {
    requireNonNull(publicKey, "publicKey is null");
    if (publicKey.length != ED25519_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Ed25519 public key must be 32 bytes, got " + publicKey.length);
    }
    byte[] encoded = LibP2pKeys.encodePublicKey(publicKey);
    String base58 = Multibase.encode(Multibase.Base.BASE58BTC, Multihash.identity(encoded).bytes());
    return new PeerId(base58.substring(1));
  }

  /** Parses a printed PeerId, checking that it is an identity multihash of an Ed25519 key. */
  public static PeerId parse(String text) {
    requireNonNull(text, "text is null");
    byte[] multihash;
    try {
      multihash = Multibase.decode("z" + text);
    } catch (QuarryException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "Malformed PeerId '" + text + "': " + e.getMessage(), e);
    }
    byte[] key = LibP2pKeys.ed25519FromIdentityMultihash(multihash);
    if (key == null) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Malformed PeerId '" + text + "': not the identity multihash of an Ed25519 public key");
    }
    PeerId parsed = ofEd25519(key);
    if (!parsed.text.equals(text)) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "Malformed PeerId '" + text + "'");
    }
    return parsed;
  }

  /** The raw Ed25519 public key this PeerId names. */
  public byte[] publicKey() {
    byte[] key = LibP2pKeys.ed25519FromIdentityMultihash(Multibase.decode("z" + text));
    return Arrays.copyOf(key, key.length);
  }

  @Override
  public int compareTo(PeerId other) {
    return text.compareTo(other.text);
  }

  @Override
  public String toString() {
    return text;
  }
}
