package io.quarry.node.identity;

import java.util.Arrays;

/**
 * The libp2p protobuf encodings of Ed25519 keys: {@code PublicKey{Type=1, Data=32 bytes}} and
 * {@code PrivateKey{Type=1, Data=seed ‖ public key}}, fields in order as libp2p writes them.
 */
final class LibP2pKeys {
  private static final int KEY_TYPE_ED25519 = 1;
  private static final int TAG_TYPE = 0x08; // field 1, varint
  private static final int TAG_DATA = 0x12; // field 2, length-delimited
  private static final int IDENTITY_CODE = 0x00;

  private LibP2pKeys() {}

  static byte[] encodePublicKey(byte[] publicKey) {
    return encode(publicKey);
  }

  static byte[] encodePrivateKey(byte[] seed, byte[] publicKey) {
    byte[] data = new byte[64];
    System.arraycopy(seed, 0, data, 0, 32);
    System.arraycopy(publicKey, 0, data, 32, 32);
    return encode(data);
  }

  /** The Data field of an Ed25519 key message of the given length, or null if it is not one. */
  static byte[] decode(byte[] message, int dataLength) {
    if (message.length != 4 + dataLength
        || message[0] != TAG_TYPE
        || message[1] != KEY_TYPE_ED25519
        || message[2] != TAG_DATA
        || message[3] != dataLength) {
      return null;
    }
    return Arrays.copyOfRange(message, 4, message.length);
  }

  /** The public key inside an identity multihash of a PublicKey message, or null. */
  static byte[] ed25519FromIdentityMultihash(byte[] multihash) {
    if (multihash.length != 2 + 36 || multihash[0] != IDENTITY_CODE || multihash[1] != 36) {
      return null;
    }
    return decode(Arrays.copyOfRange(multihash, 2, multihash.length), 32);
  }

  private static byte[] encode(byte[] data) {
    byte[] out = new byte[4 + data.length];
    out[0] = TAG_TYPE;
    out[1] = KEY_TYPE_ED25519;
    out[2] = TAG_DATA;
    out[3] = (byte) data.length;
    System.arraycopy(data, 0, out, 4, data.length);
    return out;
  }
}
