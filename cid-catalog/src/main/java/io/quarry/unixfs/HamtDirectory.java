package io.quarry.unixfs;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A HAMT-sharded UnixFS directory as ipfs-car 3.x writes it (@ipld/unixfs over @perma/map): 256
 * slots per shard, a name's slot at depth d is byte d of its murmur3-x64-64 hash (further bytes
 * come from hashing the name followed by the frame number), each slot holds one entry or a
 * sub-shard, link names are the slot in two upper-case hex digits followed by the entry name. Built
 * from the whole set of names, the tree does not depend on insertion order.
 */
final class HamtDirectory {
  static final long MURMUR3_X64_64 = 0x22;
  static final int FANOUT = 256;

  private HamtDirectory() {}

  private record Entry(DirectoryEntry entry, byte[] name) {}

  /** A shard: slot → Entry or Shard. */
  private static final class Shard {
    final Map<Integer, Object> slots = new TreeMap<>();
  }

  /** Writes the shards (children first) and returns the root's CID and cumulative size. */
  static UnixFsWriter.WrittenFile write(List<DirectoryEntry> entries, BlockSink sink) {
    Shard root = new Shard();
    for (DirectoryEntry e : entries) {
      insert(root, new Entry(e, e.name().getBytes(StandardCharsets.UTF_8)), 0);
    }
    return encode(root, sink);
  }

  private static void insert(Shard shard, Entry entry, int depth) {
    int slot = slot(entry.name, depth);
    Object present = shard.slots.get(slot);
    if (present == null) {
      shard.slots.put(slot, entry);
    } else if (present instanceof Shard child) {
      insert(child, entry, depth + 1);
    } else {
      Shard child = new Shard();
      insert(child, (Entry) present, depth + 1);
      insert(child, entry, depth + 1);
      shard.slots.put(slot, child);
    }
  }

  /** Byte {@code depth} of the name's infinite hash: frame k hashes name ‖ k (k ≥ 1). */
  static int slot(byte[] name, int depth) {
    int frame = depth / 8;
    byte[] input = name;
    if (frame > 0) {
      input = Arrays.copyOf(name, name.length + 1);
      input[name.length] = (byte) frame;
    }
    long hash = Murmur3.x64_64(input);
    return (int) (hash >>> (56 - 8 * (depth % 8))) & 0xFF;
  }

  private static UnixFsWriter.WrittenFile encode(Shard shard, BlockSink sink) {
    List<PbLink> links = new ArrayList<>(shard.slots.size());
    BigInteger bitfield = BigInteger.ZERO;
    long tsize = 0;
    for (Map.Entry<Integer, Object> slot : shard.slots.entrySet()) {
      String prefix = String.format(Locale.ROOT, "%02X", slot.getKey());
      bitfield = bitfield.setBit(slot.getKey());
      if (slot.getValue() instanceof Entry e) {
        links.add(new PbLink(e.entry.cid(), prefix + e.entry.name(), e.entry.size()));
        tsize += e.entry.size();
      } else {
        UnixFsWriter.WrittenFile child = encode((Shard) slot.getValue(), sink);
        links.add(new PbLink(child.cid(), prefix, child.tsize()));
        tsize += child.tsize();
      }
    }
    byte[] bits = bitfield.toByteArray();
    if (bits[0] == 0) {
      bits = Arrays.copyOfRange(bits, 1, bits.length);
    }
    UnixFsData data =
        new UnixFsData(
            UnixFsData.Type.HAMT_SHARD,
            bits.length == 0 ? null : bits,
            null,
            List.of(),
            MURMUR3_X64_64,
            (long) FANOUT);
    byte[] bytes = DagPb.encode(new PbNode(links, data.encode()));
    Block block = Block.of(Multicodec.DAG_PB, bytes);
    sink.put(block);
    Cid cid = block.cid();
    return new UnixFsWriter.WrittenFile(cid, 0, tsize + bytes.length);
  }
}
