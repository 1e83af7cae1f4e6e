package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.BlockSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Reads UnixFS files and directories from blocks. Every block comes from the {@link BlockSource},
 * which verifies its hash, so a stream from {@link #openFile} yields only verified bytes.
 */
public final class UnixFsReader {
  private final BlockSource source;

  public UnixFsReader(BlockSource source) {
    this.source = requireNonNull(source, "source is null");
  }

  /**
   * Streams the file's bytes, fetching one block at a time (depth-first through the DAG).
   *
   * @throws QuarryException INVALID_ARGUMENT if the CID is a directory, UNSUPPORTED for codecs
   *     other than raw and dag-pb
   */
  public InputStream openFile(Cid cid) {
    requireNonNull(cid, "cid is null");
    FileStream stream = new FileStream(cid);
    stream.start();
    return stream;
  }

  /** The file's content length in bytes, read from its root block. */
  public long fileSize(Cid cid) {
    Node node = load(cid);
    if (node.unixfs == null) {
      return node.bytes.length;
    }
    requireFile(cid, node.unixfs);
    return node.unixfs.contentSize();
  }

  public boolean isDirectory(Cid cid) {
    if (cid.codec() != Multicodec.DAG_PB) {
      return false;
    }
    UnixFsData.Type type = load(cid).unixfs.type();
    return type == UnixFsData.Type.DIRECTORY || type == UnixFsData.Type.HAMT_SHARD;
  }

  /**
   * The entries of a directory, sorted by name. HAMT-sharded directories (as written by ipfs-car
   * and Kubo for large folders) are read by walking all their shards.
   */
  public List<DirectoryEntry> listDirectory(Cid cid) {
    Node node = load(cid);
    UnixFsData.Type type = node.unixfs == null ? null : node.unixfs.type();
    List<DirectoryEntry> entries = new ArrayList<>();
    if (type == UnixFsData.Type.DIRECTORY) {
      for (PbLink link : node.pb.links()) {
        entries.add(entry(cid, link, link.name()));
      }
    } else if (type == UnixFsData.Type.HAMT_SHARD) {
      collectShard(cid, node, entries);
      entries.sort(Comparator.comparing(DirectoryEntry::name));
    } else {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          cid + " is not a directory (it is " + describe(cid, node) + ")");
    }
    return entries;
  }

  private void collectShard(Cid cid, Node node, List<DirectoryEntry> out) {
    long fanout = node.unixfs.fanout() == null ? 256 : node.unixfs.fanout();
    int prefix = Long.toHexString(fanout - 1).length();
    for (PbLink link : node.pb.links()) {
      String name = link.name() == null ? "" : link.name();
      if (name.length() < prefix) {
        throw corrupt(
            cid,
            "HAMT link name '" + name + "' is shorter than its " + prefix + "-character prefix");
      }
      if (name.length() == prefix) {
        Node child = load(link.hash());
        if (child.unixfs == null || child.unixfs.type() != UnixFsData.Type.HAMT_SHARD) {
          throw corrupt(cid, "HAMT link '" + name + "' does not point at a shard");
        }
        collectShard(link.hash(), child, out);
      } else {
        out.add(entry(cid, link, name.substring(prefix)));
      }
    }
  }

  private static DirectoryEntry entry(Cid dir, PbLink link, String name) {
    if (name == null || name.isEmpty()) {
      throw corrupt(dir, "directory link to " + link.hash() + " has no name");
    }
    return new DirectoryEntry(name, link.hash(), link.tsize() == null ? 0 : link.tsize());
  }

  /** A block and, for dag-pb, its decoded node and UnixFS data. */
  private record Node(byte[] bytes, PbNode pb, UnixFsData unixfs) {}

  private Node load(Cid cid) {
    byte[] bytes = source.get(cid);
    if (cid.codec() == Multicodec.RAW) {
      return new Node(bytes, null, null);
    }
    if (cid.codec() != Multicodec.DAG_PB) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          cid + " is " + Multicodec.name(cid.codec()) + ", not a UnixFS node (raw or dag-pb)");
    }
    try {
      PbNode pb = DagPb.decode(bytes);
      if (pb.data() == null) {
        throw new QuarryException(ErrorCode.CORRUPT_DATA, "dag-pb node without UnixFS data");
      }
      return new Node(bytes, pb, UnixFsData.decode(pb.data()));
    } catch (QuarryException e) {
      throw corrupt(cid, e.getMessage());
    }
  }

  private static void requireFile(Cid cid, UnixFsData data) {
    if (data.type() != UnixFsData.Type.FILE && data.type() != UnixFsData.Type.RAW) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          cid
              + " is not a file (it is a UnixFS "
              + data.type().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
    }
  }

  private static String describe(Cid cid, Node node) {
    return node.unixfs == null
        ? "a raw block"
        : "a UnixFS " + node.unixfs.type().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static QuarryException corrupt(Cid cid, String reason) {
    return new QuarryException(
        ErrorCode.CORRUPT_DATA, "Block " + cid + " is not valid UnixFS: " + reason);
  }

  /** Depth-first walk over the file's DAG, holding one leaf's bytes at a time. */
  private final class FileStream extends InputStream {
    private final Cid root;
    private final Deque<Iterator<PbLink>> stack = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean closed;

    FileStream(Cid root) {
      this.root = root;
    }

    void start() {
      visit(root);
    }

    /** Loads the node: its own bytes become current, its links are pushed. */
    private void visit(Cid cid) {
      Node node = load(cid);
      if (node.unixfs == null) {
        current = node.bytes;
      } else {
        requireFile(cid, node.unixfs);
        byte[] data = node.unixfs.data();
        current = data == null ? new byte[0] : data;
        if (!node.pb.links().isEmpty()) {
          stack.push(node.pb.links().iterator());
        }
      }
      pos = 0;
    }

    /** Makes {@code current} non-empty; false at the end of the file. */
    private boolean fill() {
      while (pos >= current.length) {
        while (!stack.isEmpty() && !stack.peek().hasNext()) {
          stack.pop();
        }
        if (stack.isEmpty()) {
          return false;
        }
        visit(stack.peek().next().hash());
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      checkOpen();
      if (!fill()) {
        return -1;
      }
      return current[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkOpen();
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len && fill()) {
        int k = Math.min(len - n, current.length - pos);
        System.arraycopy(current, pos, b, off + n, k);
        pos += k;
        n += k;
      }
      return n == 0 ? -1 : n;
    }

    @Override
    public int available() {
      return closed ? 0 : current.length - pos;
    }

    @Override
    public void close() {
      closed = true;
      stack.clear();
      current = new byte[0];
    }

    private void checkOpen() throws IOException {
      if (closed) {
        throw new IOException("stream of " + root + " is closed");
      }
    }
  }
}
