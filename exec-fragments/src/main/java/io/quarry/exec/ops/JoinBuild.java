package io.quarry.exec.ops;

import io.quarry.exec.HeapCharge;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.GroupTable;
import io.quarry.exec.hash.KeyEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The build side of a hash join: every build row in one batch, a {@link GroupTable} with one entry
 * per distinct key, and the rows of each key chained in build order ({@code chainHead} per key
 * group, {@code chainNext} per row; -1 ends a chain). Rows with a NULL key are in no chain. Without
 * keys every row is chained after the previous one (a nested loop). Never modified once built, so
 * several probing threads may read it at once.
 */
final class JoinBuild implements AutoCloseable {
  final BatchCollector batches;
  final int rows;
  final GroupTable table; // null without keys
  final int[] chainHead;
  final int[] chainNext;
  private final HeapCharge charge; // the table's and the chains' heap, against the query's limit

  private JoinBuild(
      BatchCollector batches,
      GroupTable table,
      int[] chainHead,
      int[] chainNext,
      HeapCharge charge) {
    this.batches = batches;
    this.rows = batches.rows();
    this.table = table;
    this.chainHead = chainHead;
    this.chainNext = chainNext;
    this.charge = charge;
  }

  /** Drains {@code input} on this thread and hashes its rows on {@code keys}. */
  static JoinBuild build(
      Operator input, BufferAllocator allocator, int[] keys, int[] keyScales) {
    BatchCollector batches = BatchCollector.drain(input, allocator);
    try {
      KeyEncoder enc =
          keys.length == 0 || batches.rows() == 0
              ? null
              : BuildDrain.encode(batches.root(), keys, keyScales);
      return hash(batches, enc == null ? List.of() : List.of(enc), keys.length > 0, allocator);
    } catch (RuntimeException | Error e) {
      batches.close();
      throw e;
    }
  }

  /**
   * The build over the rows of {@code parts} (each non-empty, with its keys encoded unless there
   * are none), which it takes over: their rows are appended to the first part's in list order.
   */
  static JoinBuild fromParts(
      List<BuildDrain.Part> parts, BufferAllocator allocator, boolean keyed) {
    BatchCollector batches = parts.isEmpty() ? new BatchCollector(allocator) : parts.get(0).batches;
    try {
      for (int i = 1; i < parts.size(); i++) {
        BatchCollector other = parts.get(i).batches;
        try (other) {
          batches.append(other.root());
        }
      }
      List<KeyEncoder> encoders = new ArrayList<>(parts.size());
      if (keyed) {
        for (BuildDrain.Part p : parts) {
          encoders.add(p.keys);
        }
      }
      return hash(batches, encoders, keyed, allocator);
    } catch (RuntimeException | Error e) {
      batches.close();
      for (int i = 1; i < parts.size(); i++) {
        parts.get(i).batches.close();
      }
      throw e;
    }
  }

  /**
   * Hashes the rows of {@code batches}, whose keys are encoded by {@code encoders} in consecutive
   * runs of rows (one encoder per run, in row order).
   */
  private static JoinBuild hash(
      BatchCollector batches, List<KeyEncoder> encoders, boolean keyed, BufferAllocator allocator) {
    HeapCharge charge = new HeapCharge(allocator);
    try {
      return hash(batches, encoders, keyed, charge);
    } catch (RuntimeException | Error e) {
      charge.close();
      throw e;
    }
  }

  private static JoinBuild hash(
      BatchCollector batches, List<KeyEncoder> encoders, boolean keyed, HeapCharge charge) {
    int rows = batches.rows();
    charge.add(4L * rows);
    int[] chainNext = new int[rows];
    Arrays.fill(chainNext, -1);
    if (!keyed) {
      for (int r = 0; r + 1 < rows; r++) {
        chainNext[r] = r + 1;
      }
      return new JoinBuild(batches, null, new int[0], chainNext, charge);
    }
    GroupTable table = new GroupTable(charge);
    if (rows == 0) {
      return new JoinBuild(batches, table, new int[0], chainNext, charge);
    }
    int[] gid = new int[rows];
    int[] scratch = new int[0];
    int[] newGroups = new int[0];
    int from = 0;
    for (KeyEncoder enc : encoders) {
      int n = enc.rows();
      if (scratch.length < n) {
        scratch = new int[n];
        newGroups = new int[n];
      }
      table.findOrInsert(enc, scratch, newGroups);
      for (int r = 0; r < n; r++) {
        gid[from + r] = enc.anyNull(r) ? -1 : scratch[r];
      }
      from += n;
    }
    if (from != rows) {
      throw new IllegalStateException("encoded " + from + " keys for " + rows + " build rows");
    }
    charge.add(4L * table.size());
    int[] chainHead = new int[table.size()];
    int[] tail = new int[table.size()];
    Arrays.fill(chainHead, -1);
    for (int r = 0; r < rows; r++) {
      int g = gid[r];
      if (g < 0) {
        continue;
      }
      if (chainHead[g] < 0) {
        chainHead[g] = r;
      } else {
        chainNext[tail[g]] = r;
      }
      tail[g] = r;
    }
    return new JoinBuild(batches, table, chainHead, chainNext, charge);
  }

  VectorSchemaRoot root() {
    return batches.root();
  }

  @Override
  public void close() {
    try {
      charge.close();
    } finally {
      batches.close();
    }
  }
}
