package io.quarry.unixfs;

/**
 * MurmurHash3 x64 128 (seed 0), of which UnixFS HAMT directories use the first 64 bits (multicodec
 * murmur3-x64-64, 0x22) to place entry names.
 */
final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Murmur3() {}

  /** The first 64 bits of murmur3-x64-128, as a big-endian long (byte 0 is the high byte). */
  static long x64_64(byte[] key) {
    long h1 = 0;
    long h2 = 0;
    int blocks = key.length / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = littleEndian(key, i * 16, 8);
      long k2 = littleEndian(key, i * 16 + 8, 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    int rest = key.length - tail;
    if (rest > 8) {
      h2 ^= mixK2(littleEndian(key, tail + 8, rest - 8));
    }
    if (rest > 0) {
      h1 ^= mixK1(littleEndian(key, tail, Math.min(rest, 8)));
    }
    h1 ^= key.length;
    h2 ^= key.length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    return h1;
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long littleEndian(byte[] b, int offset, int count) {
    long v = 0;
    for (int i = count - 1; i >= 0; i--) {
      v = (v << 8) | (b[offset + i] & 0xFF);
    }
    return v;
  }
}
