package io.quarry.cid;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.Arrays;

/**
 * Multibase text encodings of bytes: a one-character prefix names the base. Supported: {@code b}
 * base32 (RFC 4648 lower case, no padding), {@code B} the same in upper case (input only by
 * convention, but encodable), {@code z} base58btc.
 */
public final class Multibase {
  /** The bases Quarry reads and writes. */
  public enum Base {
    BASE32('b'),
    BASE32_UPPER('B'),
    BASE58BTC('z');

    private final char prefix;

    Base(char prefix) {
      this.prefix = prefix;
    }

    public char prefix() {
      return prefix;
    }

    /** The base with this prefix, or null. */
    static Base forPrefix(char c) {
      for (Base base : values()) {
        if (base.prefix == c) {
          return base;
        }
      }
      return null;
    }
  }

  private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final char[] BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final byte[] BASE32_LOWER_INDEX = index(BASE32_LOWER);
  private static final byte[] BASE32_UPPER_INDEX =
      index("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray());
  private static final byte[] BASE58_INDEX = index(BASE58);

  private Multibase() {}

  /** Encodes with the base's prefix character first. */
  public static String encode(Base base, byte[] bytes) {
    requireNonNull(base, "base is null");
    requireNonNull(bytes, "bytes is null");
    return switch (base) {
      case BASE32 -> 'b' + encodeBase32(bytes);
      case BASE32_UPPER -> 'B' + encodeBase32(bytes).toUpperCase(java.util.Locale.ROOT);
      case BASE58BTC -> 'z' + encodeBase58btc(bytes);
    };
  }

  /**
   * Decodes a multibase string (prefix included).
   *
   * @throws QuarryException MALFORMED_INPUT quoting the string and saying what is wrong
   */
  public static byte[] decode(String text) {
    requireNonNull(text, "text is null");
    try {
      return decodeWithPrefix(text);
    } catch (Malformed e) {
      throw malformed(text, e);
    }
  }

  /** Lower-case RFC 4648 base32 without padding and without a multibase prefix. */
  public static String encodeBase32(byte[] bytes) {
    char[] out = new char[(bytes.length * 8 + 4) / 5];
    int o = 0;
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out[o++] = BASE32_LOWER[(buffer >>> bits) & 31];
      }
    }
    if (bits > 0) {
      out[o++] = BASE32_LOWER[(buffer << (5 - bits)) & 31];
    }
    return new String(out, 0, o);
  }

  /** Decodes lower-case base32 without prefix or padding. */
  public static byte[] decodeBase32(String text) {
    requireNonNull(text, "text is null");
    try {
      return base32(text, 0, BASE32_LOWER_INDEX, "base32");
    } catch (Malformed e) {
      throw malformed(text, e);
    }
  }

  /** Base58 with the Bitcoin alphabet, without a multibase prefix (the form CIDv0 uses). */
  public static String encodeBase58btc(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    // log(256) / log(58) < 1.37
    char[] digits = new char[bytes.length * 137 / 100 + 1];
    byte[] input = Arrays.copyOf(bytes, bytes.length);
    int out = digits.length;
    int start = zeros;
    while (start < input.length) {
      int remainder = 0;
      for (int i = start; i < input.length; i++) {
        int value = (remainder << 8) | (input[i] & 0xFF);
        input[i] = (byte) (value / 58);
        remainder = value % 58;
      }
      digits[--out] = BASE58[remainder];
      while (start < input.length && input[start] == 0) {
        start++;
      }
    }
    StringBuilder sb = new StringBuilder(zeros + digits.length - out);
    for (int i = 0; i < zeros; i++) {
      sb.append('1');
    }
    sb.append(digits, out, digits.length - out);
    return sb.toString();
  }

  /** Decodes base58btc without a multibase prefix. */
  public static byte[] decodeBase58btc(String text) {
    requireNonNull(text, "text is null");
    try {
      return base58(text, 0);
    } catch (Malformed e) {
      throw malformed(text, e);
    }
  }

  static byte[] decodeWithPrefix(String text) {
    if (text.isEmpty()) {
      throw new Malformed("empty string");
    }
    char prefix = text.charAt(0);
    Base base = Base.forPrefix(prefix);
    if (base == null) {
      throw new Malformed(
          "unknown multibase prefix '"
              + prefix
              + "' (supported: 'b' base32, 'B' base32 upper case, 'z' base58btc)");
    }
    return switch (base) {
      case BASE32 -> base32(text, 1, BASE32_LOWER_INDEX, "base32");
      case BASE32_UPPER -> base32(text, 1, BASE32_UPPER_INDEX, "upper-case base32");
      case BASE58BTC -> base58(text, 1);
    };
  }

  static byte[] base32(String text, int from, byte[] index, String name) {
    int chars = text.length() - from;
    int remainderBits = (chars * 5) % 8;
    if (remainderBits >= 5) {
      throw new Malformed(
          "invalid " + name + " length " + chars + " (no byte string encodes to that many digits)");
    }
    byte[] out = new byte[chars * 5 / 8];
    int o = 0;
    int buffer = 0;
    int bits = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      int v = c < 128 ? index[c] : -1;
      if (v < 0) {
        throw badCharacter(text, i, name);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (buffer >>> bits);
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new Malformed("non-zero padding bits in the last " + name + " character");
    }
    return out;
  }

  static byte[] base58(String text, int from) {
    int zeros = 0;
    while (from + zeros < text.length() && text.charAt(from + zeros) == '1') {
      zeros++;
    }
    int length = text.length() - from;
    // log(58) / log(256) < 0.733
    byte[] acc = new byte[length * 733 / 1000 + 1];
    int used = 0; // number of significant bytes at the end of acc
    for (int i = from + zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int carry = c < 128 ? BASE58_INDEX[c] : -1;
      if (carry < 0) {
        throw badCharacter(text, i, "base58btc");
      }
      int j = 0;
      for (int k = acc.length - 1; (carry != 0 || j < used) && k >= 0; k--, j++) {
        carry += 58 * (acc[k] & 0xFF);
        acc[k] = (byte) carry;
        carry >>>= 8;
      }
      used = j;
    }
    byte[] out = new byte[zeros + used];
    System.arraycopy(acc, acc.length - used, out, zeros, used);
    return out;
  }

  static Malformed badCharacter(String text, int position, String base) {
    char c = text.charAt(position);
    String shown =
        Character.isISOControl(c) || Character.isWhitespace(c)
            ? String.format("U+%04X", (int) c)
            : "'" + c + "'";
    return new Malformed("bad " + base + " character " + shown + " at position " + position);
  }

  private static QuarryException malformed(String text, Malformed e) {
    return new QuarryException(
        ErrorCode.MALFORMED_INPUT, "Malformed multibase string '" + text + "': " + e.reason());
  }

  private static byte[] index(char[] alphabet) {
    byte[] index = new byte[128];
    Arrays.fill(index, (byte) -1);
    for (int i = 0; i < alphabet.length; i++) {
      index[alphabet[i]] = (byte) i;
    }
    return index;
  }
}
