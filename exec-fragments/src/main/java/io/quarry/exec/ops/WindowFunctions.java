package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowFrame;
import io.quarry.exec.plan.WindowFunction;
import io.quarry.exec.vector.Batches;
import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Window function values over one partition: sorted positions {@code order[start, end)}. Positions
 * below are relative to the partition. Frame aggregates use prefix sums and counts (O(1) per row);
 * MIN and MAX run forwards or backwards when one end of the frame is unbounded and scan otherwise.
 * A RANGE bound with an offset is found by binary search over the sorted order key, for the row's
 * bound value (computed by the plan into its own column); a row whose key is NULL frames its NULL
 * peers.
 */
final class WindowFunctions {
  private final VectorSchemaRoot root;
  private final int[] order;
  private final int start;
  private final int size;
  private final int[] peerStart; // first position of the row's peer group
  private final int[] peerEnd; // one past the last position of the row's peer group
  private final WindowFrame frame;
  private final SortKey rangeKey; // the order key of a RANGE frame with offsets, else null
  private int keysFrom; // positions [keysFrom, keysTo) have a non-NULL range key
  private int keysTo;

  WindowFunctions(
      VectorSchemaRoot root,
      int[] order,
      int start,
      int end,
      RowComparator peers,
      WindowFrame frame,
      SortKey rangeKey) {
    this.root = root;
    this.order = order;
    this.start = start;
    this.size = end - start;
    this.frame = frame;
    this.rangeKey = rangeKey;
    peerStart = new int[size];
    peerEnd = new int[size];
    int g = 0;
    for (int j = 1; j <= size; j++) {
      if (j == size || peers.compare(order[start + g], order[start + j]) != 0) {
        for (int p = g; p < j; p++) {
          peerStart[p] = g;
          peerEnd[p] = j;
        }
        g = j;
      }
    }
    if (rangeKey != null) {
      // NULL keys sort together at one end of the partition.
      keysFrom = 0;
      keysTo = size;
      while (keysFrom < size && value(rangeKey.column(), keysFrom) == null) {
        keysFrom++;
      }
      while (keysTo > keysFrom && value(rangeKey.column(), keysTo - 1) == null) {
        keysTo--;
      }
    }
  }

  private int lo(int j) {
    if (frame.lower() == null) {
      return 0;
    }
    if (frame.lowerColumn() != null && value(rangeKey.column(), j) != null) {
      return firstNotBefore(value(frame.lowerColumn(), j));
    }
    if (!frame.rows()) {
      return peerStart[j];
    }
    return (int) Math.max(0, Math.min((long) size, j + frame.lower()));
  }

  /** Inclusive; lo > hi means an empty frame. */
  private int hi(int j) {
    if (frame.upper() == null) {
      return size - 1;
    }
    if (frame.upperColumn() != null && value(rangeKey.column(), j) != null) {
      return firstAfter(value(frame.upperColumn(), j)) - 1;
    }
    if (!frame.rows()) {
      return peerEnd[j] - 1;
    }
    return (int) Math.min(size - 1, Math.max(-1L, j + frame.upper()));
  }

  /** The first position whose key does not sort before {@code bound}. */
  private int firstNotBefore(Object bound) {
    int low = keysFrom;
    int high = keysTo;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (inKeyOrder(value(rangeKey.column(), mid), bound) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The first position whose key sorts after {@code bound}. */
  private int firstAfter(Object bound) {
    int low = keysFrom;
    int high = keysTo;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (inKeyOrder(value(rangeKey.column(), mid), bound) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private int inKeyOrder(Object key, Object bound) {
    int c =
        key instanceof Number x && bound instanceof Number y && x.getClass() != y.getClass()
            ? numeric(x).compareTo(numeric(y))
            : compare(key, bound);
    return rangeKey.descending() ? -c : c;
  }

  private static BigDecimal numeric(Number n) {
    return n instanceof BigDecimal d
        ? d
        : n instanceof Double d ? BigDecimal.valueOf(d) : BigDecimal.valueOf(n.longValue());
  }

  private Object value(int column, int j) {
    return Batches.get(root.getVector(column), order[start + j]);
  }

  private Object[] values(int column) {
    Object[] v = new Object[size];
    for (int j = 0; j < size; j++) {
      v[j] = value(column, j);
    }
    return v;
  }

  void compute(WindowCall call, Object[] out) {
    switch (call.function()) {
      case ROW_NUMBER -> fill(out, j -> (long) j + 1);
      case RANK -> fill(out, j -> (long) peerStart[j] + 1);
      case DENSE_RANK -> {
        long rank = 0;
        for (int j = 0; j < size; j++) {
          if (peerStart[j] == j) {
            rank++;
          }
          out[order[start + j]] = rank;
        }
      }
      case PERCENT_RANK -> fill(out, j -> size == 1 ? 0.0 : (double) peerStart[j] / (size - 1));
      case CUME_DIST -> fill(out, j -> (double) peerEnd[j] / size);
      case NTILE -> fill(out, j -> ntile(call, j));
      case LAG, LEAD -> fill(out, j -> shifted(call, j));
      case FIRST_VALUE -> fill(out, j -> lo(j) <= hi(j) ? value(call.args().get(0), lo(j)) : null);
      case LAST_VALUE -> fill(out, j -> lo(j) <= hi(j) ? value(call.args().get(0), hi(j)) : null);
      case COUNT_STAR -> fill(out, j -> (long) Math.max(0, hi(j) - lo(j) + 1));
      case COUNT, SUM, AVG -> sums(call, out);
      case MIN, MAX -> minMax(call, out);
    }
  }

  private interface PerRow {
    Object at(int j);
  }

  private void fill(Object[] out, PerRow f) {
    for (int j = 0; j < size; j++) {
      out[order[start + j]] = f.at(j);
    }
  }

  private Object ntile(WindowCall call, int j) {
    Object k = value(call.args().get(0), j);
    if (k == null) {
      return null;
    }
    long buckets = ((Number) k).longValue();
    if (buckets <= 0) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "NTILE bucket count must be positive: " + k);
    }
    long q = size / buckets;
    long r = size % buckets;
    long big = r * (q + 1);
    return j < big ? j / (q + 1) + 1 : (j - big) / q + r + 1;
  }

  private Object shifted(WindowCall call, int j) {
    long offset = 1;
    if (call.args().size() > 1) {
      Object o = value(call.args().get(1), j);
      if (o == null) {
        return null;
      }
      offset = ((Number) o).longValue();
    }
    long target = call.function() == WindowFunction.LAG ? j - offset : j + offset;
    if (target >= 0 && target < size) {
      return value(call.args().get(0), (int) target);
    }
    return call.args().size() > 2 ? value(call.args().get(2), j) : null;
  }

  private void sums(WindowCall call, Object[] out) {
    int column = call.args().get(0);
    Object[] v = values(column);
    boolean isDouble = root.getVector(column) instanceof Float8Vector;
    long[] counts = new long[size + 1];
    double[] dsum = isDouble ? new double[size + 1] : null;
    BigDecimal[] xsum = isDouble ? null : new BigDecimal[size + 1];
    if (xsum != null) {
      xsum[0] = BigDecimal.ZERO;
    }
    for (int j = 0; j < size; j++) {
      boolean present = v[j] != null;
      counts[j + 1] = counts[j] + (present ? 1 : 0);
      if (isDouble) {
        dsum[j + 1] = dsum[j] + (present ? (Double) v[j] : 0.0);
      } else {
        xsum[j + 1] = present ? xsum[j].add(decimal(v[j])) : xsum[j];
      }
    }
    DataType type = call.type();
    for (int j = 0; j < size; j++) {
      int lo = lo(j);
      int hi = hi(j);
      long count = lo <= hi ? counts[hi + 1] - counts[lo] : 0;
      Object result;
      if (call.function() == WindowFunction.COUNT) {
        result = count;
      } else if (count == 0) {
        result = null;
      } else if (isDouble) {
        double s = dsum[hi + 1] - dsum[lo];
        result = call.function() == WindowFunction.SUM ? s : s / count;
      } else {
        BigDecimal s = xsum[hi + 1].subtract(xsum[lo]);
        result = call.function() == WindowFunction.SUM ? exact(s, type) : average(s, count, type);
      }
      out[order[start + j]] = result;
    }
  }

  private static Object exact(BigDecimal s, DataType type) {
    return switch (type.kind()) {
      case DECIMAL -> s.setScale(type.scale(), RoundingMode.HALF_UP);
      case DOUBLE -> s.doubleValue();
      default -> {
        try {
          yield s.longValueExact();
        } catch (ArithmeticException e) {
          throw new QuarryException(
              ErrorCode.NUMERIC_OVERFLOW, "SUM = " + s + " overflows " + type);
        }
      }
    };
  }

  private static Object average(BigDecimal s, long count, DataType type) {
    BigDecimal n = BigDecimal.valueOf(count);
    return switch (type.kind()) {
      case DECIMAL -> s.divide(n, type.scale(), RoundingMode.HALF_UP);
      case DOUBLE -> s.divide(n, MathContext.DECIMAL128).doubleValue();
      default -> s.divide(n, 0, RoundingMode.DOWN).longValueExact();
    };
  }

  private static BigDecimal decimal(Object x) {
    return x instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) x).longValue());
  }

  private void minMax(WindowCall call, Object[] out) {
    Object[] v = values(call.args().get(0));
    int sign = call.function() == WindowFunction.MIN ? 1 : -1;
    if (frame.lower() == null) {
      Object best = null;
      int reached = -1;
      for (int j = 0; j < size; j++) {
        int hi = hi(j);
        while (reached < hi) {
          reached++;
          best = better(best, v[reached], sign);
        }
        out[order[start + j]] = best;
      }
    } else if (frame.upper() == null) {
      Object best = null;
      int reached = size;
      for (int j = size - 1; j >= 0; j--) {
        int lo = lo(j);
        while (reached > lo) {
          reached--;
          best = better(best, v[reached], sign);
        }
        out[order[start + j]] = best;
      }
    } else {
      for (int j = 0; j < size; j++) {
        Object best = null;
        for (int p = lo(j); p <= hi(j); p++) {
          best = better(best, v[p], sign);
        }
        out[order[start + j]] = best;
      }
    }
  }

  private static Object better(Object best, Object x, int sign) {
    if (x == null) {
      return best;
    }
    if (best == null) {
      return x;
    }
    return sign * compare(x, best) < 0 ? x : best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compareUnsigned(
          x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
    return ((Comparable) a).compareTo(b);
  }
}
