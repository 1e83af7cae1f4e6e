package io.quarry.exec.ops;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The per-group state of one aggregate call, held in primitive arrays indexed by group id. Updates
 * take a whole batch and its group-id array; a negative group id means "skip this row" (used for
 * FILTER clauses).
 */
abstract class AggAccumulator {
  /** Makes room for groups [0, groups). */
  abstract void ensureGroups(int groups);

  /**
   * Aggregates raw input rows (SINGLE and PARTIAL phase). {@code histogram} counts the rows per
   * group of {@code gid} when no FILTER applies to this call, else it is null.
   */
  abstract void add(int[] gid, int n, VectorSchemaRoot batch, GroupHistogram histogram);

  /** Merges partial states (FINAL phase). */
  abstract void merge(int[] gid, int n, VectorSchemaRoot batch);

  /** Writes the final values of groups [from, from + count) to rows 0.. of {@code out}. */
  abstract void writeFinal(int from, int count, FieldVector out);

  /** Writes the partial states of groups [from, from + count), one vector per state column. */
  abstract void writePartial(int from, int count, List<FieldVector> outs);

  static long[] grow(long[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }

  static double[] grow(double[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }

  static boolean[] grow(boolean[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }

  static <T> T[] grow(T[] a, int n) {
    return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
  }
}
