package io.quarry.cid;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A content identifier. CIDv0 is a bare sha2-256 multihash of a dag-pb block, printed in base58btc
 * ({@code Qm…}); CIDv1 is {@code <varint 1><varint codec><multihash>}, printed in multibase base32
 * lower case ({@code b…}). Equality is by binary form, so a CIDv0 and its CIDv1 are not equal; use
 * {@link #toV1()} to compare them.
 */
public final class Cid {
  private static final int V0_STRING_LENGTH = 46;

  private final int version;
  private final long codec;
  private final Multihash multihash;
  private final byte[] bytes;
  private String string;

  private Cid(int version, long codec, Multihash multihash, byte[] bytes) {
    this.version = version;
    this.codec = codec;
    this.multihash = multihash;
    this.bytes = bytes;
  }

  public static Cid v1(long codec, Multihash multihash) {
    requireNonNull(multihash, "multihash is null");
    if (codec < 0) {
      throw new IllegalArgumentException("codec must not be negative: " + codec);
    }
    byte[] mh = multihash.rawBytes();
    byte[] bytes = new byte[1 + Varint.size(codec) + mh.length];
    int o = Varint.write(1, bytes, 0);
    o = Varint.write(codec, bytes, o);
    System.arraycopy(mh, 0, bytes, o, mh.length);
    return new Cid(1, codec, multihash, bytes);
  }

  public static Cid v0(Multihash multihash) {
    requireNonNull(multihash, "multihash is null");
    if (multihash.code() != Multihash.SHA2_256) {
      throw new IllegalArgumentException(
          "CIDv0 needs a sha2-256 multihash, got " + Multihash.name(multihash.code()));
    }
    return new Cid(0, Multicodec.DAG_PB, multihash, multihash.rawBytes());
  }

  /**
   * Parses a CID from text: CIDv0 ({@code Qm…}, 46 base58btc characters) or a multibase CIDv1
   * ({@code b…} base32, {@code B…} upper-case base32, {@code z…} base58btc).
   *
   * @throws QuarryException MALFORMED_CID quoting the string and saying what is wrong
   */
  public static Cid parse(String text) {
    requireNonNull(text, "text is null");
    try {
      if (text.startsWith("Qm")) {
        if (text.length() != V0_STRING_LENGTH) {
          throw new Malformed(
              "a CIDv0 ('Qm…') has "
                  + V0_STRING_LENGTH
                  + " characters, this one has "
                  + text.length());
        }
        byte[] bytes = Multibase.base58(text, 0);
        if (bytes.length != 34 || bytes[0] != 0x12 || bytes[1] != 0x20) {
          throw new Malformed("a CIDv0 must decode to a 34-byte sha2-256 multihash");
        }
        return read(bytes, 0, bytes.length, true);
      }
      if (text.isEmpty()) {
        throw new Malformed("empty string");
      }
      byte[] bytes = Multibase.decodeWithPrefix(text);
      Cid cid = read(bytes, 0, bytes.length, true);
      if (cid.version == 0) {
        throw new Malformed("a CIDv0 must be written in base58btc without a multibase prefix");
      }
      return cid;
    } catch (Malformed e) {
      throw new QuarryException(
          ErrorCode.MALFORMED_CID, "Malformed CID '" + text + "': " + e.reason());
    }
  }

  /**
   * Decodes the binary form of a CID that fills {@code bytes} exactly.
   *
   * @throws QuarryException MALFORMED_CID naming the bytes (hex) and what is wrong
   */
  public static Cid decode(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    try {
      return read(bytes, 0, bytes.length, true);
    } catch (Malformed e) {
      throw new QuarryException(
          ErrorCode.MALFORMED_CID,
          "Malformed binary CID " + HexFormat.of().formatHex(bytes) + ": " + e.reason());
    }
  }

  /**
   * Decodes the CID at the start of {@code buf[offset, end)}, ignoring bytes after it (as in a CAR
   * section, where the block data follows). Its length is {@code bytes().length}.
   *
   * @throws QuarryException MALFORMED_CID saying what is wrong
   */
  public static Cid decodePrefix(byte[] buf, int offset, int end) {
    try {
      return read(buf, offset, end, false);
    } catch (Malformed e) {
      int shown = Math.min(end - offset, 40);
      throw new QuarryException(
          ErrorCode.MALFORMED_CID,
          "Malformed binary CID starting "
              + HexFormat.of().formatHex(buf, offset, offset + shown)
              + (shown < end - offset ? "…" : "")
              + ": "
              + e.reason());
    }
  }

  private static Cid read(byte[] buf, int offset, int end, boolean exact) {
    if (end - offset <= 0) {
      throw new Malformed("no bytes");
    }
    if (end - offset >= 2 && buf[offset] == 0x12 && buf[offset + 1] == 0x20) {
      Multihash mh = Multihash.read(buf, offset, end);
      checkExact(exact, offset + mh.length(), end);
      return new Cid(0, Multicodec.DAG_PB, mh, mh.rawBytes());
    }
    Varint.Decoded version = Varint.read(buf, offset, end);
    if (version.value() == 0) {
      throw new Malformed("CID version 0 is only valid as a bare sha2-256 multihash");
    }
    if (version.value() != 1) {
      throw new Malformed("unsupported CID version " + version.value());
    }
    int o = offset + version.length();
    if (o >= end) {
      throw new Malformed("truncated CID: missing codec");
    }
    Varint.Decoded codec = Varint.read(buf, o, end);
    o += codec.length();
    if (o >= end) {
      throw new Malformed("truncated CID: missing multihash");
    }
    Multihash mh = Multihash.read(buf, o, end);
    o += mh.length();
    checkExact(exact, o, end);
    return new Cid(1, codec.value(), mh, Arrays.copyOfRange(buf, offset, o));
  }

  private static void checkExact(boolean exact, int consumed, int end) {
    if (exact && consumed != end) {
      throw new Malformed((end - consumed) + " unexpected bytes after the multihash");
    }
  }

  public int version() {
    return version;
  }

  public long codec() {
    return codec;
  }

  public Multihash multihash() {
    return multihash;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Length of the binary form. */
  public int length() {
    return bytes.length;
  }

  /** Copies the binary form into {@code out} at {@code offset}; returns the offset after it. */
  public int writeTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
    return offset + bytes.length;
  }

  /** The same content as a CIDv1 (a CIDv0 becomes dag-pb CIDv1); a CIDv1 is returned as is. */
  public Cid toV1() {
    return version == 1 ? this : v1(Multicodec.DAG_PB, multihash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** CIDv0: base58btc; CIDv1: multibase base32 lower case. */
  @Override
  public String toString() {
    String s = string;
    if (s == null) {
      s =
          version == 0
              ? Multibase.encodeBase58btc(bytes)
              : Multibase.encode(Multibase.Base.BASE32, bytes);
      string = s;
    }
    return s;
  }
}
