package io.quarry.exec.ops;

import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * One value per group, kept by MIN, MAX, ANY_VALUE and SINGLE_VALUE: longs for integer-like types
 * (and decimals of at most 18 digits, unscaled), doubles, or objects (wider decimals as BigDecimal,
 * strings as UTF-8 bytes compared unsigned, which is code point order).
 */
abstract class ValueSlots {
  static final int MIN = 0;
  static final int MAX = 1;
  static final int FIRST = 2;

  boolean[] has = new boolean[16];

  static ValueSlots forType(DataType t) {
    return switch (t.kind()) {
      case DOUBLE -> new Doubles();
      case VARCHAR, NULL -> new Objects();
      case DECIMAL -> t.precision() <= 18 ? new Longs() : new Objects();
      default -> new Longs();
    };
  }

  void ensure(int groups) {
    has = AggAccumulator.grow(has, groups);
  }

  /** Folds the non-null values of rows with a group (gid >= 0) into their group's slot. */
  abstract void update(int[] gid, int n, FieldVector v, int mode);

  /** Writes group g's value (NULL if it has none) at {@code row} of {@code out}. */
  abstract void write(int g, FieldVector out, int row);

  static final class Longs extends ValueSlots {
    private long[] values = new long[16];
    private long[] scratch = new long[0];

    @Override
    void ensure(int groups) {
      super.ensure(groups);
      values = AggAccumulator.grow(values, groups);
    }

    @Override
    void update(int[] gid, int n, FieldVector v, int mode) {
      if (scratch.length < n) {
        scratch = new long[n];
      }
      long[] x = scratch;
      ExactValues.readLongs(v, n, x);
      boolean noNulls = v.getNullCount() == 0;
      long[] vals = values;
      boolean[] h = has;
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g < 0 || !(noNulls || !v.isNull(i))) {
          continue;
        }
        long y = x[i];
        if (!h[g]) {
          h[g] = true;
          vals[g] = y;
        } else if (mode == MIN ? y < vals[g] : mode == MAX && y > vals[g]) {
          vals[g] = y;
        }
      }
    }

    @Override
    void write(int g, FieldVector out, int row) {
      if (has[g]) {
        ExactValues.writeLong(out, row, values[g]);
      } else {
        out.setNull(row);
      }
    }
  }

  static final class Doubles extends ValueSlots {
    private double[] values = new double[16];

    @Override
    void ensure(int groups) {
      super.ensure(groups);
      values = AggAccumulator.grow(values, groups);
    }

    @Override
    void update(int[] gid, int n, FieldVector v, int mode) {
      ArrowBuf b = v.getDataBuffer();
      boolean noNulls = v.getNullCount() == 0;
      double[] vals = values;
      boolean[] h = has;
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g < 0 || !(noNulls || !v.isNull(i))) {
          continue;
        }
        double y = b.getDouble((long) i * 8);
        if (!h[g]) {
          h[g] = true;
          vals[g] = y;
        } else if (mode == MIN
            ? Double.compare(y, vals[g]) < 0
            : mode == MAX && Double.compare(y, vals[g]) > 0) {
          vals[g] = y;
        }
      }
    }

    @Override
    void write(int g, FieldVector out, int row) {
      if (has[g]) {
        ((Float8Vector) out).setSafe(row, values[g]);
      } else {
        out.setNull(row);
      }
    }
  }

  static final class Objects extends ValueSlots {
    private Object[] values = new Object[16];

    @Override
    void ensure(int groups) {
      super.ensure(groups);
      values = AggAccumulator.grow(values, groups);
    }

    @Override
    void update(int[] gid, int n, FieldVector v, int mode) {
      if (!(v instanceof DecimalVector) && !(v instanceof VarCharVector)) {
        return; // a NULL-typed column has no values
      }
      boolean noNulls = v.getNullCount() == 0;
      for (int i = 0; i < n; i++) {
        int g = gid[i];
        if (g < 0 || !(noNulls || !v.isNull(i))) {
          continue;
        }
        if (has[g] && mode == FIRST) {
          continue;
        }
        Object y = v instanceof DecimalVector d ? d.getObject(i) : ((VarCharVector) v).get(i);
        if (!has[g] || (mode == MIN ? compare(y, values[g]) < 0 : compare(y, values[g]) > 0)) {
          has[g] = true;
          values[g] = y;
        }
      }
    }

    private static int compare(Object a, Object b) {
      if (a instanceof BigDecimal x) {
        return x.compareTo((BigDecimal) b);
      }
      return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }

    @Override
    void write(int g, FieldVector out, int row) {
      if (!has[g]) {
        out.setNull(row);
      } else if (out instanceof DecimalVector d) {
        ExactValues.writeDecimal(d, row, (BigDecimal) values[g], "value");
      } else {
        ((VarCharVector) out).setSafe(row, (byte[]) values[g]);
      }
    }
  }
}
