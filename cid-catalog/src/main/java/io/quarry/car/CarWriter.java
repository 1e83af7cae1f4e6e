package io.quarry.car;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Varint;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.BlockSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Writes a CARv1: the dag-cbor header {@code {roots: [root], version: 1}}, then one section per
 * block ({@code varint(len) ‖ CID ‖ data}) in DAG order — depth-first from the root, links in
 * order, each block once. Blocks are read one at a time, so the DAG may be larger than memory.
 */
public final class CarWriter {
  private CarWriter() {}

  /**
   * Writes the DAG under {@code root} to {@code out} (flushed, not closed).
   *
   * @return the number of bytes written
   * @throws QuarryException NOT_FOUND if a block of the DAG is missing, UNSUPPORTED for a codec
   *     whose links Quarry cannot read, IO_ERROR if writing fails
   */
  public static long write(Cid root, BlockSource source, OutputStream out) {
    requireNonNull(root, "root is null");
    requireNonNull(source, "source is null");
    requireNonNull(out, "out is null");
    try {
      Counting counting = new Counting(out);
      BufferedOutputStream buffered = new BufferedOutputStream(counting, 1 << 16);
      byte[] header = DagCbor.carHeader(List.of(root));
      buffered.write(Varint.encode(header.length));
      buffered.write(header);
      Set<Cid> seen = new HashSet<>();
      Deque<Iterator<Cid>> stack = new ArrayDeque<>();
      seen.add(root);
      writeBlock(root, source, buffered, stack);
      while (!stack.isEmpty()) {
        Iterator<Cid> it = stack.peek();
        if (!it.hasNext()) {
          stack.pop();
          continue;
        }
        Cid next = it.next();
        if (seen.add(next)) {
          writeBlock(next, source, buffered, stack);
        }
      }
      buffered.flush();
      return counting.count;
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot write CAR of " + root + ": " + e.getMessage(), e);
    }
  }

  private static void writeBlock(
      Cid cid, BlockSource source, OutputStream out, Deque<Iterator<Cid>> stack)
      throws IOException {
    byte[] data = source.get(cid);
    byte[] cidBytes = cid.bytes();
    out.write(Varint.encode((long) cidBytes.length + data.length));
    out.write(cidBytes);
    out.write(data);
    List<Cid> links = Links.of(cid, data);
    if (links == null) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "Cannot export "
              + cid
              + ": links of "
              + Multicodec.name(cid.codec())
              + " blocks cannot be read");
    }
    if (!links.isEmpty()) {
      stack.push(links.iterator());
    }
  }

  private static final class Counting extends OutputStream {
    private final OutputStream out;
    private long count;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
