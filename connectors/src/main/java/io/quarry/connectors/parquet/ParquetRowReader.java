package io.quarry.connectors.parquet;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file row by row into canonical Java values, column by column through
 * parquet-column's readers (no record assembly). Types follow {@link ParquetTypes#importType}.
 */
public final class ParquetRowReader implements AutoCloseable {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final String name;
  private final ParquetFileReader reader;
  private final MessageType schema;
  private final List<Column> columns;
  private final List<ColumnDescriptor> descriptors;
  private final PrimitiveType[] parquetTypes;
  private final long totalRows;
  private final long[] rowGroupStarts;
  private final long[] rowGroupEnds;
  private ColumnReader[] readers;
  private long rowsLeftInGroup;
  private long rowsRead;
  private int rowGroup = -1;

  public ParquetRowReader(Path file, String name) {
    this.name = name;
    this.reader = ParquetFiles.open(file, name);
    try {
      this.schema = reader.getFooter().getFileMetaData().getSchema();
      this.columns = new ArrayList<>();
      this.parquetTypes = new PrimitiveType[schema.getFieldCount()];
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Type field = schema.getType(i);
        DataType type = ParquetTypes.importType(field).orElseThrow(() -> ParquetTypes.unsupported(field, name));
        columns.add(new Column(field.getName(), type));
        parquetTypes[i] = field.asPrimitiveType();
      }
      this.descriptors = schema.getColumns();
      List<BlockMetaData> blocks = reader.getFooter().getBlocks();
      this.rowGroupStarts = new long[blocks.size()];
      this.rowGroupEnds = new long[blocks.size()];
      long rows = 0;
      for (int i = 0; i < blocks.size(); i++) {
        rows += blocks.get(i).getRowCount();
        rowGroupStarts[i] = blocks.get(i).getStartingPos();
        rowGroupEnds[i] = blocks.get(i).getStartingPos() + blocks.get(i).getCompressedSize();
      }
      this.totalRows = rows;
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  public List<Column> columns() {
    return List.copyOf(columns);
  }

  public long totalRows() {
    return totalRows;
  }

  /** Byte offset in the file up to which row groups have been read (for progress). */
  public long bytesConsumed() {
    return rowGroup < 0 ? 0 : rowGroupEnds[Math.min(rowGroup, rowGroupEnds.length - 1)];
  }

  /** The next row, or null at the end. */
  public Object[] next() {
    while (rowsLeftInGroup == 0) {
      if (!nextRowGroup()) {
        return null;
      }
    }
    Object[] row = new Object[readers.length];
    try {
      for (int i = 0; i < readers.length; i++) {
        ColumnReader r = readers[i];
        if (r.getCurrentDefinitionLevel() == descriptors.get(i).getMaxDefinitionLevel()) {
          row[i] = value(r, i);
        }
        r.consume();
      }
    } catch (RuntimeException e) {
      throw ParquetFiles.malformed(
          name, "row group " + rowGroup + " at offset " + rowGroupStarts[rowGroup] + ", row " + rowsRead, e);
    }
    rowsLeftInGroup--;
    rowsRead++;
    return row;
  }

  private boolean nextRowGroup() {
    int index = rowGroup + 1;
    try {
      PageReadStore pages = reader.readNextRowGroup();
      if (pages == null) {
        return false;
      }
      rowGroup++;
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(
          pages, new NoOpGroupConverter(descriptors.size()), schema, reader.getFileMetaData().getCreatedBy());
      readers = new ColumnReader[descriptors.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = store.getColumnReader(descriptors.get(i));
      }
      rowsLeftInGroup = pages.getRowCount();
      return true;
    } catch (IOException | RuntimeException e) {
      String offset = index < rowGroupStarts.length ? " at offset " + rowGroupStarts[index] : "";
      throw ParquetFiles.malformed(name, "row group " + index + offset, e);
    }
  }

  private Object value(ColumnReader r, int i) {
    PrimitiveType p = parquetTypes[i];
    DataType type = columns.get(i).type();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    return switch (type.kind()) {
      case BOOLEAN -> r.getBoolean();
      case INT, DATE -> r.getInteger();
      case BIGINT -> p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
          ? (Object) Integer.toUnsignedLong(r.getInteger())
          : (Object) r.getLong();
      case DOUBLE -> p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT
          ? (Object) (double) r.getFloat()
          : (Object) r.getDouble();
      case DECIMAL -> decimal(r, p, type);
      case TIMESTAMP -> timestamp(r, p, logical);
      case VARCHAR -> logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
          ? uuid(r.getBinary())
          : r.getBinary().toStringUsingUTF8();
      default -> throw new IllegalStateException("unexpected type " + type);
    };
  }

  private static BigDecimal decimal(ColumnReader r, PrimitiveType p, DataType type) {
    BigInteger unscaled = switch (p.getPrimitiveTypeName()) {
      case INT32 -> BigInteger.valueOf(r.getInteger());
      case INT64 -> p.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation
          ? new BigInteger(Long.toUnsignedString(r.getLong()))
          : BigInteger.valueOf(r.getLong());
      default -> new BigInteger(r.getBinary().getBytes());
    };
    return new BigDecimal(unscaled, type.scale());
  }

  private static long timestamp(ColumnReader r, PrimitiveType p, LogicalTypeAnnotation logical) {
    if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
      ByteBuffer b = r.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = b.getLong();
      long julianDay = Integer.toUnsignedLong(b.getInt());
      return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + nanosOfDay / 1000;
    }
    long raw = r.getLong();
    return switch (((TimestampLogicalTypeAnnotation) logical).getUnit()) {
      case MILLIS -> raw * 1000;
      case MICROS -> raw;
      case NANOS -> Math.floorDiv(raw, 1000L);
    };
  }

  private static String uuid(Binary b) {
    ByteBuffer buf = b.toByteBuffer();
    return new UUID(buf.getLong(), buf.getLong()).toString();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot close " + name + ": " + e, e);
    }
  }

  private void closeQuietly() {
    try {
      reader.close();
    } catch (IOException | RuntimeException ignored) {
      // the original failure is the one worth reporting
    }
  }

  /** Column readers want converters; values are pulled through the readers' getters instead. */
  private static final class NoOpGroupConverter extends GroupConverter {
    private final PrimitiveConverter[] converters;

    NoOpGroupConverter(int n) {
      converters = new PrimitiveConverter[n];
      for (int i = 0; i < n; i++) {
        converters[i] = new PrimitiveConverter() {};
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
