package io.quarry.exec.ops;

import io.quarry.exec.plan.AggFunction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * SUM, SUM0 and AVG. Exact inputs (integers and decimals, as unscaled values at {@code scale}) are
 * summed in longs with an overflow check; a group whose sum leaves the long range carries the rest
 * in a BigInteger, so sums are always exact. DOUBLE inputs are summed in doubles. The partial state
 * of AVG is (sum, count); of SUM and SUM0 the sum.
 */
final class SumAccumulator extends AggAccumulator {
  private static final int LANES = 4;
  private static final int LANE_GROUP_LIMIT = 4096;

  private final AggFunction function;
  private final int valueColumn;
  private final int countColumn; // FINAL AVG only, else -1
  private final boolean isDouble;
  private final int scale;
  private final String name;
  private long[] sums = new long[16];
  private BigInteger[] big; // null until some group overflows
  private double[] doubles = new double[16];
  private long[] counts = new long[16];
  private long[] scratch = new long[0];
  // With few groups, exact sums go to LANES interleaved slots per group (row i to lane i % LANES),
  // so consecutive rows of one group do not wait on each other's store; folded before output.
  private long[] lanes = new long[0];
  private int groupCount;
  // Set when another accumulator over the same rows (SUM and AVG of one column) keeps the state.
  private SumAccumulator source;

  SumAccumulator(
      AggFunction function,
      int valueColumn,
      int countColumn,
      boolean isDouble,
      int scale,
      String name) {
    this.function = function;
    this.valueColumn = valueColumn;
    this.countColumn = countColumn;
    this.isDouble = isDouble;
    this.scale = scale;
    this.name = name;
  }

  /**
   * Makes this accumulator take its state from {@code other}, which is fed the same rows (SUM,
   * SUM0 and AVG of one column keep the same sums and counts); this one is then not fed at all.
   */
  void shareStateOf(SumAccumulator other) {
    this.source = other;
  }

  boolean sharesState() {
    return source != null;
  }

  private void adoptSource() {
    if (source != null) {
      source.fold();
      sums = source.sums;
      big = source.big;
      doubles = source.doubles;
      counts = source.counts;
      groupCount = source.groupCount;
    }
  }

  @Override
  void ensureGroups(int groups) {
    groupCount = groups;
    counts = grow(counts, groups);
    if (isDouble) {
      doubles = grow(doubles, groups);
    } else {
      sums = grow(sums, groups);
      if (big != null) {
        big = grow(big, groups);
      }
    }
  }

  @Override
  void add(int[] gid, int n, VectorSchemaRoot batch, GroupHistogram histogram) {
    FieldVector v = batch.getVector(valueColumn);
    if (histogram != null && v.getNullCount() == 0) {
      addValues(gid, n, v, false);
      histogram.addTo(counts);
    } else {
      addValues(gid, n, v, true);
    }
  }

  @Override
  void merge(int[] gid, int n, VectorSchemaRoot batch) {
    if (function != AggFunction.AVG) {
      addValues(gid, n, batch.getVector(valueColumn), true);
      return;
    }
    addValues(gid, n, batch.getVector(valueColumn), false);
    FieldVector cv = batch.getVector(countColumn);
    ArrowBuf b = cv.getDataBuffer();
    boolean noNulls = cv.getNullCount() == 0;
    long[] c = counts;
    for (int i = 0; i < n; i++) {
      int g = gid[i];
      if (g >= 0 && (noNulls || !cv.isNull(i))) {
        c[g] += b.getLong((long) i * 8);
      }
    }
  }

  private void addValues(int[] gid, int n, FieldVector v, boolean count) {
    boolean noNulls = v.getNullCount() == 0;
    long valid = v.getValidityBuffer().memoryAddress();
    long data = v.getDataBuffer().memoryAddress();
    long[] c = counts;
    int inc = count ? 1 : 0;
    if (isDouble) {
      double[] d = doubles;
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g >= 0 && (noNulls || isValid(valid, i))) {
          d[g] += Double.longBitsToDouble(MemoryUtil.getLong(data + ((long) i << 3)));
          c[g] += inc;
        }
      }
      return;
    }
    boolean laned = groupCount <= LANE_GROUP_LIMIT;
    if (laned && lanes.length < groupCount * LANES) {
      lanes = Arrays.copyOf(lanes, Math.max(groupCount, 16) * LANES);
    }
    long[] s = laned ? lanes : sums;
    int shift = laned ? 2 : 0;
    int laneMask = laned ? LANES - 1 : 0;
    if (v instanceof DecimalVector && noNulls && !count) {
      // The common case, kept free of per-row branches on nulls and counts: consecutive rows of
      // one group then only depend on each other through their lane.
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g < 0) {
          continue;
        }
        long at = data + ((long) i << 4);
        long lo = MemoryUtil.getLong(at);
        long hi = MemoryUtil.getLong(at + 8);
        if (hi != (lo >> 63)) {
          addBig(g, ExactValues.toBig(hi, lo));
          continue;
        }
        int k = (g << shift) | (i & laneMask);
        long a = s[k];
        long r = a + lo;
        if (((a ^ r) & (lo ^ r)) < 0) {
          overflow(s, k, g, lo);
        } else {
          s[k] = r;
        }
      }
      return;
    }
    if (v instanceof DecimalVector) {
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g >= 0 && (noNulls || isValid(valid, i))) {
          long at = data + ((long) i << 4);
          long lo = MemoryUtil.getLong(at);
          long hi = MemoryUtil.getLong(at + 8);
          if (hi != (lo >> 63)) {
            addBig(g, ExactValues.toBig(hi, lo));
          } else {
            int k = (g << shift) | (i & laneMask);
            long a = s[k];
            long r = a + lo;
            if (((a ^ r) & (lo ^ r)) < 0) {
              overflow(s, k, g, lo);
            } else {
              s[k] = r;
            }
          }
          c[g] += inc;
        }
      }
      return;
    }
    long[] x = null;
    int width = v instanceof BigIntVector ? 8 : 4;
    if (!(v instanceof BigIntVector) && !(v instanceof IntVector)) {
      if (scratch.length < n) {
        scratch = new long[n];
      }
      ExactValues.readLongs(v, n, scratch);
      x = scratch;
    }
    for (int i = 0; i < n; i++) {
      int g = gid[i];
      if (g >= 0 && (noNulls || isValid(valid, i))) {
        long y =
            x != null
                ? x[i]
                : width == 8
                    ? MemoryUtil.getLong(data + ((long) i << 3))
                    : MemoryUtil.getInt(data + ((long) i << 2));
        int k = (g << shift) | (i & laneMask);
        long a = s[k];
        long r = a + y;
        if (((a ^ r) & (y ^ r)) < 0) {
          overflow(s, k, g, y);
        } else {
          s[k] = r;
        }
        c[g] += inc;
      }
    }
  }

  private static boolean isValid(long validity, int i) {
    return ((MemoryUtil.getByte(validity + (i >> 3)) >> (i & 7)) & 1) != 0;
  }

  /** Moves slot k of {@code s} (which belongs to group g) plus y into g's BigInteger part. */
  private void overflow(long[] s, int k, int g, long y) {
    addBig(g, BigInteger.valueOf(s[k]).add(BigInteger.valueOf(y)));
    s[k] = 0;
  }

  /** Adds the lanes into the per-group sums. */
  private void fold() {
    int groups = Math.min(groupCount, lanes.length / LANES);
    for (int g = 0; g < groups; g++) {
      for (int l = 0; l < LANES; l++) {
        int k = g * LANES + l;
        long y = lanes[k];
        if (y != 0) {
          lanes[k] = 0;
          long a = sums[g];
          long r = a + y;
          if (((a ^ r) & (y ^ r)) < 0) {
            overflow(sums, g, g, y);
          } else {
            sums[g] = r;
          }
        }
      }
    }
  }

  private void addBig(int g, BigInteger x) {
    if (big == null) {
      big = new BigInteger[Math.max(sums.length, 16)];
    }
    big[g] = big[g] == null ? x : big[g].add(x);
  }

  private BigInteger bigOf(int g) {
    return big == null ? null : big[g];
  }

  @Override
  void writeFinal(int from, int count, FieldVector out) {
    adoptSource();
    fold();
    for (int r = 0; r < count; r++) {
      int g = from + r;
      if (function == AggFunction.AVG) {
        writeAvg(g, out, r);
      } else {
        writeSum(g, out, r);
      }
    }
  }

  private void writeSum(int g, FieldVector out, int row) {
    if (counts[g] == 0 && function != AggFunction.SUM0) {
      out.setNull(row);
    } else if (isDouble) {
      double d = doubles[g];
      if (out instanceof Float8Vector f) {
        f.setSafe(row, d);
      } else {
        ExactValues.writeExact(
            out,
            row,
            0,
            new BigDecimal(d).setScale(scale, RoundingMode.HALF_UP).unscaledValue(),
            scale,
            name);
      }
    } else {
      ExactValues.writeExact(out, row, sums[g], bigOf(g), scale, name);
    }
  }

  private void writeAvg(int g, FieldVector out, int row) {
    long n = counts[g];
    if (n == 0) {
      out.setNull(row);
      return;
    }
    if (isDouble) {
      double avg = doubles[g] / n;
      if (out instanceof Float8Vector f) {
        f.setSafe(row, avg);
      } else if (out instanceof DecimalVector d) {
        ExactValues.writeDecimal(d, row, new BigDecimal(avg), name);
      } else {
        ExactValues.writeExact(out, row, (long) avg, null, 0, name);
      }
      return;
    }
    BigDecimal sum = new BigDecimal(ExactValues.total(sums[g], bigOf(g)), scale);
    BigDecimal count = BigDecimal.valueOf(n);
    if (out instanceof DecimalVector d) {
      ExactValues.writeDecimal(d, row, sum.divide(count, d.getScale(), RoundingMode.HALF_UP), name);
    } else if (out instanceof Float8Vector f) {
      f.setSafe(row, sum.divide(count, MathContext.DECIMAL128).doubleValue());
    } else {
      BigInteger q = sum.divide(count, 0, RoundingMode.DOWN).toBigInteger();
      ExactValues.writeExact(out, row, 0, q, 0, name);
    }
  }

  @Override
  void writePartial(int from, int count, List<FieldVector> outs) {
    adoptSource();
    fold();
    if (function != AggFunction.AVG) {
      writeFinal(from, count, outs.get(0));
      return;
    }
    FieldVector sumOut = outs.get(0);
    FieldVector countOut = outs.get(1);
    for (int r = 0; r < count; r++) {
      int g = from + r;
      if (isDouble) {
        ((Float8Vector) sumOut).setSafe(r, doubles[g]);
      } else {
        ExactValues.writeExact(sumOut, r, sums[g], bigOf(g), scale, name);
      }
      ((BigIntVector) countOut).setSafe(r, counts[g]);
    }
  }
}
