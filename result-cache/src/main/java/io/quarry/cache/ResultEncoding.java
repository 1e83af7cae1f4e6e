package io.quarry.cache;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * The stored form of a result: an Arrow IPC stream of batches of {@link #BATCH_ROWS} rows (the last
 * one shorter; one empty batch for no rows), written from freshly zeroed vectors so the bytes
 * depend only on the rows, never on what memory held before. With {@code canonicalOrder} the rows
 * are first sorted by every column ascending, NULLs last: then the same rows always give the same
 * bytes, whatever order they were computed in.
 */
public final class ResultEncoding {
  /** Rows per stored batch; fixed, because batch boundaries are part of the bytes. */
  public static final int BATCH_ROWS = 64 * 1024;

  /** Ascending by every column, NULLs last; DOUBLE by {@link Double#compare} (a total order). */
  public static final Comparator<List<Object>> CANONICAL_ORDER = ResultEncoding::compareRows;

  private ResultEncoding() {}

  /** The IPC stream of {@code rows} (canonical Java values) under {@code columns}. */
  public static byte[] encode(
      List<Column> columns, List<List<Object>> rows, boolean canonicalOrder, BufferAllocator allocator) {
    List<List<Object>> ordered = rows;
    if (canonicalOrder) {
      ordered = new ArrayList<>(rows);
      ordered.sort(CANONICAL_ORDER);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot schemaOnly = Batches.allocate(columns, allocator);
        ArrowStreamWriter writer =
            new ArrowStreamWriter(schemaOnly, null, Channels.newChannel(out))) {
      writer.start();
      int from = 0;
      do {
        int to = Math.min(ordered.size(), from + BATCH_ROWS);
        try (VectorSchemaRoot batch = Batches.fromRows(columns, ordered.subList(from, to), allocator);
            ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
          new VectorLoader(schemaOnly).load(record);
          writer.writeBatch();
        }
        from = to;
      } while (from < ordered.size());
      writer.end();
    } catch (IOException e) {
      throw QuarryException.internal("cannot encode a result: " + e, e);
    }
    return out.toByteArray();
  }

  /** The columns and rows of an IPC stream (for reading results back and for tests). */
  public static Decoded decode(byte[] ipc, BufferAllocator allocator) {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<Column> columns = ArrowTypes.toColumns(root.getSchema());
      List<List<Object>> rows = new ArrayList<>();
      while (reader.loadNextBatch()) {
        rows.addAll(Batches.toRows(root));
      }
      return new Decoded(columns, rows);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.CORRUPT_DATA, "stored result is not an Arrow IPC stream: " + e, e);
    }
  }

  /** A result read back: its columns and rows. */
  public record Decoded(List<Column> columns, List<List<Object>> rows) {}

  private static int compareRows(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    if (x instanceof Double dx && y instanceof Double dy) {
      return Double.compare(dx, dy);
    }
    if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
      int c = bx.compareTo(by);
      return c != 0 ? c : Integer.compare(bx.scale(), by.scale());
    }
    return ((Comparable) x).compareTo(y);
  }
}
