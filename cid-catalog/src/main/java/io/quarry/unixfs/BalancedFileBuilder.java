package io.quarry.unixfs;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The balanced layout, streaming. Parts at each level are grouped, in order, into parents of
 * exactly {@code maxLinks} children as soon as that many are present; at the end every level below
 * the top is closed with a (possibly smaller, possibly single-child) last parent, and the top
 * level's only node is the root. For any count this is the tree of ipfs-car's and
 * ipfs-unixfs-importer's balanced builders (and Kubo's): consecutive groups of {@code maxLinks},
 * level by level, until one node is left. A file of one chunk is that chunk's leaf.
 */
final class BalancedFileBuilder {
  /**
   * Leaves are hashed on these threads while the caller's thread reads ahead, so import speed is
   * bounded by the disk or the cores, not by one core's SHA-256 (beyond 8 threads the disk is the
   * limit). Blocks still reach the sink in file order, from the caller's thread.
   */
  private static final int HASH_THREADS = Math.min(8, Runtime.getRuntime().availableProcessors());

  private static final ExecutorService HASHERS =
      Executors.newFixedThreadPool(
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

  /** A finished node waiting for its parent. */
  private record Part(Cid cid, long size, long tsize) {}

  /** A leaf block and its place in the tree. */
  private record Leaf(Block block, Part part) {}

  private final FileLayout layout;
  private final BlockSink sink;
  private final List<List<Part>> levels = new ArrayList<>();

  /** levelFed.get(k): level k has received at least one part (so it is not a lone top). */
  private final List<Boolean> levelFed = new ArrayList<>();

  BalancedFileBuilder(FileLayout layout, BlockSink sink) {
    this.layout = layout;
    this.sink = sink;
  }

  UnixFsWriter.WrittenFile run(InputStream in) {
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
    return new UnixFsWriter.WrittenFile(root.cid, total, root.tsize);
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
    UnixFsData data =
        new UnixFsData(
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

  private static int readFully(InputStream in, byte[] chunk) {
    try {
      return in.readNBytes(chunk, 0, chunk.length);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot read the data being imported: " + e.getMessage(), e);
    }
  }
}
