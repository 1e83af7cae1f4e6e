package io.quarry.exec.hash;

import io.quarry.exec.HeapCharge;
import java.util.Arrays;

/**
 * Maps encoded keys (see {@link KeyEncoder}) to dense group ids 0, 1, 2, … in order of first
 * appearance. Open addressing with linear probing over primitive arrays: each slot holds a group id
 * and the key's hash, so most mismatches are rejected without touching key bytes; keys of up to 16
 * bytes (one integer, or a few short strings) are compared as two longs, longer ones against the
 * key bytes of all groups, which live in one growing byte array.
 */
public final class GroupTable {
  private int[] slotGroup; // group id + 1; 0 marks an empty slot
  private long[] slotHash;
  private int mask;
  private byte[] keys = new byte[1024];
  private int keyBytes;
  private int[] keyStart = new int[17];
  private long[] groupHash = new long[16];
  private long[] words = new long[32]; // per group: its first 16 key bytes as two longs
  private int groups;

  private final HeapCharge charge;

  public GroupTable() {
    this(HeapCharge.NONE);
  }

  /** A table whose arrays, as they grow, are counted by {@code charge}. */
  public GroupTable(HeapCharge charge) {
    this.charge = charge;
    charge.add(keys.length + 4L * keyStart.length + 8L * groupHash.length + 8L * words.length);
    allocateSlots(64);
  }

  private void allocateSlots(int capacity) {
    charge.add(12L * (capacity - (slotGroup == null ? 0 : slotGroup.length)));
    slotGroup = new int[capacity];
    slotHash = new long[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return groups;
  }

  /**
   * Writes the group id of each of the encoder's rows into {@code out}, adding groups for new keys.
   * The rows that created new groups are written to {@code newGroupRows} (it must have room for
   * every row); returns how many there were.
   */
  public int findOrInsert(KeyEncoder enc, int[] out, int[] newGroupRows) {
    int n = enc.rows();
    byte[] data = enc.data();
    int[] off = enc.offsets();
    int[] lengths = enc.lengths();
    long[] hashes = enc.hashes();
    int created = 0;
    // Rows often come in runs of one key (sorted or clustered data): a short key equal to the
    // previous row's takes its group without probing the table.
    int prevLen = -1;
    long prevW0 = 0;
    long prevW1 = 0;
    int prevGroup = -1;
    for (int i = 0; i < n; i++) {
      int from = off[i];
      int len = lengths[i];
      long w0 = KeyEncoder.word(data, from, len);
      long w1 = KeyEncoder.word(data, from + 8, len - 8);
      if (len == prevLen && w0 == prevW0 && w1 == prevW1) {
        out[i] = prevGroup;
        continue;
      }
      long h = hashes[i];
      int s = (int) h & mask;
      int g;
      while (true) {
        int g1 = slotGroup[s];
        if (g1 == 0) {
          g = addGroup(h, data, from, len, w0, w1);
          slotGroup[s] = g + 1;
          slotHash[s] = h;
          newGroupRows[created++] = i;
          if (groups * 2 > slotGroup.length) {
            rehash();
          }
          break;
        }
        if (slotHash[s] == h && sameKey(g1 - 1, data, from, len, w0, w1)) {
          g = g1 - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      out[i] = g;
      if (len <= 16) {
        prevLen = len;
        prevW0 = w0;
        prevW1 = w1;
        prevGroup = g;
      }
    }
    return created;
  }

  /**
   * The group of each of the encoder's rows, or -1 where its key is not in the table (or, when
   * {@code skipNulls}, where a key column is NULL), into {@code out}.
   */
  public void findAll(KeyEncoder enc, boolean skipNulls, int[] out) {
    int n = enc.rows();
    byte[] data = enc.data();
    int[] off = enc.offsets();
    int[] lengths = enc.lengths();
    int prevLen = -1;
    long prevW0 = 0;
    long prevW1 = 0;
    int prevGroup = -1;
    for (int i = 0; i < n; i++) {
      if (skipNulls && enc.anyNull(i)) {
        out[i] = -1;
        continue;
      }
      int from = off[i];
      int len = lengths[i];
      long w0 = KeyEncoder.word(data, from, len);
      long w1 = KeyEncoder.word(data, from + 8, len - 8);
      if (len == prevLen && w0 == prevW0 && w1 == prevW1) {
        out[i] = prevGroup;
        continue;
      }
      int g = find(enc, i);
      out[i] = g;
      if (len <= 16) {
        prevLen = len;
        prevW0 = w0;
        prevW1 = w1;
        prevGroup = g;
      }
    }
  }

  /** The group of the encoder's row i, or -1 if its key is not in the table. */
  public int find(KeyEncoder enc, int i) {
    long h = enc.hashes()[i];
    int from = enc.offsets()[i];
    int len = enc.lengths()[i];
    byte[] data = enc.data();
    long w0 = KeyEncoder.word(data, from, len);
    long w1 = KeyEncoder.word(data, from + 8, len - 8);
    int s = (int) h & mask;
    while (true) {
      int g1 = slotGroup[s];
      if (g1 == 0) {
        return -1;
      }
      if (slotHash[s] == h && sameKey(g1 - 1, data, from, len, w0, w1)) {
        return g1 - 1;
      }
      s = (s + 1) & mask;
    }
  }

  private boolean sameKey(int g, byte[] data, int from, int len, long w0, long w1) {
    int start = keyStart[g];
    if (keyStart[g + 1] - start != len) {
      return false;
    }
    if (len <= 16) {
      return words[2 * g] == w0 && words[2 * g + 1] == w1;
    }
    return Arrays.equals(keys, start, start + len, data, from, from + len);
  }

  private int addGroup(long h, byte[] data, int from, int len, long w0, long w1) {
    if (keyBytes + len > keys.length) {
      int grown = Math.max(keys.length * 2, keyBytes + len);
      charge.add(grown - keys.length);
      keys = Arrays.copyOf(keys, grown);
    }
    System.arraycopy(data, from, keys, keyBytes, len);
    keyBytes += len;
    if (groups + 1 >= groupHash.length) {
      // groupHash and words double (8 and 16 bytes a group), keyStart follows (4 bytes a group).
      charge.add(28L * groupHash.length);
      groupHash = Arrays.copyOf(groupHash, groupHash.length * 2);
      keyStart = Arrays.copyOf(keyStart, groupHash.length + 1);
      words = Arrays.copyOf(words, groupHash.length * 2);
    }
    groupHash[groups] = h;
    words[2 * groups] = w0;
    words[2 * groups + 1] = w1;
    keyStart[groups + 1] = keyBytes;
    return groups++;
  }

  private void rehash() {
    allocateSlots(slotGroup.length * 2);
    for (int g = 0; g < groups; g++) {
      long h = groupHash[g];
      int s = (int) h & mask;
      while (slotGroup[s] != 0) {
        s = (s + 1) & mask;
      }
      slotGroup[s] = g + 1;
      slotHash[s] = h;
    }
  }
}
