package io.quarry.exec.ops;

import io.quarry.exec.Operator;
import io.quarry.exec.hash.GroupTable;
import io.quarry.exec.hash.KeyEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
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

  private JoinBuild(
      BatchCollector batches, GroupTable table, int[] chainHead, int[] chainNext) {
    this.batches = batches;
    this.rows = batches.rows();
    this.table = table;
    this.chainHead = chainHead;
    this.chainNext = chainNext;
  }

  /** Drains {@code input} and hashes its rows on {@code keys} (encoded at {@code keyScales}). */
  static JoinBuild build(
      Operator input, BufferAllocator allocator, int[] keys, int[] keyScales) {
    BatchCollector batches = BatchCollector.drain(input, allocator);
    try {
      int rows = batches.rows();
      int[] chainNext = new int[rows];
      Arrays.fill(chainNext, -1);
      if (keys.length == 0) {
        for (int r = 0; r + 1 < rows; r++) {
          chainNext[r] = r + 1;
        }
        return new JoinBuild(batches, null, new int[0], chainNext);
      }
      GroupTable table = new GroupTable();
      if (rows == 0) {
        return new JoinBuild(batches, table, new int[0], chainNext);
      }
      KeyEncoder enc = new KeyEncoder(keyScales, true);
      List<FieldVector> keyVectors = new ArrayList<>(keys.length);
      VectorSchemaRoot root = batches.root();
      for (int k : keys) {
        keyVectors.add(root.getVector(k));
      }
      enc.encode(keyVectors, rows);
      int[] gid = new int[rows];
      table.findOrInsert(enc, gid, new int[rows]);
      int[] chainHead = new int[table.size()];
      int[] tail = new int[table.size()];
      Arrays.fill(chainHead, -1);
      for (int r = 0; r < rows; r++) {
        if (enc.anyNull(r)) {
          continue;
        }
        int g = gid[r];
        if (chainHead[g] < 0) {
          chainHead[g] = r;
        } else {
          chainNext[tail[g]] = r;
        }
        tail[g] = r;
      }
      return new JoinBuild(batches, table, chainHead, chainNext);
    } catch (RuntimeException | Error e) {
      batches.close();
      throw e;
    }
  }

  VectorSchemaRoot root() {
    return batches.root();
  }

  @Override
  public void close() {
    batches.close();
  }
}
