package io.quarry.exec.ops;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * COUNT(*) and COUNT(x, ...) (rows where every argument is non-null); the partial state is the
 * count, merged by adding.
 */
final class CountAccumulator extends AggAccumulator {
  private final int[] args; // empty for COUNT(*)
  private final int state;
  private long[] counts = new long[16];

  CountAccumulator(int[] args, int state) {
    this.args = args.clone();
    this.state = state;
  }

  @Override
  void ensureGroups(int groups) {
    counts = grow(counts, groups);
  }

  @Override
  void add(int[] gid, int n, VectorSchemaRoot batch, GroupHistogram histogram) {
    long[] c = counts;
    FieldVector[] nullable = new FieldVector[args.length];
    int k = 0;
    for (int a : args) {
      FieldVector v = batch.getVector(a);
      if (v.getNullCount() > 0) {
        nullable[k++] = v;
      }
    }
    if (k == 0 && histogram != null) {
      histogram.addTo(c);
      return;
    }
    for (int i = 0; i < n; i++) {
      int g = gid[i];
      if (g >= 0 && allPresent(nullable, k, i)) {
        c[g]++;
      }
    }
  }

  private static boolean allPresent(FieldVector[] vectors, int k, int row) {
    for (int j = 0; j < k; j++) {
      if (vectors[j].isNull(row)) {
        return false;
      }
    }
    return true;
  }

  @Override
  void merge(int[] gid, int n, VectorSchemaRoot batch) {
    FieldVector v = batch.getVector(state);
    ArrowBuf b = v.getDataBuffer();
    boolean noNulls = v.getNullCount() == 0;
    long[] c = counts;
    for (int i = 0; i < n; i++) {
      int g = gid[i];
      if (g >= 0 && (noNulls || !v.isNull(i))) {
        c[g] += b.getLong((long) i * 8);
      }
    }
  }

  @Override
  void writeFinal(int from, int count, FieldVector out) {
    for (int r = 0; r < count; r++) {
      ExactValues.writeExact(out, r, counts[from + r], null, 0, "COUNT");
    }
  }

  @Override
  void writePartial(int from, int count, List<FieldVector> outs) {
    writeFinal(from, count, outs.get(0));
  }
}
