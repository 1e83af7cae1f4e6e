package io.quarry.exec.ops;

import io.quarry.exec.plan.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Compares two rows of one batch by sort keys. Key values are first copied out of the vectors into
 * primitive arrays specialised per type (longs, doubles, 128-bit decimals, UTF-8 bytes compared
 * unsigned, which is code point order), so comparisons never touch Arrow buffers.
 */
@FunctionalInterface
interface RowComparator {
  int compare(int a, int b);

  /**
   * A comparator over {@code keys}; with {@code canonical}, ties are broken by every other column
   * ascending (NULLs last), so equal keys still come out in one deterministic order.
   */
  static RowComparator of(VectorSchemaRoot root, List<SortKey> keys, boolean canonical) {
    List<SortKey> all = new ArrayList<>(keys);
    if (canonical) {
      boolean[] used = new boolean[root.getFieldVectors().size()];
      keys.forEach(k -> used[k.column()] = true);
      for (int c = 0; c < used.length; c++) {
        if (!used[c]) {
          all.add(new SortKey(c, false, false));
        }
      }
    }
    // Tie-breaking columns are extracted only when a tie first reaches them.
    KeyColumn[] cols = new KeyColumn[all.size()];
    for (int k = 0; k < keys.size(); k++) {
      cols[k] = KeyColumn.of(root.getVector(keys.get(k).column()), root.getRowCount(), keys.get(k));
    }
    if (cols.length == 1 && keys.size() == 1) {
      return cols[0]::compare;
    }
    return (a, b) -> {
      for (int k = 0; k < cols.length; k++) {
        KeyColumn col = cols[k];
        if (col == null) {
          SortKey key = all.get(k);
          col = KeyColumn.of(root.getVector(key.column()), root.getRowCount(), key);
          cols[k] = col;
        }
        int c = col.compare(a, b);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  /** One key's values, extracted from a vector. */
  abstract class KeyColumn {
    private final boolean[] nulls; // null when the column has none
    private final int sign;
    private final int nullOrder;

    KeyColumn(FieldVector v, int n, SortKey key) {
      if (v instanceof NullVector) {
        nulls = new boolean[n];
        Arrays.fill(nulls, true);
      } else if (v.getNullCount() > 0) {
        nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
          nulls[i] = v.isNull(i);
        }
      } else {
        nulls = null;
      }
      sign = key.descending() ? -1 : 1;
      nullOrder = key.nullsFirst() ? -1 : 1;
    }

    static KeyColumn of(FieldVector v, int n, SortKey key) {
      if (v instanceof NullVector) {
        return new KeyColumn(v, n, key) {
          @Override
          int compareValues(int a, int b) {
            return 0;
          }
        };
      } else if (v instanceof Float8Vector f) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = f.getDataBuffer().getDouble((long) i * 8);
        }
        return new KeyColumn(v, n, key) {
          @Override
          int compareValues(int a, int b) {
            return Double.compare(x[a], x[b]);
          }
        };
      } else if (v instanceof DecimalVector d) {
        long[] lo = new long[n];
        long[] hi = new long[n];
        ArrowBuf buf = d.getDataBuffer();
        for (int i = 0; i < n; i++) {
          lo[i] = buf.getLong((long) i * 16);
          hi[i] = buf.getLong((long) i * 16 + 8);
        }
        return new KeyColumn(v, n, key) {
          @Override
          int compareValues(int a, int b) {
            int c = Long.compare(hi[a], hi[b]);
            return c != 0 ? c : Long.compareUnsigned(lo[a], lo[b]);
          }
        };
      } else if (v instanceof VarCharVector s) {
        ArrowBuf offBuf = s.getOffsetBuffer();
        int[] off = new int[n + 1];
        for (int i = 0; i <= n; i++) {
          off[i] = n == 0 ? 0 : offBuf.getInt((long) i * 4);
        }
        byte[] data = new byte[off[n]];
        s.getDataBuffer().getBytes(0, data, 0, data.length);
        return new KeyColumn(v, n, key) {
          @Override
          int compareValues(int a, int b) {
            return Arrays.compareUnsigned(data, off[a], off[a + 1], data, off[b], off[b + 1]);
          }
        };
      }
      long[] x = new long[n];
      ExactValues.readLongs(v, n, x);
      return new KeyColumn(v, n, key) {
        @Override
        int compareValues(int a, int b) {
          return Long.compare(x[a], x[b]);
        }
      };
    }

    abstract int compareValues(int a, int b);

    final int compare(int a, int b) {
      if (nulls != null) {
        boolean na = nulls[a];
        boolean nb = nulls[b];
        if (na || nb) {
          return na == nb ? 0 : na ? nullOrder : -nullOrder;
        }
      }
      return sign * compareValues(a, b);
    }
  }
}
