package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import io.quarry.store.BlockSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds UnixFS DAGs. Files are read once, chunk by chunk, and blocks are handed to the sink as
 * soon as they are complete (leaves first, each parent after its children), so memory use is a few
 * chunks plus {@code maxLinks} links per tree level, whatever the file size (see {@link
 * BalancedFileBuilder}).
 */
public final class UnixFsWriter {
  /**
   * ipfs-car 3.x writes a HAMT-sharded directory above this many entries ({@code SHARD_THRESHOLD}
   * in its unixfs.js).
   */
  static final int IPFS_CAR_SHARD_ENTRIES = 1000;

  /**
   * Kubo switches a directory to a HAMT when the estimated size of its links (name bytes plus CID
   * bytes per entry) reaches 256 KiB ({@code HAMTShardingSize} in boxo).
   */
  static final long KUBO_SHARD_BYTES = 256 * 1024;

  private UnixFsWriter() {}

  /** The root of a written file, its content length and its cumulative DAG size (Tsize). */
  public record WrittenFile(Cid cid, long size, long tsize) {
    public WrittenFile {
      requireNonNull(cid, "cid is null");
    }

    public DirectoryEntry entry(String name) {
      return new DirectoryEntry(name, cid, tsize);
    }
  }

  /** Imports the stream as a UnixFS file; returns the root CID. Does not close the stream. */
  public static Cid writeFile(InputStream in, ImportProfile profile, BlockSink sink) {
    return write(in, profile.fileLayout(), sink).cid();
  }

  /** Imports the stream as a UnixFS file with the given layout. Does not close the stream. */
  public static WrittenFile write(InputStream in, FileLayout layout, BlockSink sink) {
    requireNonNull(in, "in is null");
    requireNonNull(layout, "layout is null");
    requireNonNull(sink, "sink is null");
    return new BalancedFileBuilder(layout, sink).run(in);
  }

  /**
   * Writes a UnixFS directory of these entries, the way the profile's tool would for the same
   * entries. A basic directory has its links sorted by name (UTF-8 bytes) as UnixFS requires. Above
   * 1000 entries ipfs-car writes a HAMT-sharded directory, and so does profile unixfs-v1-2025 (see
   * {@link HamtDirectory}). Kubo shards once the links reach 256 KiB; its HAMT is not written here,
   * so profile kubo-v0 refuses such directories with UNSUPPORTED rather than produce a directory
   * Kubo would name differently.
   *
   * @return the directory's CID (CIDv0 for {@link ImportProfile#KUBO_V0})
   */
  public static Cid writeDirectory(
      List<DirectoryEntry> entries, ImportProfile profile, BlockSink sink) {
    return writeDirectoryEntry(entries, profile, sink).cid();
  }

  /** As {@link #writeDirectory}, also returning the directory's cumulative size. */
  public static WrittenFile writeDirectoryEntry(
      List<DirectoryEntry> entries, ImportProfile profile, BlockSink sink) {
    requireNonNull(entries, "entries is null");
    requireNonNull(profile, "profile is null");
    requireNonNull(sink, "sink is null");
    List<NamedEntry> sorted = new ArrayList<>(entries.size());
    long linkBytes = 0;
    for (DirectoryEntry e : entries) {
      NamedEntry named = new NamedEntry(e, e.name().getBytes(StandardCharsets.UTF_8));
      sorted.add(named);
      linkBytes += named.utf8.length + e.cid().length();
    }
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.utf8, b.utf8));
    for (int i = 1; i < sorted.size(); i++) {
      if (Arrays.equals(sorted.get(i - 1).utf8, sorted.get(i).utf8)) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "Directory has two entries named '" + sorted.get(i).entry.name() + "'");
      }
    }
    if (profile == ImportProfile.UNIXFS_V1_2025 && sorted.size() > IPFS_CAR_SHARD_ENTRIES) {
      return HamtDirectory.write(entries, sink);
    }
    if (profile == ImportProfile.KUBO_V0 && linkBytes >= KUBO_SHARD_BYTES) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "A directory of "
              + sorted.size()
              + " entries ("
              + linkBytes
              + " bytes of links) would be HAMT-sharded by Kubo; profile kubo-v0 writes only"
              + " basic directories");
    }
    List<PbLink> links = new ArrayList<>(sorted.size());
    long tsize = 0;
    for (NamedEntry e : sorted) {
      links.add(new PbLink(e.entry.cid(), e.entry.name(), e.entry.size()));
      tsize += e.entry.size();
    }
    byte[] bytes = DagPb.encode(new PbNode(links, UnixFsData.directory().encode()));
    Block block = profile.cidVersion() == 0 ? Block.v0(bytes) : Block.of(Multicodec.DAG_PB, bytes);
    sink.put(block);
    return new WrittenFile(block.cid(), 0, tsize + bytes.length);
  }

  /**
   * The cumulative DAG size (Tsize) of the DAG under {@code cid}: its block plus, for dag-pb, the
   * sizes its links record (or, where a link has none, the size of the DAG below it).
   */
  public static long tsize(Cid cid, BlockSource source) {
    if (cid.multihash().code() == Multihash.IDENTITY) {
      return cid.multihash().digest().length;
    }
    byte[] bytes = source.get(cid);
    if (cid.codec() != Multicodec.DAG_PB) {
      return bytes.length;
    }
    long size = bytes.length;
    for (PbLink link : DagPb.decode(bytes).links()) {
      size += link.tsize() != null ? link.tsize() : tsize(link.hash(), source);
    }
    return size;
  }

  private record NamedEntry(DirectoryEntry entry, byte[] utf8) {}
}
