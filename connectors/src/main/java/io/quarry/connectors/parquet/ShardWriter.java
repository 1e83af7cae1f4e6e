package io.quarry.connectors.parquet;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one shard: a Parquet file of rows in canonical Java forms (see {@link
 * io.quarry.types.DataType}). Every writer setting is fixed here, so the same rows always give the
 * same bytes and so the same CID: zstd at a fixed level, 1 MiB pages, dictionaries, format v1
 * pages, page checksums, full column statistics, no bloom filters, no key/value metadata beyond the
 * writer name, and one row group per {@link #ROW_GROUP_ROWS} rows.
 */
public final class ShardWriter implements AutoCloseable {
  /** The writer name ("writer.model.name" in the footer's key/value metadata) of every shard. */
  public static final String WRITER_NAME = "quarry";

  /** A shard of at most this many rows is a single row group. */
  public static final int ROW_GROUP_ROWS = 1 << 20;

  /** Large enough that the row count, not the byte size, ends a row group in practice. */
  private static final long ROW_GROUP_BYTES = 1L << 30;

  private static final int PAGE_BYTES = 1 << 20;
  private static final int PAGE_ROWS = 20_000;
  private static final int DICTIONARY_PAGE_BYTES = 1 << 20;

  private final Path out;
  private final List<Column> columns;
  private final RowWriteSupport support;
  private final ParquetWriter<Object[]> writer;
  private long rows;

  public ShardWriter(Path out, List<Column> columns) {
    this.out = requireNonNull(out, "out is null");
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("a shard needs at least one column");
    }
    this.support = new RowWriteSupport(this.columns);
    try {
      this.writer = new Builder(new LocalOutputFile(out), support)
          .withConf(new PlainParquetConfiguration())
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCodecFactory(QuarryCodecFactory.INSTANCE)
          .withCompressionCodec(CompressionCodecName.ZSTD)
          .withWriterVersion(WriterVersion.PARQUET_1_0)
          .withRowGroupSize(ROW_GROUP_BYTES)
          .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
          .withPageSize(PAGE_BYTES)
          .withPageRowCountLimit(PAGE_ROWS)
          .withDictionaryPageSize(DICTIONARY_PAGE_BYTES)
          .withDictionaryEncoding(true)
          .withByteStreamSplitEncoding(false)
          .withBloomFilterEnabled(false)
          .withStatisticsEnabled(true)
          .withSizeStatisticsEnabled(true)
          .withStatisticsTruncateLength(Integer.MAX_VALUE)
          .withColumnIndexTruncateLength(64)
          .withPageWriteChecksumEnabled(true)
          .withMaxPaddingSize(0)
          .withValidation(false)
          .build();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot create shard " + out + ": " + e.getMessage(), e);
    }
  }

  public List<Column> columns() {
    return columns;
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Bytes of the file so far, including buffered pages of the current row group. */
  public long dataSize() {
    return writer.getDataSize();
  }

  /**
   * Appends one row; values in canonical Java forms, one per column, null for NULL. A value that
   * does not fit its column throws IllegalArgumentException and leaves the writer usable.
   */
  public void write(Object[] row) {
    Object[] prepared = support.prepare(row);
    try {
      writer.write(prepared);
      rows++;
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot write shard " + out + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException | UncheckedIOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot finish shard " + out + ": " + e.getMessage(), e);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
