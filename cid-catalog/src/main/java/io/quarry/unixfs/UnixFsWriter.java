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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds UnixFS DAGs. Files are read once, chunk by chunk, and blocks are handed to the sink as soon
 * as they are complete (leaves first, each parent after its children), so memory use is one chunk
 * plus {@code maxLinks} links per tree level, whatever the file size.
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

  /**
   * Leaves are hashed on these threads while the caller's thread reads ahead, so import speed is
   * bounded by the disk or the cores, not by one core's SHA-256. Blocks still reach the sink in
   * file order, from the caller's thread.
   */
  private static final int HASH_THREADS = Runtime.getRuntime().availableProcessors();

  private static final ExecutorService HASHERS = Executors.newFixedThreadPool(
      Math.max(1, HASH_THREADS),
      r -> {
        Thread t = new Thread(r, "unixfs-hash");
        t.setDaemon(true);
        return t;
      });

  /** Chunks read ahead of the one being linked: bounds memory to this many chunks. */
  private static final int MAX_IN_FLIGHT = 2 * HASH_THREADS;

  /** Below this chunk size, handing chunks to other threads costs more than hashing them. */
  private static final int PARALLEL_MIN_CHUNK = 64 << 10;

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
    return new FileBuilder(layout, sink).run(in);
  }

  /**
   * Writes a basic (flat) UnixFS directory of these entries, sorted by name as UnixFS requires.
   * HAMT-sharded directories are not written: above the point where ipfs-car (more than 1000
   * entries) or Kubo (256 KiB of links) would shard, the CID would differ from theirs, so this
   * refuses with UNSUPPORTED instead of producing a directory they would name differently.
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
    checkNotSharded(profile, sorted.size(), linkBytes);
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

  private static void checkNotSharded(ImportProfile profile, int count, long linkBytes) {
    boolean sharded = switch (profile) {
      case UNIXFS_V1_2025 -> count > IPFS_CAR_SHARD_ENTRIES;
      case KUBO_V0 -> linkBytes >= KUBO_SHARD_BYTES;
    };
    if (sharded) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "A directory of " + count + " entries (" + linkBytes + " bytes of links) would be a"
              + " HAMT-sharded directory in profile " + profile.id()
              + ", which Quarry does not write");
    }
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

  /** A finished node waiting for its parent. */
  private record Part(Cid cid, long size, long tsize) {}

  /** A leaf block and its place in the tree. */
  private record Leaf(Block block, Part part) {}

  /**
   * The balanced layout, streaming. Parts at each level are grouped, in order, into parents of
   * exactly {@code maxLinks} children as soon as that many are present; at the end every level
   * below the top is closed with a (possibly smaller, possibly single-child) last parent, and the
   * top level's only node is the root. For any count this is the tree of ipfs-car's and
   * ipfs-unixfs-importer's balanced builders (and Kubo's): consecutive groups of {@code maxLinks},
   * level by level, until one node is left. A file of one chunk is that chunk's leaf.
   */
  private static final class FileBuilder {
    private final FileLayout layout;
    private final BlockSink sink;
    private final List<List<Part>> levels = new ArrayList<>();
    /** levelFed.get(k): level k has received at least one part (so it is not a lone top). */
    private final List<Boolean> levelFed = new ArrayList<>();

    FileBuilder(FileLayout layout, BlockSink sink) {
      this.layout = layout;
      this.sink = sink;
    }

    WrittenFile run(InputStream in) {
      int chunkSize = layout.chunkSize();
      boolean parallel = HASH_THREADS > 1 && chunkSize >= PARALLEL_MIN_CHUNK;
      Deque<Future<Leaf>> pending = new ArrayDeque<>();
      long total = 0;
      boolean any = false;
      try {
        while (true) {
          byte[] chunk = new byte[chunkSize];
          int n = readFully(in, chunk);
          if (n == 0 && any) {
            break;
          }
          if (n < chunkSize) {
            chunk = Arrays.copyOf(chunk, n);
          }
          any = true;
          total += n;
          if (parallel) {
            byte[] c = chunk;
            pending.add(HASHERS.submit(() -> leaf(c)));
            while (pending.size() > MAX_IN_FLIGHT
                || (!pending.isEmpty() && pending.peek().isDone())) {
              accept(pending.poll());
            }
          } else {
            accept(leaf(chunk));
          }
          if (n < chunkSize) {
            break;
          }
        }
        while (!pending.isEmpty()) {
          accept(pending.poll());
        }
      } finally {
        pending.forEach(f -> f.cancel(false));
      }
      Part root = finish();
      return new WrittenFile(root.cid, total, root.tsize);
    }

    /** Hands a leaf to the sink and the tree, in file order. */
    private void accept(Leaf leaf) {
      sink.put(leaf.block);
      add(0, leaf.part);
    }

    private void accept(Future<Leaf> future) {
      try {
        accept(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuarryException(ErrorCode.QUERY_CANCELLED, "Import interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("hashing a chunk failed", cause);
      }
    }

    /** Encodes and hashes one chunk; safe to run on any thread. */
    private Leaf leaf(byte[] chunk) {
      if (layout.rawLeaves()) {
        Block block = Block.of(Multicodec.RAW, chunk);
        return new Leaf(block, new Part(block.cid(), chunk.length, chunk.length));
      }
      UnixFsData data = new UnixFsData(
          UnixFsData.Type.FILE,
          chunk.length == 0 ? null : chunk,
          (long) chunk.length,
          List.of(),
          null,
          null);
      byte[] bytes = DagPb.encode(new PbNode(List.of(), data.encode()));
      Block block = newBlock(bytes);
      return new Leaf(block, new Part(block.cid(), chunk.length, bytes.length));
    }

    private void add(int level, Part part) {
      while (levels.size() <= level) {
        levels.add(new ArrayList<>(Math.min(layout.maxLinks(), 1024)));
        levelFed.add(false);
      }
      levelFed.set(level, true);
      List<Part> parts = levels.get(level);
      parts.add(part);
      if (parts.size() == layout.maxLinks()) {
        Part parent = parent(parts);
        parts.clear();
        add(level + 1, parent);
      }
    }

    private Part finish() {
      for (int level = 0; ; level++) {
        List<Part> parts = levels.get(level);
        boolean top = level + 1 >= levels.size() || !levelFed.get(level + 1);
        if (top && parts.size() == 1) {
          return parts.get(0);
        }
        if (!parts.isEmpty()) {
          Part parent = parent(parts);
          parts.clear();
          add(level + 1, parent);
        }
      }
    }

    private Part parent(List<Part> children) {
      List<PbLink> links = new ArrayList<>(children.size());
      List<Long> blocksizes = new ArrayList<>(children.size());
      long size = 0;
      long tsize = 0;
      for (Part c : children) {
        links.add(new PbLink(c.cid, "", c.tsize));
        blocksizes.add(c.size);
        size += c.size;
        tsize += c.tsize;
      }
      UnixFsData data = new UnixFsData(UnixFsData.Type.FILE, null, size, blocksizes, null, null);
      byte[] bytes = DagPb.encode(new PbNode(links, data.encode()));
      Block block = newBlock(bytes);
      sink.put(block);
      return new Part(block.cid(), size, tsize + bytes.length);
    }

    private Block newBlock(byte[] dagPb) {
      return layout.cidVersion() == 0 ? Block.v0(dagPb) : Block.of(Multicodec.DAG_PB, dagPb);
    }
  }

  private static int readFully(InputStream in, byte[] chunk) {
    try {
      return in.readNBytes(chunk, 0, chunk.length);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot read the data being imported: " + e.getMessage(), e);
    }
  }
}
