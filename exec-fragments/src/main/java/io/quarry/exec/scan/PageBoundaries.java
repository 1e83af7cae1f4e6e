package io.quarry.exec.scan;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * Rows of a row group where a page of every column read begins, from the offset indexes: a range
 * between two of them can be read by fetching whole pages of each column, none shared with the rows
 * outside it.
 */
final class PageBoundaries {
  private static final long[] START_ONLY = {0};

  private PageBoundaries() {}

  /**
   * The first rows of pages common to all {@code chunks} of a row group of {@code rows} rows,
   * ascending, starting with 0; just 0 when a chunk is missing, has no offset index or one that
   * does not describe {@code rows} rows (the row group is then read whole).
   */
  static long[] common(ParquetFileReader reader, List<ColumnChunkMetaData> chunks, long rows) {
    long[] common = null;
    for (ColumnChunkMetaData chunk : chunks) {
      long[] starts = pageStarts(reader, chunk, rows);
      common = common == null ? starts : intersect(common, starts);
      if (common.length == 1) {
        break;
      }
    }
    return common == null ? START_ONLY : common;
  }

  private static long[] pageStarts(ParquetFileReader reader, ColumnChunkMetaData chunk, long rows) {
    if (chunk == null || chunk.getOffsetIndexReference() == null) {
      return START_ONLY;
    }
    OffsetIndex index;
    try {
      index = reader.readOffsetIndex(chunk);
    } catch (IOException | RuntimeException e) {
      // An unreadable index only costs the split: the data itself is checked when decoded.
      return START_ONLY;
    }
    if (index == null || index.getPageCount() == 0 || index.getFirstRowIndex(0) != 0) {
      return START_ONLY;
    }
    long[] starts = new long[index.getPageCount()];
    for (int p = 0; p < starts.length; p++) {
      starts[p] = index.getFirstRowIndex(p);
      if (p > 0 && (starts[p] <= starts[p - 1] || starts[p] >= rows)) {
        return START_ONLY;
      }
    }
    return starts;
  }

  private static long[] intersect(long[] a, long[] b) {
    long[] out = new long[Math.min(a.length, b.length)];
    int n = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        out[n++] = a[i];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
