package io.quarry.exec.vector;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.types.Column;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Helpers over Arrow batches of Quarry's types (see {@link ArrowTypes}). Values read and written
 * through {@link #get} and {@link #set} are in the canonical Java forms of {@link
 * io.quarry.types.DataType}; they are for tests, literal rows and slow paths, never hot loops.
 *
 * <p>Every method that writes leaves value counts to the caller unless it says otherwise; methods
 * that return a root return one the caller owns, with its row count set.
 */
public final class Batches {
  private Batches() {}

  /** An empty root (no rows, no buffers yet) for these columns. */
  public static VectorSchemaRoot allocate(List<Column> columns, BufferAllocator allocator) {
    return VectorSchemaRoot.create(ArrowTypes.toSchema(columns), allocator);
  }

  /** An empty root for this schema. */
  public static VectorSchemaRoot allocate(Schema schema, BufferAllocator allocator) {
    return VectorSchemaRoot.create(schema, allocator);
  }

  /**
   * A root for these columns with room for {@code capacity} rows in every vector (variable-width
   * vectors grow as written through the *Safe setters).
   */
  public static VectorSchemaRoot allocate(
      List<Column> columns, BufferAllocator allocator, int capacity) {
    VectorSchemaRoot root = allocate(columns, allocator);
    try {
      for (FieldVector v : root.getFieldVectors()) {
        allocate(v, capacity);
      }
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    return root;
  }

  /** Allocates room for {@code capacity} rows, clearing the vector's validity (all null). */
  public static void allocate(FieldVector v, int capacity) {
    v.setInitialCapacity(Math.max(capacity, 1));
    v.allocateNew();
  }

  /** An empty batch (zero rows) with this schema. */
  public static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.setRowCount(0);
    return root;
  }

  /**
   * Copies row {@code from} of {@code src} into row {@code to} of {@code dst} (same type), nulls
   * included, growing {@code dst} as needed. The caller sets {@code dst}'s value count afterwards.
   */
  public static void copyValue(FieldVector src, int from, FieldVector dst, int to) {
    if (dst instanceof NullVector) {
      return;
    }
    dst.copyFromSafe(from, to, src);
  }

  /**
   * A new batch made of rows {@code rows[0..count)} of {@code in}, in that order (rows may repeat).
   */
  public static VectorSchemaRoot gather(
      VectorSchemaRoot in, int[] rows, int count, BufferAllocator allocator) {
    VectorSchemaRoot out = VectorSchemaRoot.create(in.getSchema(), allocator);
    try {
      List<FieldVector> srcs = in.getFieldVectors();
      List<FieldVector> dsts = out.getFieldVectors();
      for (int c = 0; c < srcs.size(); c++) {
        gather(srcs.get(c), rows, count, dsts.get(c));
      }
      out.setRowCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /**
   * Fills the empty vector {@code dst} with rows {@code rows[0..count)} of {@code src} and sets its
   * value count.
   */
  public static void gather(FieldVector src, int[] rows, int count, FieldVector dst) {
    if (dst instanceof NullVector) {
      dst.setValueCount(count);
      return;
    }
    if (src instanceof BaseFixedWidthVector s
        && dst instanceof BaseFixedWidthVector d
        && !(src instanceof BitVector)) {
      gatherFixed(s, rows, count, d);
      return;
    }
    if (src instanceof BaseVariableWidthVector s && dst instanceof BaseVariableWidthVector d) {
      gatherVariable(s, rows, count, d);
      return;
    }
    allocate(dst, count);
    for (int i = 0; i < count; i++) {
      dst.copyFromSafe(rows[i], i, src);
    }
    dst.setValueCount(count);
  }

  private static void gatherFixed(
      BaseFixedWidthVector src, int[] rows, int count, BaseFixedWidthVector dst) {
    allocate(dst, count);
    if (count == 0) {
      dst.setValueCount(0);
      return;
    }
    int width = src.getTypeWidth();
    checkRows(rows, count, src.getValueCount());
    long sv = src.getDataBuffer().memoryAddress();
    long dv = dst.getDataBuffer().memoryAddress();
    switch (width) {
      case 4 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putInt(dv + 4L * i, MemoryUtil.getInt(sv + 4L * rows[i]));
        }
      }
      case 8 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putLong(dv + 8L * i, MemoryUtil.getLong(sv + 8L * rows[i]));
        }
      }
      case 16 -> {
        for (int i = 0; i < count; i++) {
          long s = sv + 16L * rows[i];
          long d = dv + 16L * i;
          MemoryUtil.putLong(d, MemoryUtil.getLong(s));
          MemoryUtil.putLong(d + 8, MemoryUtil.getLong(s + 8));
        }
      }
      default -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.copyMemory(sv + (long) width * rows[i], dv + (long) width * i, width);
        }
      }
    }
    gatherValidity(src, rows, count, dst.getValidityBuffer());
    dst.setValueCount(count);
  }

  private static void checkRows(int[] rows, int count, int valueCount) {
    int max = -1;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, rows[i]);
    }
    if (max >= valueCount || count > rows.length) {
      throw new IndexOutOfBoundsException(
          "row " + max + " of a vector with " + valueCount + " values");
    }
  }

  private static void gatherValidity(FieldVector src, int[] rows, int count, ArrowBuf dstValidity) {
    // Counting the source's nulls reads its whole validity buffer: worth it only when the source
    // is not much larger than what is gathered (not, say, for a join's build side).
    if (src.getValueCount() <= 4L * count + 64 && src.getNullCount() == 0) {
      setAllValid(dstValidity, count);
      return;
    }
    long s = src.getValidityBuffer().memoryAddress();
    long d = dstValidity.memoryAddress();
    int full = count & ~7;
    for (int i = 0; i < full; i += 8) {
      int b = 0;
      for (int k = 0; k < 8; k++) {
        int r = rows[i + k];
        b |= ((MemoryUtil.getByte(s + (r >>> 3)) >>> (r & 7)) & 1) << k;
      }
      MemoryUtil.putByte(d + (i >>> 3), (byte) b);
    }
    for (int i = full; i < count; i++) {
      int r = rows[i];
      if (((MemoryUtil.getByte(s + (r >>> 3)) >>> (r & 7)) & 1) != 0) {
        BitVectorHelper.setBit(dstValidity, i);
      }
    }
  }

  private static void gatherVariable(
      BaseVariableWidthVector src, int[] rows, int count, BaseVariableWidthVector dst) {
    checkRows(rows, count, src.getValueCount());
    long soff = src.getOffsetBuffer().memoryAddress();
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      long at = soff + 4L * rows[i];
      bytes += MemoryUtil.getInt(at + 4) - MemoryUtil.getInt(at);
    }
    dst.allocateNew(Math.max(bytes, 1), Math.max(count, 1));
    long sdata = src.getDataBuffer().memoryAddress();
    long ddata = dst.getDataBuffer().memoryAddress();
    long doff = dst.getOffsetBuffer().memoryAddress();
    int pos = 0;
    MemoryUtil.putInt(doff, 0);
    for (int i = 0; i < count; i++) {
      long at = soff + 4L * rows[i];
      int start = MemoryUtil.getInt(at);
      int len = MemoryUtil.getInt(at + 4) - start;
      copySmall(sdata + start, ddata + pos, len);
      pos += len;
      MemoryUtil.putInt(doff + 4L * (i + 1), pos);
    }
    if (count > 0) {
      gatherValidity(src, rows, count, dst.getValidityBuffer());
    }
    dst.setLastSet(count - 1);
    dst.setValueCount(count);
  }

  /** Copies bytes between addresses; short runs byte by byte (cheaper than a bulk copy call). */
  public static void copySmall(long from, long to, int len) {
    if (len > 16) {
      MemoryUtil.copyMemory(from, to, len);
      return;
    }
    for (int k = 0; k < len; k++) {
      MemoryUtil.putByte(to + k, MemoryUtil.getByte(from + k));
    }
  }

  /** Marks rows 0..count-1 of a validity buffer as non-null. */
  public static void setAllValid(ArrowBuf validity, int count) {
    int fullBytes = count >>> 3;
    validity.setOne(0, fullBytes);
    for (int i = fullBytes << 3; i < count; i++) {
      BitVectorHelper.setBit(validity, i);
    }
  }

  /** Marks rows {@code [from, from + count)} of a validity buffer as non-null. */
  public static void setValidRange(ArrowBuf validity, int from, int count) {
    int i = from;
    int end = from + count;
    while (i < end && (i & 7) != 0) {
      BitVectorHelper.setBit(validity, i++);
    }
    int fullBytes = (end - i) >>> 3;
    if (fullBytes > 0) {
      validity.setOne(i >>> 3, fullBytes);
      i += fullBytes << 3;
    }
    while (i < end) {
      BitVectorHelper.setBit(validity, i++);
    }
  }

  /** Rows {@code [from, from + length)} of {@code in} as a new batch sharing or copying buffers. */
  public static VectorSchemaRoot slice(
      VectorSchemaRoot in, int from, int length, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>(in.getFieldVectors().size());
    try {
      for (FieldVector v : in.getFieldVectors()) {
        TransferPair tp = v.getTransferPair(v.getField(), allocator);
        if (v instanceof NullVector) {
          tp.getTo().setValueCount(length);
        } else {
          tp.splitAndTransfer(from, length);
        }
        out.add((FieldVector) tp.getTo());
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
    VectorSchemaRoot root = new VectorSchemaRoot(in.getSchema().getFields(), out, length);
    return root;
  }

  /**
   * The batch relabelled with {@code schema} (same types; names or nullability may differ). Returns
   * {@code batch} itself when the schemas are equal; otherwise moves its buffers into a new root
   * and closes {@code batch}.
   */
  public static VectorSchemaRoot withSchema(VectorSchemaRoot batch, Schema schema) {
    if (batch.getSchema().equals(schema)) {
      return batch;
    }
    VectorSchemaRoot out = relabel(batch, schema);
    batch.close();
    return out;
  }

  /**
   * A new batch under {@code schema} (same types, other names) that takes over {@code batch}'s
   * buffers without copying; {@code batch} stays open with empty vectors, so a reader can load its
   * next batch into it.
   */
  public static VectorSchemaRoot relabel(VectorSchemaRoot batch, Schema schema) {
    List<FieldVector> in = batch.getFieldVectors();
    if (in.size() != schema.getFields().size()) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "batch has " + in.size() + " columns, expected " + schema.getFields().size());
    }
    List<FieldVector> out = new ArrayList<>(in.size());
    try {
      for (int i = 0; i < in.size(); i++) {
        FieldVector src = in.get(i);
        FieldVector dst = schema.getFields().get(i).createVector(src.getAllocator());
        out.add(dst);
        if (src instanceof NullVector) {
          dst.setValueCount(batch.getRowCount());
        } else {
          src.makeTransferPair(dst).transfer();
        }
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(schema.getFields(), out, batch.getRowCount());
  }

  /** The bytes of Arrow buffers a batch holds (what it costs in memory or on the wire). */
  public static long bufferBytes(VectorSchemaRoot batch) {
    long total = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      total += v.getBufferSize();
    }
    return total;
  }

  /** The value of row {@code row} in its canonical Java form, or null. */
  public static Object get(FieldVector v, int row) {
    if (v instanceof NullVector || v.isNull(row)) {
      return null;
    }
    if (v instanceof BitVector b) {
      return b.get(row) != 0;
    } else if (v instanceof IntVector i) {
      return i.get(row);
    } else if (v instanceof BigIntVector l) {
      return l.get(row);
    } else if (v instanceof Float8Vector d) {
      return d.get(row);
    } else if (v instanceof DecimalVector d) {
      return d.getObject(row);
    } else if (v instanceof DateDayVector d) {
      return d.get(row);
    } else if (v instanceof TimeStampMicroVector t) {
      return t.get(row);
    } else if (v instanceof VarCharVector s) {
      return new String(s.get(row), StandardCharsets.UTF_8);
    }
    throw new QuarryException(
        ErrorCode.INTERNAL_ERROR, "unsupported vector " + v.getClass().getSimpleName());
  }

  /**
   * Writes {@code value} (canonical Java form, or null) at row {@code row}, growing the vector as
   * needed. Numbers are converted to the vector's type when that is exact.
   */
  public static void set(FieldVector v, int row, Object value) {
    if (v instanceof NullVector) {
      if (value != null) {
        throw new IllegalArgumentException("non-null value for a NULL column: " + value);
      }
      return;
    }
    if (value == null) {
      v.setNull(row);
      return;
    }
    if (v instanceof BitVector b) {
      b.setSafe(row, ((Boolean) value) ? 1 : 0);
    } else if (v instanceof IntVector i) {
      i.setSafe(row, ((Number) value).intValue());
    } else if (v instanceof BigIntVector l) {
      l.setSafe(row, ((Number) value).longValue());
    } else if (v instanceof Float8Vector d) {
      d.setSafe(row, ((Number) value).doubleValue());
    } else if (v instanceof DecimalVector d) {
      BigDecimal bd = value instanceof BigDecimal x ? x : new BigDecimal(value.toString());
      BigDecimal scaled;
      try {
        scaled = bd.setScale(d.getScale(), RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "value " + bd + " does not fit DECIMAL scale " + d.getScale(), e);
      }
      if (scaled.precision() > d.getPrecision()) {
        throw new QuarryException(
            ErrorCode.NUMERIC_OVERFLOW,
            "value "
                + bd
                + " does not fit DECIMAL("
                + d.getPrecision()
                + ", "
                + d.getScale()
                + ")");
      }
      d.setSafe(row, scaled);
    } else if (v instanceof DateDayVector d) {
      d.setSafe(row, ((Number) value).intValue());
    } else if (v instanceof TimeStampMicroVector t) {
      t.setSafe(row, ((Number) value).longValue());
    } else if (v instanceof VarCharVector s) {
      s.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else {
      throw new QuarryException(
          ErrorCode.INTERNAL_ERROR, "unsupported vector " + v.getClass().getSimpleName());
    }
  }

  /** Builds a batch from rows of canonical Java values (for literal rows and tests). */
  public static VectorSchemaRoot fromRows(
      List<Column> columns, List<? extends List<?>> rows, BufferAllocator allocator) {
    VectorSchemaRoot root = allocate(columns, allocator, rows.size());
    try {
      List<FieldVector> vs = root.getFieldVectors();
      for (int r = 0; r < rows.size(); r++) {
        List<?> row = rows.get(r);
        for (int c = 0; c < vs.size(); c++) {
          set(vs.get(c), r, row.get(c));
        }
      }
      root.setRowCount(rows.size());
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    return root;
  }

  /** The rows of a batch as lists of canonical Java values (for tests and small results). */
  public static List<List<Object>> toRows(VectorSchemaRoot root) {
    List<List<Object>> out = new ArrayList<>(root.getRowCount());
    List<FieldVector> vs = root.getFieldVectors();
    for (int r = 0; r < root.getRowCount(); r++) {
      List<Object> row = new ArrayList<>(vs.size());
      for (FieldVector v : vs) {
        row.add(get(v, r));
      }
      out.add(row);
    }
    return out;
  }
}
