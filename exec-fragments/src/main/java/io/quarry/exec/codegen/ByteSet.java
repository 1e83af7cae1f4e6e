package io.quarry.exec.codegen;

import java.util.List;

/** An immutable open-addressing set of byte strings, probed in place from Arrow memory. */
public final class ByteSet {
  private final byte[][] table;
  private final int mask;

  public ByteSet(List<byte[]> values) {
    int cap = Integer.highestOneBit(Math.max(4, values.size() * 2 - 1)) << 1;
    table = new byte[cap][];
    mask = cap - 1;
    for (byte[] v : values) {
      int i = StringOps.hash(v) & mask;
      while (table[i] != null && !java.util.Arrays.equals(table[i], v)) {
        i = (i + 1) & mask;
      }
      table[i] = v;
    }
  }

  public boolean contains(long address, int length) {
    int i = StringOps.hash(address, length) & mask;
    for (byte[] t = table[i]; t != null; t = table[i = (i + 1) & mask]) {
      if (StringOps.equals(address, length, t)) {
        return true;
      }
    }
    return false;
  }

  public boolean contains(byte[] v) {
    int i = StringOps.hash(v) & mask;
    for (byte[] t = table[i]; t != null; t = table[i = (i + 1) & mask]) {
      if (java.util.Arrays.equals(t, v)) {
        return true;
      }
    }
    return false;
  }
}
