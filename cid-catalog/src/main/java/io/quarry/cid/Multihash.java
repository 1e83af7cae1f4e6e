package io.quarry.cid;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A self-describing hash: varint hash-function code, varint digest length, digest. */
public final class Multihash {
  public static final long IDENTITY = 0x00;
  public static final long SHA2_256 = 0x12;
  public static final long SHA2_512 = 0x13;

  /** Identity "digests" carry data inline; anything longer belongs in a block of its own. */
  public static final int MAX_IDENTITY_LENGTH = 128;

  private static final int MAX_DIGEST_LENGTH = 1024;
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> newDigest("SHA-256"));

  private final long code;
  private final byte[] digest;
  private final byte[] bytes;

  private Multihash(long code, byte[] digest, byte[] bytes) {
    this.code = code;
    this.digest = digest;
    this.bytes = bytes;
  }

  public static Multihash sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  public static Multihash sha256(byte[] data, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update(data, offset, length);
    return of(SHA2_256, md.digest());
  }

  public static Multihash identity(byte[] data) {
    if (data.length > MAX_IDENTITY_LENGTH) {
      throw new IllegalArgumentException(
          "identity multihash of " + data.length + " bytes exceeds " + MAX_IDENTITY_LENGTH);
    }
    return of(IDENTITY, data.clone());
  }

  /** A multihash from a code and a digest already computed with that function. */
  public static Multihash of(long code, byte[] digest) {
    requireNonNull(digest, "digest is null");
    int expected = expectedLength(code);
    if (expected >= 0 && digest.length != expected) {
      throw new IllegalArgumentException(
          "digest of hash function 0x"
              + Long.toHexString(code)
              + " must be "
              + expected
              + " bytes, got "
              + digest.length);
    }
    byte[] bytes = new byte[Varint.size(code) + Varint.size(digest.length) + digest.length];
    int o = Varint.write(code, bytes, 0);
    o = Varint.write(digest.length, bytes, o);
    System.arraycopy(digest, 0, bytes, o, digest.length);
    return new Multihash(code, digest, bytes);
  }

  /**
   * Decodes a multihash that fills {@code bytes} exactly.
   *
   * @throws QuarryException MALFORMED_INPUT saying what is wrong
   */
  public static Multihash decode(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    try {
      Multihash mh = read(bytes, 0, bytes.length);
      if (mh.bytes.length != bytes.length) {
        throw new Malformed(
            (bytes.length - mh.bytes.length) + " unexpected bytes after the multihash digest");
      }
      return mh;
    } catch (Malformed e) {
      throw new QuarryException(
          ErrorCode.MALFORMED_INPUT,
          "Malformed multihash " + HexFormat.of().formatHex(bytes) + ": " + e.reason());
    }
  }

  /** Reads the multihash starting at {@code offset}; bytes after it are left alone. */
  static Multihash read(byte[] buf, int offset, int end) {
    Varint.Decoded code = Varint.read(buf, offset, end);
    int o = offset + code.length();
    if (o >= end) {
      throw new Malformed("truncated multihash: missing digest length");
    }
    Varint.Decoded length = Varint.read(buf, o, end);
    o += length.length();
    long digestLength = length.value();
    int expected = expectedLength(code.value());
    if (expected >= 0 && digestLength != expected) {
      throw new Malformed(
          "wrong digest length "
              + digestLength
              + " for "
              + name(code.value())
              + " (must be "
              + expected
              + ")");
    }
    long limit = code.value() == IDENTITY ? MAX_IDENTITY_LENGTH : MAX_DIGEST_LENGTH;
    if (digestLength > limit) {
      throw new Malformed(
          "digest length " + digestLength + " for " + name(code.value()) + " exceeds " + limit);
    }
    if (end - o < digestLength) {
      throw new Malformed(
          "truncated digest: "
              + name(code.value())
              + " declares "
              + digestLength
              + " bytes but only "
              + (end - o)
              + " remain");
    }
    byte[] digest = Arrays.copyOfRange(buf, o, o + (int) digestLength);
    byte[] bytes = Arrays.copyOfRange(buf, offset, o + (int) digestLength);
    return new Multihash(code.value(), digest, bytes);
  }

  /** Whether {@code data} hashes to this multihash; false if the function is not supported. */
  public boolean matches(byte[] data) {
    return matches(data, 0, data.length);
  }

  public boolean matches(byte[] data, int offset, int length) {
    if (code == SHA2_256) {
      MessageDigest md = SHA256.get();
      md.update(data, offset, length);
      return MessageDigest.isEqual(md.digest(), digest);
    }
    if (code == IDENTITY) {
      return Arrays.equals(data, offset, offset + length, digest, 0, digest.length);
    }
    return false;
  }

  /** Whether Quarry can verify data against this multihash. */
  public boolean isVerifiable() {
    return code == SHA2_256 || code == IDENTITY;
  }

  public long code() {
    return code;
  }

  public byte[] digest() {
    return digest.clone();
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  int length() {
    return bytes.length;
  }

  byte[] rawBytes() {
    return bytes;
  }

  byte[] rawDigest() {
    return digest;
  }

  /** A short human name of the hash function, for messages. */
  public static String name(long code) {
    if (code == SHA2_256) {
      return "sha2-256";
    }
    if (code == SHA2_512) {
      return "sha2-512";
    }
    if (code == IDENTITY) {
      return "identity";
    }
    return "hash function 0x" + Long.toHexString(code);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Multibase.encodeBase58btc(bytes);
  }

  private static int expectedLength(long code) {
    if (code == SHA2_256) {
      return 32;
    }
    if (code == SHA2_512) {
      return 64;
    }
    return -1;
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available in this JDK", e);
    }
  }
}
