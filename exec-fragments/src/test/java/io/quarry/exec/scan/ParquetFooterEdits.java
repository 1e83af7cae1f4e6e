package io.quarry.exec.scan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.PageLocation;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Copies of Parquet files with their page indexes removed or altered, as other writers make them.
 */
final class ParquetFooterEdits {
  private ParquetFooterEdits() {}

  /** {@code in} without column and offset indexes (as written by writers that skip them). */
  static void withoutPageIndexes(Path in, Path out) throws IOException {
    byte[] bytes = Files.readAllBytes(in);
    int footerStart = footerStart(bytes);
    FileMetaData meta = Util.readFileMetaData(footer(bytes, footerStart));
    for (RowGroup g : meta.getRow_groups()) {
      for (ColumnChunk c : g.getColumns()) {
        c.unsetOffset_index_offset();
        c.unsetOffset_index_length();
        c.unsetColumn_index_offset();
        c.unsetColumn_index_length();
      }
    }
    write(out, Arrays.copyOf(bytes, footerStart), new byte[0], meta);
  }

  /**
   * {@code in} with the first row index of every page of {@code column} (in every row group)
   * replaced by {@code rows(first row index)}: an offset index that lies about where pages begin.
   */
  static void withPageRows(Path in, Path out, String column, LongUnaryOperator rows)
      throws IOException {
    byte[] bytes = Files.readAllBytes(in);
    int footerStart = footerStart(bytes);
    FileMetaData meta = Util.readFileMetaData(footer(bytes, footerStart));
    ByteArrayOutputStream indexes = new ByteArrayOutputStream();
    for (RowGroup g : meta.getRow_groups()) {
      for (ColumnChunk c : g.getColumns()) {
        if (!c.getMeta_data().getPath_in_schema().equals(java.util.List.of(column))) {
          continue;
        }
        OffsetIndex index =
            Util.readOffsetIndex(
                new ByteArrayInputStream(
                    bytes, (int) c.getOffset_index_offset(), c.getOffset_index_length()));
        for (PageLocation p : index.getPage_locations()) {
          p.setFirst_row_index(rows.applyAsLong(p.getFirst_row_index()));
        }
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        Util.writeOffsetIndex(index, one);
        c.setOffset_index_offset(footerStart + indexes.size());
        c.setOffset_index_length(one.size());
        indexes.write(one.toByteArray());
      }
    }
    write(out, Arrays.copyOf(bytes, footerStart), indexes.toByteArray(), meta);
  }

  private static int footerStart(byte[] bytes) {
    int len = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return bytes.length - 8 - len;
  }

  private static ByteArrayInputStream footer(byte[] bytes, int footerStart) {
    return new ByteArrayInputStream(bytes, footerStart, bytes.length - 8 - footerStart);
  }

  private static void write(Path out, byte[] data, byte[] extra, FileMetaData meta)
      throws IOException {
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, footer);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(data);
    file.write(extra);
    file.write(footer.toByteArray());
    file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    file.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    Files.write(out, file.toByteArray());
  }
}
